// The Knowledge tab's status panel: what /api/knowledge says about the sources, when this Jawab has that API.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import { useForm } from './form-context.js';

type Source = Record<string, unknown>;

export function KnowledgeStatus() {
  const { t } = useForm();
  const [sources, setSources] = useState<Source[] | null | 'unavailable'>(null);
  const [note, setNote] = useState('');
  const load = () =>
    api<unknown>('GET', '/api/knowledge')
      .then((data) => setSources(listOf(data)))
      .catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? setSources('unavailable') : setNote(String(e))));
  useEffect(() => void load(), []);
  if (sources === 'unavailable') return <p class="notice" id="knowledge-unavailable">{t('knowledge.unavailable')}</p>;
  if (sources === null) return <p class="muted">{note || t('common.loading')}</p>;
  const columns = [...new Set(sources.flatMap((s) => Object.keys(s).filter((k) => isScalar(s[k]))))];
  return (
    <section class="knowledge-status">
      <h3>{t('knowledge.status')}</h3>
      {sources.length === 0 ? <p class="muted">{t('knowledge.empty')}</p> : (
        <table>
          <thead><tr>{columns.map((c) => <th>{c}</th>)}</tr></thead>
          <tbody>{sources.map((s) => <tr>{columns.map((c) => <td>{isScalar(s[c]) ? String(s[c] ?? '') : ''}</td>)}</tr>)}</tbody>
        </table>
      )}
      <button type="button" onClick={() => api('POST', '/api/knowledge/sync').then(() => { setNote(t('knowledge.synced')); return load(); }).catch((e: unknown) => setNote(String(e)))}>{t('knowledge.sync')}</button>
      {note && <p class="muted">{note}</p>}
    </section>
  );
}

/** The API may answer a list or an object holding one (`sources`, `items`). */
function listOf(data: unknown): Source[] {
  if (Array.isArray(data)) return data.filter((x): x is Source => typeof x === 'object' && x !== null);
  if (data && typeof data === 'object') {
    const inner = Object.values(data).find(Array.isArray);
    if (inner) return listOf(inner);
  }
  return [];
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
