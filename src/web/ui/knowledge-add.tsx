// Adding a knowledge source: choose its kind (files, snippets, website, Help Center), fill in its fields and, for
// files, pick one or more files to upload; a Help Center portal is picked by name from the helpdesk's list. The source is created first, then each file is uploaded to it; a refused file (wrong
// type, too large) is reported by name and the source and the other files are kept.
import { useEffect, useState } from 'preact/hooks';
import type { Portal } from '../../chatwoot/help-center.js';
import { useForm } from './form-context.js';
import { type knowledgeClient, message } from './knowledge-client.js';
import { editedFields, newSource, SourceFields, sourcesSchema } from './knowledge-fields.js';

export function AddSource({ client, onAdded }: { client: ReturnType<typeof knowledgeClient>; onAdded: () => void }) {
  const { t, root } = useForm();
  const { kinds } = sourcesSchema(root);
  const [type, setType] = useState(() => (kinds.has('snippets') ? 'snippets' : ([...kinds.keys()][0] ?? '')));
  const kind = kinds.get(type);
  const [value, setValue] = useState(() => (kind ? newSource(kind, root) : {}));
  const [files, setFiles] = useState<File[]>([]);
  /** Bumped after each add: the file picker is created anew, empty. */
  const [added, setAdded] = useState(0);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const choose = (next: string) => {
    setType(next);
    const nextKind = kinds.get(next);
    // The name typed so far is kept across kinds.
    if (nextKind) setValue({ ...newSource(nextKind, root), name: value['name'] ?? '' });
  };
  const submit = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const source = await client.add({ ...editedFields(value), type });
      const failed: string[] = [];
      for (const file of files) {
        await client.upload(source.id, file).catch((e: unknown) => failed.push(`${file.name}: ${message(t, e)}`));
      }
      setErrors(failed);
      if (kind) setValue(newSource(kind, root));
      setFiles([]);
      setAdded(added + 1);
      onAdded();
    } catch (e) {
      setErrors([message(t, e)]);
    } finally {
      setBusy(false);
    }
  };
  const [portals, setPortals] = useState<Portal[] | null>(null);
  useEffect(() => {
    if (type !== 'helpcenter' || portals) return;
    client.portals().then(setPortals, (e: unknown) => {
      setPortals([]);
      setErrors([message(t, e)]);
    });
  }, [type]);
  /** A portal is the source: its slug, and its name unless one was typed. */
  const pickPortal = (slug: string) => {
    const portal = portals?.find((p) => p.slug === slug);
    setValue({ ...value, portal: slug, name: value['name'] || (portal?.name ?? '') });
  };
  if (!kind) return null;
  return (
    <details class="add-source" id="add-source">
      <summary>{t('knowledge.add')}</summary>
      <label class="field">{t('knowledge.kind')}{' '}
        <select id="new-source-type" value={type} onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value)}>
          {[...kinds.keys()].map((k) => <option value={k}>{t(`knowledge.type.${k}`)}</option>)}
        </select>
      </label>
      <p class="help">{t(`knowledge.typeHelp.${type}`)}</p>
      {type === 'helpcenter' && (
        <label class="field">{t('knowledge.portal')}{' '}
          <select id="new-source-portal" value={String(value['portal'] ?? '')} onChange={(e) => pickPortal((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{portals === null ? t('common.loading') : portals.length ? t('knowledge.choosePortal') : t('knowledge.noPortals')}</option>
            {(portals ?? []).map((p) => <option value={p.slug}>{p.name}</option>)}
          </select>
        </label>
      )}
      <SourceFields key={type} kind={kind} value={value} path="new-source" onChange={setValue} />
      {type === 'files' && (
        <label class="field upload">{t('knowledge.chooseFiles')}{' '}
          <input key={added} id="new-source-files" type="file" multiple onChange={(e) => setFiles([...((e.currentTarget as HTMLInputElement).files ?? [])])} />
        </label>
      )}
      <button type="button" id="add-source-submit" class="primary" disabled={busy} onClick={() => void submit()}>
        {busy ? t('knowledge.adding') : t('knowledge.addButton')}
      </button>
      {errors.map((e) => <p class="error" role="alert">{e}</p>)}
    </details>
  );
}
