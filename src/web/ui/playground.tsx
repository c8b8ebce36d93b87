// The Playground tab: chat as a customer through the full engine on a sandbox helpdesk, with the draft settings of
// the selected profile; every step shows the replies, why (rules, handoff reason), the sources and the actions.
import { useState } from 'preact/hooks';
import type { ActionLine } from '../action-lines.js';
import type { PlaygroundResult, PlaygroundStep } from '../playground.js';
import { api, ApiError } from './api.js';
import { ConversationPanel, type View } from './conversation-panel.js';
import { useForm } from './form-context.js';
import { explainDecision } from './why-text.js';

const SCRIPT = ['Halo, berapa lama pengiriman ke Surabaya?', 'How do I wash a batik shirt?', 'Saya mau bicara dengan manusia'];

export function Playground({ profile }: { profile: string }) {
  const { t } = useForm();
  const [conversationId, setConversationId] = useState<number | null>(null);
  const [steps, setSteps] = useState<PlaygroundStep[]>([]);
  const [state, setState] = useState<PlaygroundResult['conversation'] | null>(null);
  const [text, setText] = useState('');
  const [script, setScript] = useState(SCRIPT.join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [preview, setPreview] = useState<View | null>(null);

  const run = async (messages: string[], fresh: boolean) => {
    setBusy(true);
    setError('');
    try {
      const result = await api<PlaygroundResult>('POST', '/api/playground', { messages, profile, conversationId: fresh ? undefined : conversationId ?? undefined });
      setConversationId(result.conversationId);
      setSteps((previous) => (fresh ? result.steps : [...previous, ...result.steps]));
      setState(result.conversation);
      // What an agent would see of it in Chatwoot's sidebar: the dashboard app's own panel, read from the same state.
      setPreview(await api<View>('GET', `/api/playground/${result.conversationId}/view`).catch(() => null));
    } catch (e) {
      // The conversation was removed (24 h without a message, or beyond the playground's cap): the next message starts a new one.
      if (e instanceof ApiError && e.status === 404) setConversationId(null);
      setError(t('common.error', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="playground">
      <p class="help">{t('playground.intro')}</p>
      {state && (
        <p class="conversation-state" id="playground-state">
          {t('playground.state', { status: state.status, owner: state.owner, labels: state.labels.join(', ') || '—', assignee: state.assignee ?? '—' })}
        </p>
      )}
      <ol class="transcript" id="playground-transcript">
        {steps.map((step, i) => <Step key={i} step={step} />)}
      </ol>
      {busy && <p class="muted">{t('playground.busy')}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      <form class="say" onSubmit={(e) => {
        e.preventDefault();
        const message = text.trim();
        if (!message || busy) return;
        setText('');
        void run([message], false);
      }}>
        <input id="playground-input" value={text} placeholder={t('playground.placeholder')} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit" disabled={busy}>{t('playground.send')}</button>
        <button type="button" class="secondary" disabled={busy} onClick={() => { setSteps([]); setState(null); setConversationId(null); setPreview(null); }}>{t('playground.new')}</button>
      </form>
      {preview && (
        <details class="dashboard-preview" id="dashboard-preview">
          <summary>{t('playground.preview')}</summary>
          <p class="help">{t('playground.previewHelp')}</p>
          <ConversationPanel view={preview} />
        </details>
      )}
      <details class="simulate">
        <summary>{t('playground.simulate')}</summary>
        <label>{t('playground.script')}<textarea id="playground-script" rows={5} value={script} onInput={(e) => setScript((e.currentTarget as HTMLTextAreaElement).value)} /></label>
        <button type="button" id="playground-simulate" disabled={busy} onClick={() => void run(script.split('\n').map((l) => l.trim()).filter(Boolean), true)}>{t('playground.simulate')}</button>
      </details>
    </section>
  );
}

function Step({ step }: { step: PlaygroundStep }) {
  const { t, lang } = useForm();
  const sources = step.decisions.flatMap((d) => d.sources);
  // A turn that reports the rules it fired (any list field named like `rules`) shows them.
  const rules = step.decisions.flatMap((d) => Object.entries(d).filter(([k, v]) => /rule/i.test(k) && Array.isArray(v)).flatMap(([, v]) => (v as unknown[]).map(describe)));
  return (
    <li class="step">
      <p class="bubble customer"><strong>{t('playground.customer')}:</strong> {step.customer}</p>
      {step.messages.map((m) => (
        <p class={`bubble ${m.private ? 'note' : 'bot'}`}>
          <strong>{m.private ? t('playground.note') : t('playground.bot')}:</strong> <span class="content">{m.content}</span>
          {m.buttons?.length ? <span class="buttons">{m.buttons.map((b) => <button type="button" disabled>{b.title}</button>)}</span> : null}
        </p>
      ))}
      <dl class="why">
        <dt>{t('playground.rules')}</dt>
        <dd>{step.decisions.map((d) => explainDecision(lang, d)).join(' · ') || '—'}</dd>
        {rules.length > 0 && <><dt>{t('playground.rulesFired')}</dt><dd class="rules-fired">{rules.join(' · ')}</dd></>}
        <dt>{t('playground.sources')}</dt>
        <dd>{sources.length ? sources.map((s) => `${s.title} (${s.source}, ${s.score.toFixed(2)})`).join(' · ') : '—'}</dd>
        <dt>{t('playground.actions')}</dt>
        <dd class="actions">{step.actions.length ? <ul>{step.actions.map((a) => <li>{actionWords(t, a)}</li>)}</ul> : t('playground.noActions')}</dd>
      </dl>
    </li>
  );
}

/** An action line in the page's language; the helpdesk's data (messages, labels, ids) stays as it is. */
function actionWords(t: (key: string, params?: Record<string, string>) => string, action: ActionLine): string {
  const line = t(`action.${action.kind}`, { detail: action.detail });
  return action.failed === undefined ? line : t('action.failed', { line, reason: action.failed });
}

function describe(rule: unknown): string {
  if (typeof rule === 'string') return rule;
  const r = rule as { name?: unknown; id?: unknown } | null;
  return String(r?.name ?? r?.id ?? JSON.stringify(rule));
}
