// POST /webhooks/chatwoot: the thin HTTP edge over Intake. Raw bytes (the signature covers them), 1 MB at most.
import express, { type Router } from 'express';
import type { Logger } from '../log.js';
import { sendError } from '../web/errors.js';
import type { Intake } from './intake.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The answers to a stored (or dropped) delivery, serialised once: the hottest response skips res.json's work. */
const ACKNOWLEDGEMENTS = {
  accepted: Buffer.from(JSON.stringify({ result: 'accepted' })),
  duplicate: Buffer.from(JSON.stringify({ result: 'duplicate' })),
  ignored: Buffer.from(JSON.stringify({ result: 'ignored' })),
};

export function intakeRouter(intake: Intake, log: Logger): Router {
  const router = express.Router();
  router.post('/webhooks/chatwoot', express.raw({ type: () => true, limit: MAX_BODY_BYTES }), async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const outcome = await intake.verifyAndReceive({
        rawBody,
        signature: req.get('x-chatwoot-signature'),
        timestamp: req.get('x-chatwoot-timestamp'),
        deliveryId: req.get('x-chatwoot-delivery'),
      });
      if (outcome.status === 200) {
        const body = ACKNOWLEDGEMENTS[outcome.result];
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body);
      } else {
        sendError(res, outcome.status, outcome.code, outcome.detail);
      }
    } catch (error) {
      // Not stored: answer 500 so Chatwoot retries the agent-bot delivery instead of losing it.
      log.error('could not store a delivery', { error: String(error) });
      sendError(res, 500, 'store_failed', 'the event could not be stored; retry later');
    }
  });
  return router;
}
