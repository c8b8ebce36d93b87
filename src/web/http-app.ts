// The HTTP surface (SPEC 5): webhooks, health, metrics, the settings page and admin API, the dashboard app and,
// without Chatwoot, the sandbox helpdesk's API.
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { HelpdeskPort } from '../chatwoot/port.js';
import type { TrustProxy } from '../config/trust-proxy.js';
import type { SandboxHelpdesk } from '../chatwoot/sandbox.js';
import type { Engine } from '../engine/engine.js';
import type { Intake } from '../intake/intake.js';
import { intakeRouter } from '../intake/router.js';
import type { Logger } from '../log.js';
import type { SettingsStore } from '../store/settings-store.js';
import type { ConversationStore } from '../store/types.js';
import type { AnalyticsStore } from '../store/analytics-store.js';
import { adminApi } from './admin-api.js';
import { requireAdmin } from './admin-auth.js';
import { errorHandler, sendError } from './errors.js';
import type { AppLinks } from './app-link.js';
import { dashboardApp } from './dashboard-app.js';
import { type KnowledgeApiDeps, knowledgeApi } from './knowledge-api.js';
import type { Metrics } from './metrics.js';
import type { Playground } from './playground.js';
import { sandboxApi } from './sandbox-api.js';
import { securityHeaders } from './security.js';

export interface HttpDeps {
  intake: Intake;
  engine: Engine;
  store: ConversationStore;
  settings: SettingsStore;
  metrics: Metrics;
  adminToken: string;
  log: Logger;
  sandbox?: SandboxHelpdesk;
  /** The helpdesk in use (Chatwoot or the sandbox), for the admin API's lookups. */
  helpdesk: HelpdeskPort;
  /** The Chatwoot that may show Jawab's pages in a frame (the dashboard app). */
  chatwootUrl?: string;
  playground: Playground;
  analytics: AnalyticsStore;
  links: AppLinks;
  now: () => number;
  isReady: () => boolean;
  /** Express's `trust proxy` (TRUST_PROXY): the admin token's failure limit counts the client it names. */
  trustProxy?: TrustProxy;
  /** The knowledge index and sources, once indexed (absent when a test replaces the answerer). */
  knowledge?: Promise<KnowledgeApiDeps> | undefined;
}

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  // The webhook comes first: Chatwoot's server reads its JSON, no browser does, so it skips the page headers (the
  // hottest route stays lean).
  app.use(intakeRouter(deps.intake, deps.log));
  app.use(securityHeaders(deps.chatwootUrl));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    if (deps.isReady()) res.json({ status: 'ready' });
    else sendError(res, 503, 'not_ready', 'still starting (indexing knowledge, resuming work)');
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  // The settings page (its API needs the admin token) and the dashboard app (signed links): SPEC 5.
  app.use('/static', express.static(PUBLIC_DIR, { index: false }));
  app.get('/', (_req, res) => res.sendFile('settings.html', { root: PUBLIC_DIR }));
  app.use(dashboardApp({ links: deps.links, store: deps.store, engine: deps.engine, publicDir: PUBLIC_DIR, chatwootUrl: deps.chatwootUrl, now: deps.now }));

  const admin = requireAdmin(deps.adminToken);
  if (deps.sandbox) app.use('/api/sandbox', admin, sandboxApi(deps.sandbox, deps.store));
  if (deps.knowledge) app.use('/api/knowledge', admin, knowledgeApi(deps.knowledge));
  app.use('/api', admin, adminApi(deps));
  app.use((_req, res) => sendError(res, 404, 'not_found', 'no such route'));
  app.use(errorHandler);
  return app;
}
