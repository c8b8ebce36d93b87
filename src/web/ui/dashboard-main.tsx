// The dashboard app in Chatwoot's conversation sidebar (bundled to /static/ui/app.js). Chatwoot posts the
// conversation as `appContext` (a JSON string) on load and whenever the page posts
// `chatwoot-dashboard-app:fetch-info`; the page trades its account link for a ticket for that conversation.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { HandoffSummary } from '../handoff-summary.js';
import { embeddersOf, isEmbedder } from './embedders.js';
import { initialLang, translate } from './i18n.js';

interface Context {
  accountId: number;
  inboxId: number;
  conversationId: number;
}

interface View {
  key: string;
  owner: 'ai' | 'human' | 'stopped';
  status: string;
  contactKnown: boolean;
  contactStopped: boolean;
  botReplies: number;
  lastAnswer: { at: number; text: string; why: string; sources: Array<{ title: string; source: string; score: number }> } | null;
  handoff: HandoffSummary | null;
  audit: Array<{ at: number; what: string; why: string }>;
}

const lang = initialLang();
const WORDS = {
  en: {
    waiting: 'Open a conversation in Chatwoot to see Jawab here.',
    owner: { ai: 'Jawab (AI) is answering', human: 'A human has this conversation', stopped: 'Jawab is stopped here' },
    takeOver: 'Take over',
    resume: 'Return to AI',
    stop: 'Stop AI here',
    stopContact: 'Stop AI for this contact',
    resumeContact: 'Allow AI for this contact again',
    contactStopped: 'The AI is stopped for this contact: Jawab does not answer any of their conversations, new ones go to your team.',
    why: 'Why the last reply was sent',
    sources: 'Sources',
    handoff: 'Handoff summary',
    customerSaid: 'Customer said',
    jawabSaid: 'Jawab answered',
    tried: 'Tried in the knowledge',
    trail: 'What Jawab did',
    unknown: 'Jawab has not seen this conversation.',
    badLink: 'This link is not valid: configure the dashboard app with the link from Jawab.',
  },
  id: {
    waiting: 'Buka percakapan di Chatwoot untuk melihat Jawab di sini.',
    owner: { ai: 'Jawab (AI) sedang membalas', human: 'Percakapan ini dipegang manusia', stopped: 'Jawab dihentikan di sini' },
    takeOver: 'Ambil alih',
    resume: 'Kembalikan ke AI',
    stop: 'Hentikan AI di sini',
    stopContact: 'Hentikan AI untuk kontak ini',
    resumeContact: 'Izinkan AI lagi untuk kontak ini',
    contactStopped: 'AI dihentikan untuk kontak ini: Jawab tidak membalas percakapan mereka, percakapan baru diteruskan ke tim Anda.',
    why: 'Alasan balasan terakhir',
    sources: 'Sumber',
    handoff: 'Ringkasan pengalihan',
    customerSaid: 'Pelanggan berkata',
    jawabSaid: 'Jawab menjawab',
    tried: 'Dicoba di pengetahuan',
    trail: 'Yang dilakukan Jawab',
    unknown: 'Jawab belum pernah melihat percakapan ini.',
    badLink: 'Tautan ini tidak valid: pasang dashboard app dengan tautan dari Jawab.',
  },
}[lang];

/** The handoff's reason in the page's language (i18n.ts `reason.*`), with what it was about; else as the audit wrote it. */
function reasonOf(handoff: HandoffSummary): string {
  if (handoff.reasonKey === undefined) return handoff.reason;
  const reason = translate(lang, `reason.${handoff.reasonKey}`);
  return handoff.detail ? `${reason} (${handoff.detail})` : reason;
}

const params = new URLSearchParams(location.search);

/** Chatwoot's appContext message: a JSON string `{"event":"appContext","data":{"conversation":{...},...}}`. */
function readContext(data: unknown): Context | null {
  try {
    const message = typeof data === 'string' ? (JSON.parse(data) as unknown) : data;
    if (!message || typeof message !== 'object' || (message as { event?: unknown }).event !== 'appContext') return null;
    const c = (message as { data?: { conversation?: { id?: unknown; inbox_id?: unknown; account_id?: unknown } } }).data?.conversation;
    if (typeof c?.id !== 'number' || typeof c.inbox_id !== 'number') return null;
    return { accountId: typeof c.account_id === 'number' ? c.account_id : Number(params.get('account')), inboxId: c.inbox_id, conversationId: c.id };
  } catch {
    return null;
  }
}

