// The sandbox's own API (only when Jawab runs without CHATWOOT_URL): chat as a customer, watch what Jawab does.
import express, { type Router } from 'express';
import { z } from 'zod';
import type { SandboxHelpdesk } from '../chatwoot/sandbox.js';
import { conversationKey } from '../engine/events.js';
import type { ConversationStore } from '../store/types.js';
import { sendError } from './errors.js';

const start = z.object({ name: z.string().trim().min(1).max(100), email: z.email().optional() });
const say = z.object({ text: z.string().trim().min(1).max(4000) });

export function sandboxApi(sandbox: SandboxHelpdesk, store: ConversationStore): Router {
  const router = express.Router();
  router.use(express.json({ limit: '64kb' }));

  router.post('/conversations', (req, res) => {
    const body = start.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'invalid', body.error.issues[0]?.message ?? 'invalid');
    const c = sandbox.startConversation(body.data);
    res.status(201).json({ id: c.id });
  });

  router.post('/conversations/:id/messages', async (req, res) => {
    const body = say.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'invalid', 'send {"text": "..."}');
    const id = Number(req.params.id);
    if (!sandbox.has(id)) return sendError(res, 404, 'not_found', 'no such sandbox conversation');
    await sandbox.customerSays(id, body.data.text);
    res.status(202).json({ accepted: true });
  });

  router.get('/conversations/:id', async (req, res) => {
    const id = Number(req.params.id);
    if (!sandbox.has(id)) return sendError(res, 404, 'not_found', 'no such sandbox conversation');
    const c = sandbox.conversation(id);
    const record = await store.read(conversationKey({ inboxId: c.inboxId, conversationId: c.id }));
    res.json({ conversation: c, jawab: record?.state ? { owner: record.state.owner, audit: record.state.audit.slice(-10) } : null });
  });
  return router;
}
