// Chooses the embeddings model from the environment, like the app does: OpenAI-compatible embeddings
// when OPENAI_API_KEY is set, the offline hashed embeddings otherwise. The returned id keys the index
// folder, so switching models never mixes vectors from two models in one index.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../config/env.js';
import { OfflineEmbeddings } from './offline-embeddings.js';

export interface EmbeddingsEnv {
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  OPENAI_EMBEDDING_MODEL?: string | undefined;
}

export interface EmbeddingsChoice {
  embeddings: EmbeddingsInterface;
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
  const embeddings = new ProviderEmbeddings({
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

/**
 * OpenAIEmbeddings, loaded at the first call: the OpenAI client is a second of start-up and tens of MiB that only
 * model mode uses, so the module that names it must not be the one every start loads.
 */
class ProviderEmbeddings implements EmbeddingsInterface {
  private client?: Promise<OpenAIEmbeddings>;

  constructor(private readonly fields: ConstructorParameters<typeof OpenAIEmbeddings>[0]) {}

  async embedQuery(text: string): Promise<number[]> {
    return (await this.load()).embedQuery(text);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.load()).embedDocuments(texts);
  }

  private load(): Promise<OpenAIEmbeddings> {
    return (this.client ??= import('@langchain/openai').then(({ OpenAIEmbeddings }) => new OpenAIEmbeddings(this.fields)));
  }
}
