// "Test a question": what the agent would find in this profile's knowledge for a customer's question, with each
// passage's score and source, and whether anything counts as relevant (if not, the agent hands off).
import { useState } from 'preact/hooks';
import { useForm } from './form-context.js';
import { type knowledgeClient, message, type SearchResult, type Source } from './knowledge-client.js';

/** Long passages are cut for the list; the whole text is one click away. */
const EXCERPT_CHARS = 400;

export function TestQuestion({ client, sources }: { client: ReturnType<typeof knowledgeClient>; sources: Source[] }) {
  const { t } = useForm();
  const [question, setQuestion] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const names = new Map(sources.map((s) => [s.id, s.name]));
  /** A passage's source by name: one of the profile's sources, or the KNOWLEDGE_DIR folder. */
  const sourceName = (key: string | undefined) => names.get(key?.split('/')[1] ?? '') ?? t('knowledge.folder');
  return (
    <section class="test-question">
      <h3>{t('knowledge.test')}</h3>
      <form onSubmit={(e) => {
        e.preventDefault();
        const q = question.trim();
        if (!q) return;
        setBusy(true);
        setError('');
        // The last answer may describe sources since disabled or deleted: it goes while the new one is fetched.
        setResult(null);
        client.search(q).then(setResult, (e: unknown) => setError(message(t, e))).finally(() => setBusy(false));
      }}>
        <input id="knowledge-question" value={question} placeholder={t('knowledge.testPlaceholder')} onInput={(e) => setQuestion((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit" id="knowledge-ask" disabled={busy}>{t('knowledge.testButton')}</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {result && (
        <div id="knowledge-results">
          <p class={`verdict ${result.relevant ? 'relevant' : 'not-relevant'}`}>{t(result.relevant ? 'knowledge.relevant' : 'knowledge.notRelevant')}</p>
          {result.passages.length === 0 ? <p class="muted">{t('knowledge.noPassages')}</p> : (
            <ol class="passages">
              {result.passages.map((p) => (
                <li class="passage">
                  <p class="passage-head">
                    <strong>{p.title}{p.heading && p.heading !== p.title ? ` › ${p.heading}` : ''}</strong> · {sourceName(p.sourceId)} ·{' '}
                    <span class="score">{t('knowledge.score', { score: p.score.toFixed(2) })}</span>
                  </p>
                  {p.text.length > EXCERPT_CHARS ? (
                    <details><summary class="passage-text">{p.text.slice(0, EXCERPT_CHARS)}…</summary><p class="passage-text">{p.text}</p></details>
                  ) : <p class="passage-text">{p.text}</p>}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