function DashboardApp() {
  const [context, setContext] = useState<Context | null>(null);
  const [ticket, setTicket] = useState<{ token: string; key: string; expiresAt: number } | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    const embedders = embeddersOf(document);
    const onMessage = (event: MessageEvent) => {
      // Only the Chatwoot Jawab is configured for may say which conversation this is.
      if (event.source !== window.parent || !isEmbedder(event.origin, embedders)) return;
      const next = readContext(event.data);
      if (next) setContext(next);
    };
    window.addEventListener('message', onMessage);
    // The request carries nothing, so any parent may see it; only the answer is checked.
    window.parent.postMessage('chatwoot-dashboard-app:fetch-info', '*');
    return () => window.removeEventListener('message', onMessage);
  }, []);

  /** A valid ticket for the current conversation, asking for a new one when it is missing or about to expire. */
  const ticketFor = async (c: Context) => {
    const key = `${c.inboxId}-${c.conversationId}`;
    if (ticket && ticket.key === key && ticket.expiresAt - Date.now() > 30_000) return ticket;
    const response = await fetch('/app/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: params.get('account'), sig: params.get('sig') ?? '', inboxId: c.inboxId, conversationId: c.conversationId }),
    });
    const data = await response.json();
    if (!response.ok) throw new Error(response.status === 401 ? WORDS.badLink : response.status === 404 ? WORDS.unknown : data.error?.message);
    const fresh = { token: data.ticket as string, key, expiresAt: data.expiresAt as number };
    setTicket(fresh);
    return fresh;
  };

  const call = async (method: 'GET' | 'POST', suffix = '') => {
    if (!context) return;
    try {
      const t = await ticketFor(context);
      const response = await fetch(`/app/api/conversations/${t.key}${suffix}`, { method, headers: { authorization: `Ticket ${t.token}` } });
      const data = await response.json();
      if (!response.ok) throw new Error(data.error?.message ?? response.statusText);
      const fresh = await fetch(`/app/api/conversations/${t.key}`, { headers: { authorization: `Ticket ${t.token}` } });
      setView(suffix ? await fresh.json() : data);
      setError('');
    } catch (e) {
      setView(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  useEffect(() => void call('GET'), [context?.inboxId, context?.conversationId]);

  if (!context) return <p class="muted">{WORDS.waiting}</p>;
  if (error) return <p class="error" role="alert">{error}</p>;
  if (!view) return <p class="muted">{translate(lang, 'common.loading')}</p>;
  return (
    <div class="dashboard">
      <p class={`owner ${view.owner}`} id="owner" data-owner={view.owner}>{WORDS.owner[view.owner]}</p>
      <div class="buttons">
        {view.owner === 'ai' && <button type="button" id="take-over" class="primary" onClick={() => void call('POST', '/take-over')}>{WORDS.takeOver}</button>}
        {view.owner !== 'ai' && <button type="button" id="resume" onClick={() => void call('POST', '/resume')}>{WORDS.resume}</button>}
        {view.owner !== 'stopped' && <button type="button" id="stop" onClick={() => void call('POST', '/stop')}>{WORDS.stop}</button>}
        {view.contactKnown && !view.contactStopped && <button type="button" id="stop-contact" onClick={() => void call('POST', '/stop-contact')}>{WORDS.stopContact}</button>}
        {view.contactStopped && <button type="button" id="resume-contact" onClick={() => void call('POST', '/resume-contact')}>{WORDS.resumeContact}</button>}
      </div>
      {view.contactStopped && <p class="muted" id="contact-stopped">{WORDS.contactStopped}</p>}
      {view.lastAnswer && (
        <section>
          <h3>{WORDS.why}</h3>
          <p>{view.lastAnswer.why}</p>
          {view.lastAnswer.sources.length > 0 && <p class="muted">{WORDS.sources}: {view.lastAnswer.sources.map((s) => `${s.title} (${s.source})`).join(' · ')}</p>}
        </section>
      )}
      {view.handoff && (
        <section id="handoff">
          <h3>{WORDS.handoff}</h3>
          <p id="handoff-reason"><strong>{reasonOf(view.handoff)}</strong></p>
          <p class="muted">{WORDS.customerSaid}:</p>
          <pre>{view.handoff.customerSaid.join('\n')}</pre>
          {view.handoff.jawabSaid.length > 0 && <><p class="muted">{WORDS.jawabSaid}:</p><pre>{view.handoff.jawabSaid.join('\n')}</pre></>}
          {view.handoff.tried.length > 0 && <p class="muted">{WORDS.tried}: {view.handoff.tried.map((s) => s.title).join(', ')}</p>}
        </section>
      )}
      <details>
        <summary>{WORDS.trail}</summary>
        <ol class="audit">{view.audit.map((a) => <li class={a.what.startsWith('dropped ') ? 'failed' : undefined}>{new Date(a.at).toLocaleTimeString()} · {a.what}: {a.why}</li>)}</ol>
      </details>
    </div>
  );
}

render(<DashboardApp />, document.getElementById('root')!);
