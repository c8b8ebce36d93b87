// Bearer ADMIN_TOKEN for every /api route (SPEC 5), compared in constant time, with a limit on failed attempts
// per client address so the token cannot be guessed by trying. The address is req.ip: behind a reverse proxy,
// TRUST_PROXY makes it the real client's instead of the proxy's.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { sendError } from './errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

export interface AdminGuardOptions {
  /** Failed attempts allowed per client address and window. */
  failures?: number;
  windowMs?: number;
}

export function requireAdmin(token: string, options: AdminGuardOptions = {}): RequestHandler[] {
  const expected = digest(token);
  const limitFailures = rateLimit({
    windowMs: options.windowMs ?? 15 * 60_000,
    limit: options.failures ?? 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Only refused tokens count: an admin's own mistakes (a 400 on a bad setting) do not lock them out.
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    skipSuccessfulRequests: true,
    handler: (_req, res) => sendError(res, 429, 'too_many_failures', 'too many requests with a wrong admin token; wait and try again'),
    // Who the client is comes from TRUST_PROXY (req.ip), checked and documented there; the library's own warning
    // about a permissive setting would only repeat it on the console.
    validate: { trustProxy: false },
  });
  const check: RequestHandler = (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (given && timingSafeEqual(digest(given), expected)) return next();
    sendError(res, 401, 'unauthorized', 'send Authorization: Bearer <ADMIN_TOKEN>');
  };
  return [limitFailures, check];
}
