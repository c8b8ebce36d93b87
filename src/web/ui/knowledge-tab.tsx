// The Knowledge tab's live part: the selected profile's sources with their status (documents, chunks, last sync,
// errors, syncing), adding one, and each one's commands (sync, enable/disable/disconnect, upload, edit, delete).
// Everything here goes through /api/knowledge and acts at once on the published settings, not on the draft; the
// page says so, and the draft editor never writes sources back (knowledge-client.ts withPublishedSources).
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { useForm } from './form-context.js';
import { AddSource } from './knowledge-add.js';
import { type KnowledgeFolder, knowledgeClient, message, type Source, type SourceCommand } from './knowledge-client.js';
import { editedFields, SourceFields, sourcesSchema } from './knowledge-fields.js';
import { TestQuestion } from './knowledge-search.js';

type Client = ReturnType<typeof knowledgeClient>;
/** How often the list is read again while the server reports a source syncing (a scheduled website crawl). */
const SYNC_POLL_MS = 3000;

export function KnowledgeTab({ profile }: { profile: string }) {
  const { t, root } = useForm();
  const client = knowledgeClient(profile);
  const { max } = sourcesSchema(root);
  const [sources, setSources] = useState<Source[] | null>(null);
  const [problem, setProblem] = useState('');
  const load = () =>
    client.list().then(
      (list) => {
        setSources(list);
        setProblem('');
      },
      (e: unknown) => setProblem(e instanceof ApiError && e.status === 404 ? t('knowledge.unpublished') : message(t, e)),
    );
  // The folder is shown when one is indexed; a server without one answers 404 and the card stays away.
  const [folder, setFolder] = useState<KnowledgeFolder | null>(null);
  useEffect(() => {
    setSources(null);
    void load();
    client.folder().then(setFolder, () => setFolder(null));
  }, [profile]);
  useEffect(() => {
    if (!sources?.some((s) => s.status.syncing)) return;
    const timer = setTimeout(() => void load(), SYNC_POLL_MS);
    return () => clearTimeout(timer);
  }, [sources]);

  const replace = (next: Source) => setSources((list) => list?.map((s) => (s.id === next.id ? next : s)) ?? null);
  return (
    <section class="knowledge" data-profile={profile}>
      <p class="notice" id="knowledge-live">{t('knowledge.live')}</p>
      {problem && <p class="notice" id="knowledge-problem" role="alert">{problem}</p>}
      {sources === null && !problem && <p class="muted">{t('common.loading')}</p>}
      {sources && (
        <>
          <h3>
            {t('knowledge.sources')}{' '}
            {max !== undefined && <span id="knowledge-count" class={`counter${sources.length >= max ? ' over' : ''}`}>{t('knowledge.count', { n: sources.length, max })}</span>}
          </h3>
          {folder && <FolderCard folder={folder} />}
          {sources.length === 0 ? <p class="muted">{t(folder?.used ? 'knowledge.emptyBesideFolder' : 'knowledge.empty')}</p> : (
            <ul class="sources" id="knowledge-sources">
              {sources.map((source) => (
                <SourceRow key={source.id} source={source} client={client} onChange={replace} onRemoved={() => setSources(sources.filter((s) => s.id !== source.id))} />
              ))}
            </ul>
          )}
          {max !== undefined && sources.length >= max ? <p class="notice">{t('knowledge.full', { max })}</p> : <AddSource client={client} onAdded={() => void load()} />}
          <TestQuestion client={client} sources={sources} />
        </>
      )}
    </section>
  );
}

