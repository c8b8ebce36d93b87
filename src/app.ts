// The composition root: builds Jawab's parts from the configuration and wires them in one direction:
// webhook -> intake -> engine (-> answer -> knowledge) -> executor -> helpdesk.
import type { Express } from 'express';
import { ActionExecutor } from './actions/executor.js';
import { TypingIndicator } from './actions/typing.js';
import { ChatwootHelpCenter } from './chatwoot/help-center.js';
import { sandboxHelpCenter } from './chatwoot/sandbox-help-center.js';
import type { Answerer } from './answer/types.js';
import { ChatwootClient } from './chatwoot/client.js';
import type { HelpdeskPort } from './chatwoot/port.js';
import { SandboxHelpdesk } from './chatwoot/sandbox.js';
import { resolveAdminToken } from './config/admin-token.js';
import type { Config } from './config/env.js';
import { Engine } from './engine/engine.js';
import { Intake } from './intake/intake.js';
import { buildKnowledge } from './answer/build.js';
import { rateLimited } from './answer/rate-limited.js';
import type { Logger } from './log.js';
import { offlineClassifier } from './rules/offline-classifier.js';
import { openEmbeddedBackend } from './store/backend.js';
import { AnalyticsStore } from './store/analytics-store.js';
import { SettingsStore } from './store/settings-store.js';
import { type ConversationStore, DAY_MS, type Quarantined } from './store/types.js';
import { AppLinks } from './web/app-link.js';
import { createHttpApp } from './web/http-app.js';
import { Metrics } from './web/metrics.js';
import { Playground } from './web/playground.js';

export interface Jawab {
  http: Express;
  engine: Engine;
  intake: Intake;
  store: ConversationStore;
  settings: SettingsStore;
  helpdesk: HelpdeskPort;
  /** Set when Jawab runs its built-in helpdesk (no CHATWOOT_URL). */
  sandbox?: SandboxHelpdesk;
  adminToken: { token: string; generated: boolean };
  /** Resolves when the knowledge is indexed and accepted work has been resumed. */
  ready: Promise<void>;
  isReady(): boolean;
  /** Stops taking work, finishes what is running, and closes the store. */
  close(): Promise<void>;
}

export interface JawabOverrides {
  answerer?: Answerer;
  helpdesk?: HelpdeskPort;
  now?: () => number;
}

