// The settings routes (SPEC 3, 5): the published settings (GET/PUT /api/settings publishes at once), the draft an
// admin prepares on the settings page (GET/PUT/DELETE /api/settings/draft, POST /api/settings/publish), and the JSON
// Schema the page renders its editors from. Secrets go out masked and come back restored (config/secrets.ts).
import express, { type Response, type Router } from 'express';
import { restoreSecrets, maskSecrets } from '../config/secrets.js';
import { settingsJsonSchema } from '../config/settings-json-schema.js';
import type { Settings } from '../config/settings.js';
import type { FieldProblem, SettingsStore, SettingsUpdate } from '../store/settings-store.js';

export function settingsApi(settings: SettingsStore): Router {
  const router = express.Router();
  const schema = settingsJsonSchema();
  const masked = (s: Settings) => maskSecrets(s, schema);
  /** Restores masked secrets from `stored`, then validates and saves with `save`. */
  const save = async (res: Response, body: unknown, stored: Settings, write: (input: unknown) => Promise<SettingsUpdate>) => {
    const restored = restoreSecrets(body, stored, schema);
    if (restored.problems.length) return invalid(res, restored.problems);
    const result = await write(restored.value);
    if (!result.ok) return invalid(res, result.errors);
    return result.settings;
  };

  router.get('/settings/schema', (_req, res) => {
    res.json(schema);
  });

  router.get('/settings', (_req, res) => {
    res.json(masked(settings.get()));
  });

  router.put('/settings', async (req, res) => {
    const saved = await save(res, req.body, settings.get(), (input) => settings.put(input));
    if (saved) res.json(masked(saved));
  });

  router.get('/settings/draft', (_req, res) => {
    res.json({ settings: masked(settings.draft()), differs: settings.draftDiffers(), savedAt: settings.draftSavedAt ?? null });
  });

  router.put('/settings/draft', async (req, res) => {
    // A masked secret in the draft stands for the draft's secret, or the published one it was copied from.
    const saved = await save(res, req.body, settings.draft(), (input) => settings.putDraft(input));
    if (saved) res.json({ settings: masked(saved), differs: settings.draftDiffers(), savedAt: settings.draftSavedAt ?? null });
  });

  router.delete('/settings/draft', async (_req, res) => {
    await settings.discardDraft();
    res.json({ settings: masked(settings.draft()), differs: false, savedAt: null });
  });

  router.post('/settings/publish', async (_req, res) => {
    res.json(masked(await settings.publish()));
  });
  return router;
}

/** 422 with every problem, each with the dotted path of its field, so the page can show it next to the field. */
function invalid(res: Response, problems: FieldProblem[]): undefined {
  const first = problems[0];
  res.status(422).json({ error: { code: 'invalid_settings', message: `${first?.path}: ${first?.message}`, fields: problems } });
  return undefined;
}
