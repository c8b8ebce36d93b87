// The settings routes (SPEC 3, 5): the published settings (GET, PUT a whole document, PATCH a JSON merge patch:
// both publish at once), the draft an admin prepares on the settings page (GET/PUT/PATCH/DELETE /api/settings/draft,
// POST /api/settings/publish), the history of published versions (list, show, diff against the current, restore),
// and the JSON Schema the page renders its editors from. Secrets go out masked and come back restored
// (config/secrets.ts).
import express, { type Request, type Response, type Router } from 'express';
import { jsonDiff } from '../config/json-diff.js';
import { isObject, mergePatch } from '../config/merge-patch.js';
import { maskSecrets, restoreSecrets } from '../config/secrets.js';
import { settingsJsonSchema } from '../config/settings-json-schema.js';
import type { Settings } from '../config/settings.js';
import type { SettingsAuthor } from '../store/settings-history.js';
import type { FieldProblem, SettingsStore, SettingsUpdate } from '../store/settings-store.js';
import { sendError } from './errors.js';

export function settingsApi(settings: SettingsStore): Router {
  const router = express.Router();
  const schema = settingsJsonSchema();
  const masked = (s: Settings) => maskSecrets(s, schema);
  const draftView = () => ({ settings: masked(settings.draft()), differs: settings.draftDiffers(), savedAt: settings.draftSavedAt ?? null });

  /** Writes `body` (PUT) or the current document with `body` merged in (PATCH); masked secrets stand for the stored ones. */
  const write = async (req: Request, res: Response, target: 'published' | 'draft', how: 'put' | 'patch'): Promise<Settings | undefined> => {
    if (how === 'patch' && !isObject(req.body)) {
      sendError(res, 422, 'invalid_patch', 'send a JSON merge patch (RFC 7396): an object with the fields to change, null to remove one');
      return undefined;
    }
    const result = await settings.change(
      target,
      (current) => {
        const restored = restoreSecrets(how === 'patch' ? mergePatch(current, req.body) : req.body, current, schema);
        return restored.problems.length ? { errors: restored.problems } : { input: restored.value };
      },
      author(req),
    );
    return saved(res, result);
  };

  router.get('/settings/schema', (_req, res) => {
    res.json(schema);
  });

  router.get('/settings', (_req, res) => {
    res.json(masked(settings.get()));
  });
  router.put('/settings', async (req, res) => {
    const done = await write(req, res, 'published', 'put');
    if (done) res.json(masked(done));
  });
  router.patch('/settings', async (req, res) => {
    const done = await write(req, res, 'published', 'patch');
    if (done) res.json(masked(done));
  });

  router.get('/settings/draft', (_req, res) => {
    res.json(draftView());
  });
  // A masked secret in the draft stands for the draft's secret, or the published one it was copied from.
  router.put('/settings/draft', async (req, res) => {
    if (await write(req, res, 'draft', 'put')) res.json(draftView());
  });
  router.patch('/settings/draft', async (req, res) => {
    if (await write(req, res, 'draft', 'patch')) res.json(draftView());
  });
  router.delete('/settings/draft', async (_req, res) => {
    await settings.discardDraft();
    res.json({ ...draftView(), differs: false, savedAt: null });
  });
  router.post('/settings/publish', async (req, res) => {
    res.json(masked(await settings.publish(author(req))));
  });

  // The history: GET lists the versions (newest first) without their settings; one version's settings, and what
  // restoring it would change, are asked for one at a time.
  router.get('/settings/history', async (_req, res) => {
    const current = JSON.stringify(settings.get());
    const versions = await settings.versions();
    res.json({ versions: versions.map(({ settings: kept, ...about }) => ({ ...about, sameAsCurrent: JSON.stringify(kept) === current })) });
  });
  router.get('/settings/history/:version', async (req, res) => {
    const found = await findVersion(settings, req, res);
    if (found) res.json({ ...found, settings: masked(found.settings) });
  });
  router.get('/settings/history/:version/diff', async (req, res) => {
    const found = await findVersion(settings, req, res);
    if (found) res.json({ version: found.version, changes: changesOnRestore(settings.get(), found.settings, masked) });
  });
  router.post('/settings/history/:version/restore', async (req, res) => {
    const version = Number(req.params.version);
    const result = Number.isSafeInteger(version) ? await settings.restore(version, { ...author(req), via: `restore of version ${version}` }) : undefined;
    if (!result) return sendError(res, 404, 'not_found', `there is no version ${req.params.version} in the settings history (GET /api/settings/history lists them)`);
    const done = saved(res, result);
    if (done) res.json(masked(done));
  });
  return router;
}

/** Who asked, as far as the admin API can tell (req.ip follows TRUST_PROXY). */
function author(req: Request): SettingsAuthor {
  const userAgent = req.get('user-agent')?.slice(0, 200);
  return { via: `${req.method} ${req.baseUrl}${req.path}`, ...(req.ip && { address: req.ip }), ...(userAgent && { userAgent }) };
}

async function findVersion(settings: SettingsStore, req: Request, res: Response) {
  const found = (await settings.versions()).find((v) => String(v.version) === req.params['version']);
  if (!found) sendError(res, 404, 'not_found', `there is no version ${req.params['version']} in the settings history (GET /api/settings/history lists them)`);
  return found;
}

/**
 * What restoring `version` would change in `current`, secrets masked. A secret that changed but masks the same
 * (the same last four characters, or a short one) is listed without its values.
 */
function changesOnRestore(current: Settings, version: Settings, masked: (s: Settings) => Settings) {
  const shown = jsonDiff(masked(current), masked(version));
  const listed = new Set(shown.map((d) => d.path));
  const secrets = jsonDiff(current, version).filter((d) => !listed.has(d.path)).map((d) => ({ path: d.path, note: 'a secret differs' }));
  return [...shown, ...secrets];
}

function saved(res: Response, result: SettingsUpdate): Settings | undefined {
  if (result.ok) return result.settings;
  invalid(res, result.errors);
  return undefined;
}

/** 422 with every problem, each with the dotted path of its field, so the page can show it next to the field. */
function invalid(res: Response, problems: FieldProblem[]): void {
  const first = problems[0];
  res.status(422).json({ error: { code: 'invalid_settings', message: `${first?.path}: ${first?.message}`, fields: problems } });
}
