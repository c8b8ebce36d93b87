// The admin API: settings, and a conversation's owner and audit trail with take over / resume / stop (SPEC 4, 5).
import express, { type Router } from 'express';
import { maskSecrets, restoreSecrets } from '../config/settings-integrations.js';
import type { Engine } from '../engine/engine.js';
import type { OwnerCommand } from '../engine/reduce.js';
import type { SettingsStore } from '../store/settings-store.js';
import type { ConversationStore } from '../store/types.js';
import { sendError } from './errors.js';

const COMMANDS: Record<string, OwnerCommand> = { 'take-over': 'take_over', resume: 'resume', stop: 'stop' };
const KEY = /^\d+-\d+$/;

export function adminApi(deps: { settings: SettingsStore; store: ConversationStore; engine: Engine }): Router {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));

  // Integration secrets are shown masked; a mask sent back unchanged keeps the stored secret.
  router.get('/settings', (_req, res) => {
    res.json(maskSecrets(deps.settings.get()));
  });

  router.put('/settings', async (req, res) => {
    const result = await deps.settings.put(restoreSecrets(req.body, deps.settings.get()));
    if (result.ok) res.json(maskSecrets(result.settings));
    else res.status(422).json({ error: { code: 'invalid_settings', message: `${result.errors[0]?.path}: ${result.errors[0]?.message}`, fields: result.errors } });
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
