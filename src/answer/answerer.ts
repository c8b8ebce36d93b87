// The Answerer the engine calls: retrieve from the knowledge, decide whether anything is relevant,
// then answer with the model (when configured) or extractively (offline). Never throws: a failure
// anywhere becomes a no_answer (the engine hands off) or the offline answer.
import type { Integration } from '../config/settings-integrations.js';
import type { Logger } from '../log.js';
import type { RetrieveOptions } from '../knowledge/retrieve.js';
import { retrieve } from '../knowledge/retrieve.js';
import { contentTokens } from '../knowledge/text.js';
import type { ScoredChunk, SearchableIndex } from '../knowledge/types.js';
import { extractiveAnswer } from './extractive.js';
import type { ChatConfig, ModelAnswererOptions } from './model-answerer.js';
import { ModelAnswerer } from './model-answerer.js';
import type { Answerer, AnswerRequest, AnswerResult, SourceRef } from './types.js';

export interface AnswererOptions {
  index: SearchableIndex;
  /** Model mode when set; offline extractive answers otherwise. */
  chat?: ChatConfig | undefined;
  /** Overrides of the retrieval defaults (k, thresholds). */
  retrieval?: Omit<RetrieveOptions, 'language'>;
  log?: Logger;
  /** Told each time the offline answer stands in for the model's. */
  onModelFailure?: ModelAnswererOptions['onFailure'];
  /** Replaces the model chain (tests). */
  chain?: ModelAnswererOptions['chain'];
  /** The knowledge sources a conversation of this inbox may use; all when absent. */
  scope?: (inboxId: number) => ReadonlySet<string>;
  /** The integrations a conversation of this inbox may call as tools (model mode only). */
  integrations?: (inboxId: number) => Integration[];
  /** The SSRF allow-list for integrations. */
  allowPrivateHosts?: readonly string[];
}

/** New messages with this few content words get the previous line as context ("and to Bali?"). */
const SHORT_QUERY_WORDS = 2;

/** What to search for: the new messages, plus the last line before them when they are too short alone. */
export function searchQuery(request: Pick<AnswerRequest, 'messages' | 'history'>): string {
  const asked = request.messages.join('\n').trim();
  const words = contentTokens(asked).length;
  const previous = request.history.at(-1)?.text.trim();
  // No content word at all ("ok", "thanks") is not a question: no context is added to make it one.
  if (words === 0 || words > SHORT_QUERY_WORDS || previous === undefined || previous === '') return asked;
  return `${previous}\n${asked}`;
}

export function toSourceRef(passage: ScoredChunk): SourceRef {
  return {
    id: passage.id,
    title: passage.metadata.title,
    source: passage.metadata.source,
    score: Math.round(Math.min(1, Math.max(0, passage.score)) * 1000) / 1000,
  };
}

export function createAnswerer(options: AnswererOptions): Answerer {
  const mode = options.chat === undefined ? 'offline' : 'model';
  const model =
    options.chat === undefined
      ? undefined
      : new ModelAnswerer(options.chat, {
          ...(options.log ? { log: options.log } : {}),
          ...(options.onModelFailure ? { onFailure: options.onModelFailure } : {}),
          ...(options.chain ? { chain: options.chain } : {}),
          policy: { allowPrivateHosts: options.allowPrivateHosts ?? [] },
        });

  return {
    async answer(request: AnswerRequest): Promise<AnswerResult> {
      const query = searchQuery(request);
      let passages: ScoredChunk[];
      // With integrations the model may answer from a tool even when no passage is relevant ("where is order 123?").
      const tools = model === undefined || request.inboxId === undefined ? [] : (options.integrations?.(request.inboxId) ?? []).filter((tool) => tool.enabled);
      try {
        const sources = request.inboxId === undefined ? undefined : options.scope?.(request.inboxId);
        const retrieval = await retrieve(options.index, query, { ...options.retrieval, language: request.language, ...(sources ? { sources } : {}) });
        if (!retrieval.relevant && tools.length === 0) return { kind: 'no_answer', tried: retrieval.passages.map(toSourceRef), mode };
        passages = retrieval.relevant ? retrieval.passages : [];
      } catch (error) {
        // The index (or the embeddings service behind it) is unavailable: nothing can be looked up.
        options.log?.warn('knowledge search failed', { error: error instanceof Error ? error.message : String(error) });
        return { kind: 'no_answer', tried: [], mode };
      }

      const offline = (): AnswerResult => {
        const extracted = extractiveAnswer({
          passages,
          query,
          language: request.language,
          replyLength: request.persona.replyLength,
          dontMention: request.persona.dontMention,
        });
        return extracted === undefined
          ? { kind: 'no_answer', tried: passages.map(toSourceRef), mode: 'offline' }
          : { kind: 'answer', text: extracted.text, sources: extracted.used.map(toSourceRef), mode: 'offline' };
      };
      if (model === undefined) return offline();
      return model.answer(
        {
          persona: request.persona,
          language: request.language,
          contact: request.contact,
          passages,
          messages: request.messages,
          history: request.history,
          sources: passages.map(toSourceRef),
          tools,
        },
        offline,
      );
    },
  };
}
