// GET /api/analytics?days=14&inbox=3: per day (and for one inbox or all) what the AI did (analytics/report.ts).
import express, { type Router } from 'express';
import { z } from 'zod';
import { DAYS_KEPT } from '../analytics/report.js';
import type { AnalyticsStore } from '../store/analytics-store.js';
import { sendError } from './errors.js';

const query = z.object({
  days: z.coerce.number().int().min(1).max(DAYS_KEPT).default(14),
  inbox: z.coerce.number().int().positive().optional(),
});

export function analyticsApi(analytics: AnalyticsStore): Router {
  const router = express.Router();
  router.get('/analytics', (req, res) => {
    const parsed = query.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, 'invalid', `days is 1 to ${DAYS_KEPT}; inbox is an inbox id`);
    res.json(analytics.report(parsed.data.days, parsed.data.inbox));
  });
  return router;
}
