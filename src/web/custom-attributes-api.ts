// GET /api/custom-attributes: the custom attributes defined in the helpdesk (Chatwoot, or the sandbox's own), so the
// rules editor offers them by their display name for `ask_for`. Read when the page asks, never cached: an attribute
// added in Chatwoot shows up on the next load.
import express, { type Router } from 'express';
import { HelpdeskError, type HelpdeskPort } from '../chatwoot/port.js';
import { sendError } from './errors.js';

export function customAttributesApi(helpdesk: HelpdeskPort): Router {
  const router = express.Router();
  router.get('/custom-attributes', async (_req, res) => {
    try {
      res.json({ attributes: await helpdesk.customAttributeDefinitions() });
    } catch (error) {
      if (!(error instanceof HelpdeskError)) throw error;
      // The page still works without the list: attribute keys can be typed in.
      sendError(res, 502, 'helpdesk_unavailable', `Chatwoot did not list its custom attributes: ${error.message}`);
    }
  });
  return router;
}
