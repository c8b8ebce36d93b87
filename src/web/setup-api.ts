// GET /api/setup: the state of the first-run checklist the settings page shows (connect Chatwoot or stay in the
// sandbox, add knowledge, try the playground, publish), each read from what Jawab has, not from what the page
// remembers: a step done on another device, or by `npm run install-plugin`, shows as done.
import express, { type Router } from 'express';
import type { HelpdeskPort } from '../chatwoot/port.js';
import { SandboxHelpdesk } from '../chatwoot/sandbox.js';
import { publishedByPerson, type SettingsStore } from '../store/settings-store.js';
import type { Playground } from './playground.js';

export interface SetupState {
  helpdesk: 'chatwoot' | 'sandbox';
  /** Knowledge sources of all profiles (the knowledge folder is reported by GET /api/knowledge/:profile/folder). */
  sources: number;
  /** Playground conversations now open. */
  playgroundChats: number;
  /** Someone published the settings at least once. */
  published: boolean;
}

export function setupApi(deps: { helpdesk: HelpdeskPort; settings: SettingsStore; playground: Playground }): Router {
  const router = express.Router();
  router.get('/setup', async (_req, res) => {
    const settings = deps.settings.get();
    const profiles = [settings.defaultProfile, ...Object.values(settings.inboxes)];
    const state: SetupState = {
      helpdesk: deps.helpdesk instanceof SandboxHelpdesk ? 'sandbox' : 'chatwoot',
      sources: profiles.reduce((sum, profile) => sum + profile.knowledge.sources.length, 0),
      playgroundChats: deps.playground.size,
      published: (await deps.settings.versions()).some(publishedByPerson),
    };
    res.json(state);
  });
  return router;
}
