// GET /api/directory: the agents, teams, inboxes and labels of the helpdesk's account (Chatwoot through the
// administrator token, or the sandbox's own), so the settings page picks them by name instead of typing ids. Kept for
// a few minutes: the page asks on every load and Chatwoot's lists change rarely; `?refresh=1` (the page's "refresh"
// button) reads them again at once. Ids are still what the settings store, and still accepted typed in.
import express, { type Router } from 'express';
import { type Directory, HelpdeskError, type HelpdeskPort } from '../chatwoot/port.js';
import { sendError } from './errors.js';

/** How long a directory read from Chatwoot is served again. */
export const DIRECTORY_TTL_MS = 5 * 60_000;

export function directoryApi(helpdesk: HelpdeskPort, now: () => number = Date.now): Router {
  const router = express.Router();
  let cached: { directory: Directory; at: number } | undefined;
  router.get('/directory', async (req, res) => {
    const fresh = req.query['refresh'] === '1' || cached === undefined || now() - cached.at >= DIRECTORY_TTL_MS;
    try {
      if (fresh) cached = { directory: await helpdesk.directory(), at: now() };
      res.json({ ...cached!.directory, readAt: new Date(cached!.at).toISOString() });
    } catch (error) {
      if (!(error instanceof HelpdeskError)) throw error;
      // The page still works without it: ids can be typed in.
      sendError(res, 502, 'helpdesk_unavailable', `Chatwoot did not list its agents, teams, inboxes and labels: ${error.message}`);
    }
  });
  return router;
}
