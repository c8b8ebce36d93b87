// Chooses the embeddings model from the environment, like the app does: OpenAI-compatible embeddings
// when OPENAI_API_KEY is set, the offline hashed embeddings otherwise. The returned id keys the index
// folder, so switching models never mixes vectors from two models in one index.
import type { Embeddings } from '@langchain/core/embeddings';
import type { Config } from '../config/env.js';
import { OpenAIEmbeddings } from '@langchain/openai';
import { OfflineEmbeddings } from './offline-embeddings.js';

export interface EmbeddingsEnv {
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  OPENAI_EMBEDDING_MODEL?: string | undefined;
}

export interface EmbeddingsChoice {
  embeddings: Embeddings;
  id: string;
  mode: 'offline' | 'openai';
}

export const DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';

/** A self-hosted provider may serve a different model under the same name: its host goes in the id. */
function providerSuffix(baseURL: string | undefined): string {
  if (baseURL === undefined) return '';
  try {
    const host = new URL(baseURL).host;
    return host === 'api.openai.com' ? '' : `@${host}`;
  } catch {
    return `@${baseURL}`;
  }
}

export function createEmbeddings(env: EmbeddingsEnv): EmbeddingsChoice {
  const apiKey = env.OPENAI_API_KEY?.trim();
  if (apiKey === undefined || apiKey === '') {
    const embeddings = new OfflineEmbeddings();
    return { embeddings, id: embeddings.id, mode: 'offline' };
  }
  const model = env.OPENAI_EMBEDDING_MODEL?.trim() || DEFAULT_EMBEDDING_MODEL;
  const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
  const embeddings = new OpenAIEmbeddings({
    apiKey,
    model,
    maxRetries: 2,
    timeout: 30_000,
    ...(baseURL === undefined ? {} : { configuration: { baseURL } }),
  });
  return { embeddings, id: `openai-${model}${providerSuffix(baseURL)}`, mode: 'openai' };
}

/** The embeddings of a loaded configuration: the server and `npm run index` choose alike, so they share one index. */
export function embeddingsOf(config: Pick<Config, 'openai'>): EmbeddingsChoice {
  return createEmbeddings({
    OPENAI_API_KEY: config.openai?.apiKey,
    OPENAI_BASE_URL: config.openai?.baseURL,
    OPENAI_EMBEDDING_MODEL: config.openai?.embeddingModel,
  });
}
