// Bearer ADMIN_TOKEN for every /api route (SPEC 5), compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { sendError } from './errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function requireAdmin(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (given && timingSafeEqual(digest(given), expected)) return next();
    sendError(res, 401, 'unauthorized', 'send Authorization: Bearer <ADMIN_TOKEN>');
  };
}
