// Beside Publish: the published versions (the settings history, newest first), what restoring the one picked would
// change, and "Restore this version", which publishes it again at once (knowledge sources stay as they are now).
import { useEffect, useState } from 'preact/hooks';
import type { Difference } from '../../config/json-diff.js';
import { api } from './api.js';
import { useForm } from './form-context.js';

interface VersionSummary {
  version: number;
  at: number;
  by: { via: string; address?: string };
  sameAsCurrent: boolean;
}

type Change = Difference & { note?: string };

/** `reload` changes after every publish, so the list takes the new version. */
export function HistoryPicker(props: { reload: number; onRestored: (version: number) => void; onError: (e: unknown) => void }) {
  const { t, lang } = useForm();
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [picked, setPicked] = useState('');
  const [changes, setChanges] = useState<Change[] | null>(null);
  useEffect(() => {
    api<{ versions: VersionSummary[] }>('GET', '/api/settings/history')
      .then((list) => {
        setVersions(list.versions);
        setPicked('');
        setChanges(null);
      })
      .catch(props.onError);
  }, [props.reload]);
  const pick = (value: string) => {
    setPicked(value);
    setChanges(null);
    if (value) api<{ changes: Change[] }>('GET', `/api/settings/history/${value}/diff`).then((d) => setChanges(d.changes)).catch(props.onError);
  };
  const restore = async () => {
    try {
      await api('POST', `/api/settings/history/${picked}/restore`);
      props.onRestored(Number(picked));
    } catch (e) {
      props.onError(e);
    }
  };
  if (versions.length === 0) return null;
  const shown = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));
  return (
    <span class="history">
      <label>{t('history.label')}{' '}
        <select id="history-version" value={picked} onChange={(e) => pick((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">—</option>
          {versions.map((v) => (
            <option value={String(v.version)}>
              {t('history.option', { n: v.version, at: new Date(v.at).toLocaleString(lang), via: viaWords(t, v.by.via) })}{v.sameAsCurrent ? ` ${t('history.current')}` : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="button" id="restore-version" disabled={!picked || changes === null || changes.length === 0} onClick={() => void restore()}>{t('history.restore')}</button>
      {changes !== null && (
        <details class="history-changes" open={changes.length > 0 && changes.length <= 5}>
          <summary>{changes.length ? t('history.changes', { n: changes.length }) : t('history.noChanges')}</summary>
          <ul>{changes.map((c) => <li><code>{c.path}</code>: {c.note ? t('history.secret') : `${shown(c.from)} → ${shown(c.to)}`}</li>)}</ul>
        </details>
      )}
    </span>
  );
}

/**
 * Who published a version, in the page's language: the server records it in English (settings-store.ts,
 * settings-api.ts); a way it does not know is shown as recorded.
 */
function viaWords(t: (key: string, params?: Record<string, string | number>) => string, via: string): string {
  if (via === 'found at start') return t('history.via.start');
  if (via === 'knowledge sources API') return t('history.via.knowledge');
  const restore = /^restore of version (\d+)$/.exec(via);
  if (restore) return t('history.via.restore', { n: restore[1]! });
  if (/^(?:PUT|POST) \/api\/settings/.test(via)) return t('history.via.publish');
  return via;
}
