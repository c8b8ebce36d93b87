// The admin API: the settings (settings-api.ts), and a conversation's owner and audit trail with take over / resume /
// stop (SPEC 4, 5).
import express, { type Router } from 'express';
import type { Engine } from '../engine/engine.js';
import type { OwnerCommand } from '../engine/reduce.js';
import type { SettingsStore } from '../store/settings-store.js';
import type { ConversationStore } from '../store/types.js';
import type { AnalyticsStore } from '../store/analytics-store.js';
import { analyticsApi } from './analytics-api.js';
import type { AppLinks } from './app-link.js';
import { sendError } from './errors.js';
import type { Playground } from './playground.js';
import { playgroundApi } from './playground-api.js';
import { settingsApi } from './settings-api.js';

const COMMANDS: Record<string, OwnerCommand> = { 'take-over': 'take_over', resume: 'resume', stop: 'stop' };
const KEY = /^\d+-\d+$/;

export interface AdminDeps {
  settings: SettingsStore;
  store: ConversationStore;
  engine: Engine;
  playground: Playground;
  analytics: AnalyticsStore;
  links: AppLinks;
}

export function adminApi(deps: AdminDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(settingsApi(deps.settings));
  router.use(playgroundApi(deps.playground));
  router.use(analyticsApi(deps.analytics));

  // The URL to configure as the Chatwoot dashboard app of an account (app-link.ts), on the host this was asked on.
  router.get('/dashboard-app/link', (req, res) => {
    const account = Number(req.query['account']);
    if (!Number.isSafeInteger(account) || account <= 0) return sendError(res, 400, 'invalid', 'give ?account=<Chatwoot account id>');
    res.json({ url: `${req.protocol}://${req.get('host')}${deps.links.accountLinkPath(account)}` });
  });

  // Conversations are addressed as `<inbox id>-<conversation id>`.
  router.get('/conversations/:key', async (req, res) => {
    if (!KEY.test(req.params.key)) return sendError(res, 400, 'bad_key', 'use <inbox id>-<conversation id>');
    const record = await deps.store.read(req.params.key);
    if (!record?.state) return sendError(res, 404, 'not_found', 'Jawab has not seen this conversation');
    const { owner, status, botReplies, lastAnswer, audit, pending, timers } = record.state;
    res.json({ key: req.params.key, owner, status, botReplies, lastAnswer, audit, pending: pending.length, timers, outbox: record.outbox.length });
  });

  router.post('/conversations/:key/:command', async (req, res) => {
    const command = COMMANDS[req.params.command];
    if (!command) return sendError(res, 404, 'unknown_command', 'use take-over, resume or stop');
    if (!KEY.test(req.params.key)) return sendError(res, 400, 'bad_key', 'use <inbox id>-<conversation id>');
    const state = await deps.engine.command(req.params.key, command, 'admin API');
    if (!state) return sendError(res, 404, 'not_found', 'Jawab has not seen this conversation');
    res.json({ key: req.params.key, owner: state.owner });
  });
  return router;
}
