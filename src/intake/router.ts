// POST /webhooks/chatwoot: the thin HTTP edge over Intake. Raw bytes (the signature covers them), 1 MB at most.
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from '../log.js';
import { sendError } from '../web/errors.js';
import type { Intake } from './intake.js';

export const MAX_BODY_BYTES = 1024 * 1024;
export const WEBHOOK_PATH = '/webhooks/chatwoot';

/** The answers to a stored (or dropped) delivery, serialised once: the hottest response skips res.json's work. */
const ACKNOWLEDGEMENTS = {
  accepted: Buffer.from(JSON.stringify({ result: 'accepted' })),
  duplicate: Buffer.from(JSON.stringify({ result: 'duplicate' })),
  ignored: Buffer.from(JSON.stringify({ result: 'ignored' })),
};

/**
 * A middleware that takes POST /webhooks/chatwoot (a trailing slash too) and passes every other request on. It
 * matches the one path itself rather than through an express.Router: a nested router's dispatch cost as much as
 * the signature check on every delivery.
 */
export function intakeRouter(intake: Intake, log: Logger): RequestHandler {
  const readBody = express.raw({ type: () => true, limit: MAX_BODY_BYTES });
  return (req, res, next) => {
    if (req.method !== 'POST' || (req.path !== WEBHOOK_PATH && req.path !== `${WEBHOOK_PATH}/`)) return next();
    // Body errors (too large, a bad encoding) go on to the app's error handler, as from any parser.
    readBody(req, res, (error?: unknown) => (error ? next(error) : void receive(intake, log, req, res)));
  };
}

async function receive(intake: Intake, log: Logger, req: Request, res: Response): Promise<void> {
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
}
