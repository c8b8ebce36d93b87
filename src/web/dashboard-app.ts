// The Chatwoot dashboard app (SPEC 1, 4, 5): GET /app is the page in Chatwoot's conversation sidebar; its API under
// /app/api is authorised by the signed links of app-link.ts, never by the admin token.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine/engine.js';
import type { ConversationState } from '../engine/state.js';
import { conversationKey } from '../engine/events.js';
import { isContactCommand } from '../engine/reduce.js';
import { contactStopped } from '../rules/contact-stop.js';
import type { ConversationStore } from '../store/types.js';
import type { AppLinks } from './app-link.js';
import { sendError } from './errors.js';
import { CONVERSATION_KEY } from './conversation-key.js';
import { handoffSummary } from './handoff-summary.js';
import { NO_CONTACT, OWNER_COMMANDS, UNKNOWN_COMMAND } from './owner-commands.js';
import { dashboardAppEmbedders, withFrameAncestors } from './security.js';

const session = z.object({
  account: z.coerce.number().int().positive(),
  sig: z.string().min(1).max(200),
  inboxId: z.number().int().positive(),
  conversationId: z.number().int().positive(),
});

export interface DashboardAppDeps {
  links: AppLinks;
  store: ConversationStore;
  engine: Engine;
  publicDir: string;
  /** The Chatwoot that embeds the app; absent with the sandbox helpdesk. */
  chatwootUrl?: string;
  now: () => number;
}

export function dashboardApp(deps: DashboardAppDeps): Router {
  const router = express.Router();
  // Chatwoot shows the page in an iframe of its own origin: only that origin may frame it, and the page is told the
  // same origins so that it takes `appContext` from nowhere else.
  const embedders = dashboardAppEmbedders(deps.chatwootUrl);
  let page: string | undefined;
  router.get('/app', withFrameAncestors(embedders), async (_req, res) => {
    page ??= (await readFile(join(deps.publicDir, 'app.html'), 'utf8')).replace(
      '<head>',
      `<head>\n  <meta name="jawab-embedders" content="${escapeAttribute(embedders.join(' '))}">`,
    );
    res.type('html').send(page);
  });

  router.use('/app/api', express.json({ limit: '16kb' }));

  /** The account link buys a ticket for one conversation of that account that Jawab knows. */
  router.post('/app/api/session', async (req, res) => {
    const body = session.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'invalid', 'send {account, sig, inboxId, conversationId}');
    const { account, sig, inboxId, conversationId } = body.data;
    if (!deps.links.verifyAccountLink(account, sig)) return sendError(res, 401, 'bad_link', 'this dashboard app link is not signed by this Jawab: configure the link from the settings or install-plugin');
    const key = conversationKey({ inboxId, conversationId });
    const record = await deps.store.read(key);
    if (!record?.state || record.state.ref.accountId !== account) return sendError(res, 404, 'not_found', 'Jawab has not seen this conversation');
    const ticket = deps.links.issueTicket(account, key, deps.now());
    res.json({ ticket: ticket.token, key, expiresAt: ticket.expiresAt });
  });

  router.get('/app/api/conversations/:key', async (req, res) => {
    const key = authorised(req, deps);
    if (!key) return sendError(res, 401, 'bad_ticket', 'the ticket is missing, expired or for another conversation');
    const state = (await deps.store.read(key))?.state;
    if (!state) return sendError(res, 404, 'not_found', 'Jawab has not seen this conversation');
    res.json(conversationView(key, state));
  });

  router.post('/app/api/conversations/:key/:command', async (req, res) => {
    const command = OWNER_COMMANDS[req.params.command];
    if (!command) return sendError(res, 404, 'unknown_command', UNKNOWN_COMMAND);
    const key = authorised(req, deps);
    if (!key) return sendError(res, 401, 'bad_ticket', 'the ticket is missing, expired or for another conversation');
    if (isContactCommand(command) && !(await deps.store.read(key))?.state?.contact) {
      return sendError(res, 409, 'no_contact', NO_CONTACT);
    }
    const state = await deps.engine.command(key, command, 'dashboard app');
    if (!state) return sendError(res, 404, 'not_found', 'Jawab has not seen this conversation');
    res.json({ key, owner: state.owner });
  });
  return router;
}

/** What the dashboard app shows of a conversation (also of a playground one, as a preview: playground-api.ts). */
export function conversationView(key: string, state: ConversationState) {
  return {
    key,
    owner: state.owner,
    status: state.status,
    // Stopping the AI for the contact needs the contact; a stopped one's conversations all go to people.
    contactKnown: state.contact !== undefined,
    contactStopped: contactStopped(state.contact),
    botReplies: state.botReplies,
    lastAnswer: state.lastAnswer ?? null,
    handoff: handoffSummary(state),
    audit: state.audit.slice(-15),
  };
}

/** The conversation key when the request's ticket names it and is valid now. */
function authorised(req: Request, deps: DashboardAppDeps): string | null {
  const key = String(req.params['key']);
  const header = req.get('authorization') ?? '';
  if (!CONVERSATION_KEY.test(key) || !header.startsWith('Ticket ')) return null;
  return deps.links.verifyTicket(header.slice(7).trim(), key, deps.now()) ? key : null;
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
