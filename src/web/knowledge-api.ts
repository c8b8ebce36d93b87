// The admin API of knowledge sources (SPEC 5 `/api/knowledge`), per profile ("default" or an inbox id):
//   GET    /:profile/sources                      the sources with their status (chunks, last sync, errors)
//   POST   /:profile/sources                      add {type: files|snippets|website|helpcenter, name, …}
//   GET    /:profile/sources/:id                  one source
//   PATCH  /:profile/sources/:id                  change fields (name, state, snippets, url, maxDepth, …)
//   DELETE /:profile/sources/:id                  delete it, its files and its chunks
//   POST   /:profile/sources/:id/sync             re-read it now (websites: re-crawl)
//   POST   /:profile/sources/:id/enable|disable|disconnect
//   PUT    /:profile/sources/:id/files/:name      upload a file (raw body) to a files source
//   DELETE /:profile/sources/:id/files/:name
//   GET    /:profile/search?q=…                   what the agent would find for a question (relevant or not)
//   GET    /portals                                the helpdesk's Help Center portals, to add one as a source
//   GET    /status                                 the index: embeddings, chunks, KNOWLEDGE_DIR status (503 while indexing)
// Mounted behind the admin token by http-app.ts; errors are {"error": {"code", "message"}}.
import express, { type Request, type Response, type Router } from 'express';
import type { SourceState } from '../config/settings-knowledge.js';
import { FOLDER_SOURCE } from '../knowledge/knowledge-index.js';
import type { KnowledgeIndex } from '../knowledge/knowledge-index.js';
import { MAX_FILE_BYTES } from '../knowledge/loader.js';
import { retrieve } from '../knowledge/retrieve.js';
import type { KnowledgeSources } from '../knowledge/sources/manager.js';
import { SourceError } from '../knowledge/sources/manager.js';
import { sendError } from './errors.js';

export interface KnowledgeApiDeps {
  sources: KnowledgeSources;
  index: KnowledgeIndex;
}

const STATUS: Record<SourceError['code'], number> = { not_found: 404, invalid: 422, limit: 409, unsupported: 415, too_large: 413 };
const STATES: Record<string, SourceState> = { enable: 'enabled', disable: 'disabled', disconnect: 'disconnected' };

type Handler = (req: Request, res: Response, knowledge: KnowledgeApiDeps) => Promise<unknown>;

/** Waits for the knowledge to be ready, runs the handler, and turns SourceErrors into JSON errors. */
function route(ready: Promise<KnowledgeApiDeps>, handler: Handler) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await handler(req, res, await ready);
    } catch (error) {
      if (error instanceof SourceError) sendError(res, STATUS[error.code], error.code, error.message);
      else sendError(res, 500, 'internal', `knowledge: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

export function knowledgeApi(ready: Promise<KnowledgeApiDeps>): Router {
  const router = express.Router();
  const json = express.json({ limit: '2mb' });
  const raw = express.raw({ type: () => true, limit: MAX_FILE_BYTES });
  const param = (req: Request, name: string): string => String(req.params[name]);

  // The status answers at once: waiting for an index that takes minutes to build would leave a client hanging.
  let indexed: KnowledgeIndex | undefined;
  ready.then(({ index }) => (indexed = index)).catch(() => undefined);
  router.get('/status', (_req, res) => {
    if (!indexed) return sendError(res, 503, 'not_ready', 'the knowledge is still being indexed');
    res.json({ ...indexed.stats(), folder: indexed.sourceStatus(FOLDER_SOURCE) ?? null });
  });
  router.get(
    '/:profile/search',
    route(ready, async (req, res, { sources, index }) => {
      const query = typeof req.query.q === 'string' ? req.query.q.trim() : '';
      if (query === '') return sendError(res, 400, 'missing_query', 'send the question as ?q=');
      const retrieval = await retrieve(index, query, { sources: sources.profileScope(param(req, 'profile')) });
      res.json({
        relevant: retrieval.relevant,
        passages: retrieval.passages.map((passage) => ({ ...passage.metadata, id: passage.id, score: passage.score, similarity: passage.similarity, coverage: passage.coverage, text: passage.text })),
      });
    }),
  );
  router.get(
    '/portals',
    route(ready, async (_req, res, { sources }) => {
      const portals = await sources.portals().catch((error: unknown) => error as Error);
      if (portals instanceof Error) return sendError(res, 502, 'helpdesk', `Chatwoot did not list its Help Center portals: ${portals.message}`);
      res.json({ portals });
    }),
  );
  // The folder of KNOWLEDGE_DIR as the Knowledge tab shows it: where it is, whether this profile answers from it, its
  // files, chunks and last sync. Read-only: it changes by editing the folder and restarting (or `npm run index`).
  router.get(
    '/:profile/folder',
    route(ready, async (req, res, { sources, index }) => {
      const status = index.sourceStatus(FOLDER_SOURCE);
      if (status === undefined) return sendError(res, 404, 'no_folder', 'no knowledge folder is indexed (KNOWLEDGE_DIR)');
      const used = sources.profileScope(param(req, 'profile')).has(FOLDER_SOURCE);
      res.json({ folder: index.stats().knowledgeDir ?? null, used, status, files: index.sourceDocuments(FOLDER_SOURCE) });
    }),
  );
  router.get('/:profile/sources', route(ready, async (req, res, { sources }) => res.json({ sources: await sources.list(param(req, 'profile')) })));
  router.post(
    '/:profile/sources',
    json,
    route(ready, async (req, res, { sources }) => res.status(201).json(await sources.add(param(req, 'profile'), req.body))),
  );
  router.get('/:profile/sources/:id', route(ready, async (req, res, { sources }) => res.json(await sources.get(param(req, 'profile'), param(req, 'id')))));
  router.patch(
    '/:profile/sources/:id',
    json,
    route(ready, async (req, res, { sources }) => res.json(await sources.update(param(req, 'profile'), param(req, 'id'), req.body))),
  );
  router.delete(
    '/:profile/sources/:id',
    route(ready, async (req, res, { sources }) => {
      await sources.remove(param(req, 'profile'), param(req, 'id'));
      res.status(204).end();
    }),
  );
  router.post('/:profile/sources/:id/sync', route(ready, async (req, res, { sources }) => res.json(await sources.sync(param(req, 'profile'), param(req, 'id')))));
  router.post(
    '/:profile/sources/:id/:command',
    route(ready, async (req, res, { sources }) => {
      const state = STATES[param(req, 'command')];
      if (state === undefined) return sendError(res, 404, 'unknown_command', 'use sync, enable, disable or disconnect');
      res.json(await sources.setState(param(req, 'profile'), param(req, 'id'), state));
    }),
  );
  router.put(
    '/:profile/sources/:id/files/:name',
    raw,
    route(ready, async (req, res, { sources }) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (body.length === 0) return sendError(res, 400, 'empty_file', 'send the file as the request body');
      res.json(await sources.putFile(param(req, 'profile'), param(req, 'id'), param(req, 'name'), body));
    }),
  );
  router.delete(
    '/:profile/sources/:id/files/:name',
    route(ready, async (req, res, { sources }) => res.json(await sources.deleteFile(param(req, 'profile'), param(req, 'id'), param(req, 'name')))),
  );
  // An upload above the limit is refused by the body parser before any handler runs.
  router.use((error: unknown, _req: Request, res: Response, next: express.NextFunction) => {
    if ((error as { type?: string }).type !== 'entity.too.large') return next(error);
    sendError(res, 413, 'too_large', `the body is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  });
  return router;
}