function SourceRow({ source, client, onChange, onRemoved }: { source: Source; client: Client; onChange: (s: Source) => void; onRemoved: () => void }) {
  const { t, root } = useForm();
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);
  /** Runs one call for this source, shows it as under way, and shows its error next to the source. */
  const run = async (what: string, call: () => Promise<Source | null>) => {
    setBusy(what);
    setError('');
    try {
      const next = await call();
      if (next) onChange(next);
    } catch (e) {
      setError(message(t, e));
    } finally {
      setBusy('');
    }
  };
  const command = (c: SourceCommand) => void run(c, () => client.command(source.id, c));
  const upload = (files: File[]) =>
    void run('upload', async () => {
      let last: Source | null = null;
      for (const file of files) last = await client.upload(source.id, file);
      return last;
    });
  const { status } = source;
  const kind = sourcesSchema(root).kinds.get(source.type);
  return (
    <li class={`source ${source.state}`} data-source={source.id} data-name={source.name}>
      <div class="source-head">
        <strong class="source-name">{source.name}</strong>
        <span class="badge type">{t(`knowledge.type.${source.type}`)}</span>
        <span class={`badge state ${source.state}`}>{t(`knowledge.state.${source.state}`)}</span>
      </div>
      <p class="source-status">
        {count(t, 'documents', status.documents)} · <span class="chunks">{count(t, 'chunks', status.chunks)}</span> ·{' '}
        {status.lastSyncAt ? t('knowledge.lastSync', { when: new Date(status.lastSyncAt).toLocaleString() }) : t('knowledge.neverSynced')}
        {source.type === 'website' && ` · ${source.url}`}
        {source.type === 'helpcenter' && ` · ${source.portal}`}
        {(busy || status.syncing) && <span class="syncing"> · {t(busy ? `knowledge.busy.${busy}` : 'knowledge.syncing')}</span>}
      </p>
      {status.errors.length > 0 && (
        <ul class="source-errors" aria-label={t('knowledge.errors')}>
          {status.errors.map((e) => <li class="error">{e.path}: {e.reason}</li>)}
        </ul>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {source.files && (
        <div class="source-files">
          <ul>
            {source.files.map((f) => (
              <li>
                {f.name} <span class="muted">({formatBytes(f.bytes)})</span>{' '}
                <button type="button" class="link remove" disabled={!!busy} onClick={() => void run('removeFile', () => client.removeFile(source.id, f.name))}>{t('field.remove')}</button>
              </li>
            ))}
          </ul>
          <label class="upload">{t('knowledge.upload')}{' '}
            <input type="file" multiple disabled={!!busy} onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const files = [...(input.files ?? [])];
              input.value = '';
              if (files.length) upload(files);
            }} />
          </label>
        </div>
      )}
      <div class="source-tools">
        <button type="button" class="sync" disabled={!!busy || source.state === 'disconnected'} onClick={() => command('sync')}>{t('knowledge.sync')}</button>
        {source.state !== 'enabled' && <button type="button" class="enable" disabled={!!busy} onClick={() => command('enable')}>{t('knowledge.enable')}</button>}
        {source.state === 'enabled' && <button type="button" class="disable" disabled={!!busy} onClick={() => command('disable')}>{t('knowledge.disable')}</button>}
        {source.state !== 'disconnected' && <button type="button" class="disconnect" disabled={!!busy} title={t('knowledge.disconnectHelp')} onClick={() => command('disconnect')}>{t('knowledge.disconnect')}</button>}
        {confirming ? (
          <span class="confirm" role="alert">
            {t('knowledge.confirmDelete', { name: source.name })}{' '}
            <button type="button" class="danger confirm-delete" onClick={() => void run('delete', async () => {
              await client.remove(source.id);
              onRemoved();
              return null;
            })}>{t('knowledge.deleteYes')}</button>{' '}
            <button type="button" class="link" onClick={() => setConfirming(false)}>{t('knowledge.cancel')}</button>
          </span>
        ) : (
          <button type="button" class="link remove delete" disabled={!!busy} onClick={() => setConfirming(true)}>{t('knowledge.delete')}</button>
        )}
      </div>
      {kind && <EditSource source={source} kind={kind} busy={!!busy} onSave={(patch) => void run('save', () => client.update(source.id, patch))} />}
    </li>
  );
}

/** The source's fields in a fold: saved with PATCH (at once, like every source change). */
function EditSource(props: { source: Source; kind: Parameters<typeof SourceFields>[0]['kind']; busy: boolean; onSave: (patch: Record<string, unknown>) => void }) {
  const { t } = useForm();
  const { status: _status, files: _files, ...config } = props.source;
  const [value, setValue] = useState(() => editedFields(config));
  return (
    <details class="source-edit">
      <summary>{t('knowledge.edit')}</summary>
      <SourceFields kind={props.kind} value={value} path={`knowledge-source.${props.source.id}`} onChange={setValue} />
      <button type="button" class="save-source" disabled={props.busy} onClick={() => props.onSave(editedFields(value))}>{t('knowledge.saveSource')}</button>
    </details>
  );
}

/** `1 chunk`, `2 chunks`. */
const count = (t: (key: string, p?: Record<string, number>) => string, what: string, n: number) => t(n === 1 ? `knowledge.one.${what}` : `knowledge.${what}`, { n });

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The knowledge folder of the configuration, read-only: where it is, whether this profile uses it, its files. */
function FolderCard({ folder }: { folder: KnowledgeFolder }) {
  const { t } = useForm();
  const { status } = folder;
  return (
    <div class={`source${folder.used ? '' : ' disabled'}`} id="knowledge-folder">
      <div class="source-head"><strong>{t('folder.title')}</strong><span class="badge">KNOWLEDGE_DIR</span></div>
      <p class="source-status">
        {t('folder.status', { documents: status.documents, chunks: status.chunks })}
        {status.lastSyncAt && <> · {t('folder.synced', { at: new Date(status.lastSyncAt).toLocaleString() })}</>}
      </p>
      <p class="muted">{t('folder.from', { folder: folder.folder ?? '—' })}</p>
      <p>{t(folder.used ? 'folder.used' : 'folder.unused')}</p>
      {status.errors.length > 0 && (
        <p class="error">{t('folder.errors')} {status.errors.map((e) => `${e.path} (${e.reason})`).join('; ')}</p>
      )}
      <details>
        <summary>{t('folder.files')} ({folder.files.length})</summary>
        <ul class="folder-files">
          {folder.files.map((file) => <li key={file.path}><code>{file.path}</code> · {t('folder.chunks', { n: file.chunks })}</li>)}
        </ul>
      </details>
    </div>
  );
}
