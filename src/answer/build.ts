// Builds the knowledge and the answerer from the configuration: embeddings (offline or OpenAI-compatible),
// the knowledge index synced with KNOWLEDGE_DIR (only changed files re-embedded), the profiles' sources
// (reconciled with the settings, websites and Help Center portals re-crawled on schedule), and the model chain when a key is set.
import type { HelpCenter } from '../chatwoot/help-center.js';
import type { Config } from '../config/env.js';
import { profileFor } from '../config/settings.js';
import { embeddingsOf } from '../knowledge/embeddings.js';
import { KnowledgeIndex } from '../knowledge/knowledge-index.js';
import { KnowledgeSources } from '../knowledge/sources/manager.js';
import type { Logger } from '../log.js';
import type { ModelFailure } from './model-answerer.js';
import type { SettingsStore } from '../store/settings-store.js';
import { createAnswerer } from './answerer.js';
import type { Answerer } from './types.js';

export interface Knowledge {
  index: KnowledgeIndex;
  sources: KnowledgeSources;
  answerer: Answerer;
}

export async function buildKnowledge(
  config: Config,
  log: Logger,
  settings: SettingsStore,
  onModelFailure?: (failure: ModelFailure) => void,
  helpCenter?: HelpCenter,
): Promise<Knowledge> {
  const choice = embeddingsOf(config);
  const index = await KnowledgeIndex.open({ dataDir: config.dataDir, embeddings: choice.embeddings, embeddingsId: choice.id });
  const report = await index.sync(config.knowledgeDir);
  for (const error of report.errors) log.warn('a knowledge file was skipped', { file: error.path, reason: error.reason });
  log.info('knowledge indexed', {
    embeddings: choice.id,
    added: report.added,
    updated: report.updated,
    removed: report.removed,
    unchanged: report.unchanged,
    chunks: report.chunks,
  });
  // Source changes publish at once and carry into a draft in progress (SettingsStore.putSources).
  const sourceSettings = { get: () => settings.get(), put: (input: unknown) => settings.putSources(input), onChange: settings.onChange.bind(settings) };
  const sources = new KnowledgeSources({ index, dataDir: config.dataDir, settings: sourceSettings, allowPrivateHosts: config.allowPrivateHosts, helpCenter, log });
  sources.start();
  const chat = config.openai
    ? { apiKey: config.openai.apiKey, baseURL: config.openai.baseURL, model: config.openai.model, timeoutMs: config.openai.timeoutMs }
    : undefined;
  const answerer = createAnswerer({
    index,
    chat,
    log,
    ...(onModelFailure ? { onModelFailure } : {}),
    scope: (inboxId) => sources.scope(inboxId),
    integrations: (inboxId) => profileFor(settings.get(), inboxId).integrations,
    allowPrivateHosts: config.allowPrivateHosts,
  });
  return { index, sources, answerer };
}
