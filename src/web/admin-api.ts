// The admin API: the settings (settings-api.ts), and a conversation's owner and audit trail with take over / resume /
// stop (SPEC 4, 5).
import express, { type Router } from 'express';
import type { HelpdeskPort } from '../chatwoot/port.js';
import type { Engine } from '../engine/engine.js';
import type { SettingsStore } from '../store/settings-store.js';
import type { ConversationStore } from '../store/types.js';
import type { AnalyticsStore } from '../store/analytics-store.js';
import { analyticsApi } from './analytics-api.js';
import { customAttributesApi } from './custom-attributes-api.js';
import { directoryApi } from './directory-api.js';
import type { AppLinks } from './app-link.js';
import { isObject } from '../config/merge-patch.js';
import { sendError } from './errors.js';
import type { Playground } from './playground.js';
import { playgroundApi } from './playground-api.js';
import { findConversation } from './conversation-key.js';
import { NO_CONTACT, OWNER_COMMANDS, UNKNOWN_COMMAND } from './owner-commands.js';
import { isContactCommand } from '../engine/reduce.js';
import { settingsApi } from './settings-api.js';
import { setupApi } from './setup-api.js';

export interface AdminDeps {
  settings: SettingsStore;
  /** Finds a conversation's inbox from its Chatwoot id. */
  helpdesk: HelpdeskPort;
  store: ConversationStore;
  engine: Engine;
  playground: Playground;
  analytics: AnalyticsStore;
  links: AppLinks;
}

export function adminApi(deps: AdminDeps): Router {
  const router = express.Router();
  // PATCH bodies are JSON merge patches, sent as application/merge-patch+json (RFC 7396) or plain JSON.
  router.use(express.json({ limit: '1mb', type: ['application/json', 'application/merge-patch+json'] }));
  router.use(settingsApi(deps.settings));
  router.use(playgroundApi(deps.playground));
  router.use(analyticsApi(deps.analytics));
  router.use(customAttributesApi(deps.helpdesk));
  router.use(directoryApi(deps.helpdesk));
  router.use(setupApi(deps));

  // The URL to configure as the Chatwoot dashboard app of an account (app-link.ts), on the host this was asked on.
  router.get('/dashboard-app/link', (req, res) => {
    const account = Number(req.query['account']);
    if (!Number.isSafeInteger(account) || account <= 0) return sendError(res, 400, 'invalid', 'give ?account=<Chatwoot account id>');
    res.json({ url: `${req.protocol}://${req.get('host')}${deps.links.accountLinkPath(account)}` });
  });

  // A conversation is named by its Chatwoot id (`?account=`, default 1) or, as before, `<inbox id>-<conversation id>`.
  router.get('/conversations/:id', async (req, res) => {
    const found = await findConversation(deps.helpdesk, deps.store, req.params.id, req.query['account']);
    if ('status' in found) return sendError(res, found.status, found.code, found.message);
    const { owner, status, botReplies, lastAnswer, audit, pending, timers } = found.state;
    res.json({ key: found.key, owner, status, botReplies, lastAnswer, audit, pending: pending.length, timers, outbox: found.record.outbox.length });
  });

  router.post('/conversations/:id/:command', async (req, res) => {
    const command = OWNER_COMMANDS[req.params.command];
    if (!command) return sendError(res, 404, 'unknown_command', UNKNOWN_COMMAND);
    // A command takes no body: a field sent with it would be ignored, so it is refused (as every admin body is strict).
    const extra = isObject(req.body) ? Object.keys(req.body)[0] : undefined;
    if (extra !== undefined) return sendError(res, 422, 'invalid', `${extra}: unknown field (this command takes no body)`);
    const found = await findConversation(deps.helpdesk, deps.store, req.params.id, req.query['account']);
    if ('status' in found) return sendError(res, found.status, found.code, found.message);
    if (isContactCommand(command) && !found.state.contact) return sendError(res, 409, 'no_contact', NO_CONTACT);
    const state = await deps.engine.command(found.key, command, 'admin API');
    if (!state) return sendError(res, 404, 'not_found', 'Jawab has not seen this conversation');
    res.json({ key: found.key, owner: state.owner });
  });
  return router;
}

