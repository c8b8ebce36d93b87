// POST /api/playground: one or more customer messages (the "simulate" button sends a scripted list) in a new or an
// existing playground conversation; answers the whole exchange (playground.ts).
import express, { type Router } from 'express';
import { z } from 'zod';
import { describe } from '../store/settings-store.js';
import { conversationView } from './dashboard-app.js';
import { sendError } from './errors.js';
import { type Playground, PLAYGROUND_IDLE_MS, PLAYGROUND_MAX_CONVERSATIONS } from './playground.js';

const message = z.string().trim().min(1, 'a message cannot be empty').max(4000);

const body = z.strictObject({
  conversationId: z.number().int().positive().optional(),
  profile: z.string().regex(/^(default|\d+)$/, 'profile is "default" or an inbox id').default('default'),
  /** A message, or a burst of messages answered together (as a customer who writes several lines before the reply). */
  messages: z
    .array(z.union([message, z.array(message).min(1, 'a burst has at least one message').max(10, 'a burst has at most 10 messages')]))
    .min(1, 'send at least one message')
    .max(20, 'at most 20 messages at once'),
});

export function playgroundApi(playground: Playground): Router {
  const router = express.Router();
  router.post('/playground', async (req, res) => {
    const parsed = body.safeParse(req.body);
    if (!parsed.success) {
      const problem = describe(parsed.error)[0];
      return sendError(res, 400, 'invalid', `${problem?.path === '(root)' ? 'body' : problem?.path}: ${problem?.message}`);
    }
    if (parsed.data.conversationId !== undefined && !playground.has(parsed.data.conversationId)) {
      const why = `it was removed after ${PLAYGROUND_IDLE_MS / 3_600_000} h without a message, or as the least recently used of ${PLAYGROUND_MAX_CONVERSATIONS} (or by a restart)`;
      return sendError(res, 404, 'not_found', `no such playground conversation: ${why}; start a new one`);
    }
    res.json(await playground.run(parsed.data));
  });
  // The dashboard app's view of a playground conversation: its preview without Chatwoot (dashboard-main.tsx ?preview=).
  router.get('/playground/:id/view', async (req, res) => {
    const found = await playground.state(Number(req.params['id']));
    if (!found) return sendError(res, 404, 'not_found', 'no such playground conversation (they are removed after 24 h without a message, or by a restart)');
    res.json(conversationView(found.key, found.state));
  });
  return router;
}
