// The dashboard app in Chatwoot's conversation sidebar (bundled to /static/ui/app.js). Chatwoot posts the
// conversation as `appContext` (a JSON string) on load and whenever the page posts
// `chatwoot-dashboard-app:fetch-info`; the page trades its account link for a ticket for that conversation.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { embeddersOf, isEmbedder } from './embedders.js';
import { ConversationPanel, lang, type View, WORDS } from './conversation-panel.js';
import { translate } from './i18n.js';

interface Context {
  accountId: number;
  inboxId: number;
  conversationId: number;
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
  return <ConversationPanel view={view} act={(command) => void call('POST', `/${command}`)} />;
}

render(<DashboardApp />, document.getElementById('root')!);