export async function createJawab(config: Config, log: Logger, overrides: JawabOverrides = {}): Promise<Jawab> {
  const now = overrides.now ?? Date.now;
  const analytics = await AnalyticsStore.open(config.dataDir, now, log);
  const metrics = new Metrics(analytics, now);
  const quarantined = ({ key, file, movedTo, reason }: Quarantined) => {
    log.error('a conversation state could not be read: moved aside, the conversation goes on from fresh state', { conversation: key, file, movedTo, reason });
    metrics.stateQuarantined();
  };
  const retentionMs = config.retentionDays * DAY_MS;
  // Redis, BullMQ and the model client load only when configured (dynamic imports): an offline start is faster without them.
  const backend = config.redis
    ? await (await import('./redis/backend.js')).openRedisBackend(config.redis, log, now, quarantined, retentionMs)
    : await openEmbeddedBackend(config.dataDir, now, log, quarantined, retentionMs);
  const { store, queue } = backend;
  const settings = await SettingsStore.open(config.dataDir, { now, log });
  await backend.shareSettings?.(settings);
  const adminToken = await resolveAdminToken(config.dataDir, config.adminToken);

  const sandbox = !overrides.helpdesk && !config.chatwoot ? new SandboxHelpdesk({ now }) : undefined;
  const helpdesk: HelpdeskPort =
    overrides.helpdesk ??
    sandbox ??
    new ChatwootClient({
      baseUrl: config.chatwoot!.url,
      botToken: config.chatwoot!.botToken,
      userToken: config.chatwoot!.userToken,
      timeoutMs: config.chatwoot!.timeoutMs,
      maxRequestsPerSecond: config.chatwoot!.maxRequestsPerSecond,
      limiters: backend.limiters,
    });

  // Webhooks are accepted (and stored) while the knowledge is still being indexed; turns wait for it.
  // The Help Center a portal source is read from: the Chatwoot's (administrator token), else the sandbox's own.
  const helpCenter = config.chatwoot
    ? new ChatwootHelpCenter({ baseUrl: config.chatwoot.url, userToken: config.chatwoot.userToken, timeoutMs: config.chatwoot.timeoutMs, maxRequestsPerSecond: config.chatwoot.maxRequestsPerSecond, limiters: backend.limiters })
    : sandboxHelpCenter;
  const knowledge = overrides.answerer ? undefined : buildKnowledge(config, log, settings, (failure) => metrics.modelFailed(failure), helpCenter);
  const answererReady = overrides.answerer ? Promise.resolve(overrides.answerer) : knowledge!.then((built) => built.answerer);
  const answerer = rateLimited({ answer: async (request) => (await answererReady).answer(request) }, config.openai, backend.limiters);

  const openai = config.openai;
  const classifier = openai ? await import('./rules/model-classifier.js').then((m) => new m.ModelClassifier(m.createSignalsCall(openai), log)) : offlineClassifier;
  // With a model, the handoff note is written by it (notes/model-note.ts), and voice notes and photos are read (media/).
  const notes = openai ? await import('./notes/model-note.js').then((m) => new m.ModelNoteWriter(openai, log)) : undefined;
  const media = openai ? await import('./media/model-media.js').then((m) => new m.ModelMediaReader({ chat: openai, transcriptionModel: openai.transcriptionModel, policy: { allowPrivateHosts: mediaHosts(config) }, log })) : undefined;
  const executor = new ActionExecutor(helpdesk, backend.rotation, metrics);
  const engine = new Engine({
    store,
    locks: backend.locks,
    wakeUps: backend.wakeUps,
    answerer,
    classifier,
    ...(notes ? { notes } : {}),
    ...(media ? { media } : {}),
    executor,
    typing: new TypingIndicator(helpdesk, log),
    settings: () => settings.get(),
    log,
    observer: metrics,
    now,
  });
  const intake = new Intake({
    queue,
    seen: backend.seen,
    secret: config.webhookSecret,
    allowUnsigned: config.allowUnsignedWebhooks,
    observer: metrics,
    now,
  });
  sandbox?.connect((body, deliveryId) => intake.receive(body, deliveryId));

  let ready = false;
  const readyPromise = answererReady.then(async () => {
    // Unsettled actions are marked for checking before anything can drain an outbox; then the events acknowledged
    // before a crash and not yet folded come back from the intake queue, in order, ahead of new ones.
    const resumed = backend.resumeOnStart ? await engine.resume() : 0;
    const recovered = await queue.start((accepted) => engine.accept(accepted));
    if (recovered || resumed) log.info('resumed accepted work', { events: recovered, conversations: resumed });
    ready = true;
  });
  readyPromise.catch((error: unknown) => log.error('start failed', { error: String(error) }));

  // The playground has a sandbox helpdesk and an engine of its own and answers with the draft settings.
  const playground = await Playground.open({ dataDir: config.dataDir, answerer, draft: () => settings.draft(), log });
  const links = new AppLinks(adminToken.token);
  const http = createHttpApp({ intake, engine, store, settings, metrics, adminToken: adminToken.token, log, sandbox, helpdesk, playground, analytics, links, now, chatwootUrl: config.chatwoot?.url, trustProxy: config.trustProxy, isReady: () => ready, knowledge });
  return {
    http,
    engine,
    intake,
    store,
    settings,
    helpdesk,
    sandbox,
    adminToken,
    ready: readyPromise,
    isReady: () => ready,
    close: async () => {
      await queue.stop();
      await engine.stop();
      await playground.close();
      await (await knowledge?.catch(() => undefined))?.sources.stop();
      await sandbox?.settled();
      await analytics.flush();
      await queue.close();
      await backend.close();
    },
  };
}

/** Attachments are downloaded from Chatwoot, often on a private network: its host is allowed besides the configured ones. */
function mediaHosts(config: Config): string[] {
  if (!config.chatwoot) return config.allowPrivateHosts;
  const url = new URL(config.chatwoot.url);
  // URL.hostname keeps an IPv6 address in brackets, as an allow-list entry with a port wants it.
  return [...config.allowPrivateHosts, `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`];
}
