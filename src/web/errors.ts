// Errors are JSON everywhere (SPEC 5): {"error": {"code", "message"}}.
import type { ErrorRequestHandler, Response } from 'express';

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** Turns body-parser failures (too large, bad JSON) and anything unexpected into the JSON error shape. */
export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) return next(error);
  const e = error as { status?: number; type?: string; message?: string };
  if (e.type === 'entity.too.large') return sendError(res, 413, 'payload_too_large', 'the body is larger than 1 MB');
  if (e.type === 'entity.parse.failed') return sendError(res, 400, 'invalid_json', 'the body is not valid JSON');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return sendError(res, e.status, 'bad_request', e.message ?? 'bad request');
  sendError(res, 500, 'internal', 'internal error');
};
