// Model mode: prompt -> ChatOpenAI (any OpenAI-compatible provider) -> text, as a plain LCEL chain.
// The model decides whether the passages answer the question (it replies NO_ANSWER when not). When the
// call fails (timeout, 5xx, bad key) the customer still gets the offline extractive answer: this module
// never throws to the engine.
import { StringOutputParser } from '@langchain/core/output_parsers';
import type { Runnable } from '@langchain/core/runnables';
import { ChatOpenAI } from '@langchain/openai';
import type { Logger } from '../log.js';
import { normalizeText } from '../knowledge/text.js';
import type { AnswerPromptVariables, PromptInput } from './prompt.js';
import { answerPrompt, NO_ANSWER, promptVariables } from './prompt.js';
import type { AnswerResult, SourceRef } from './types.js';

export interface ChatConfig {
  apiKey: string;
  /** An OpenAI-compatible endpoint (Azure, Ollama, vLLM, LM Studio); OpenAI's when absent. */
  baseURL?: string | undefined;
  model: string;
  /** Per request, in milliseconds (default 20 s: the customer is waiting in a chat). */
  timeoutMs?: number;
}

export type AnswerChain = Runnable<AnswerPromptVariables, string>;

const DEFAULT_TIMEOUT_MS = 20_000;

/** Reasoning models (o1, o3, gpt-5) reject a temperature other than the default. */
function acceptsTemperature(model: string): boolean {
  return !/^o\d/.test(model) && !(model.startsWith('gpt-5') && !model.startsWith('gpt-5-chat'));
}

export function createChatModel(config: ChatConfig): ChatOpenAI {
  return new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    ...(acceptsTemperature(config.model) ? { temperature: 0.2 } : {}),
    timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: 1,
    ...(config.baseURL === undefined ? {} : { configuration: { baseURL: config.baseURL } }),
  });
}

/** prompt -> model -> string. */
export function createAnswerChain(config: ChatConfig): AnswerChain {
  return answerPrompt.pipe(createChatModel(config)).pipe(new StringOutputParser());
}

/** True when the model said the passages do not answer the question (tolerating quotes and a period). */
export function isNoAnswer(reply: string): boolean {
  const bare = reply.trim().replace(/^["'`*\s]+|["'`*.\s]+$/g, '');
  return bare.length === 0 || bare === NO_ANSWER || bare.startsWith(`${NO_ANSWER}`) || bare.endsWith(NO_ANSWER);
}

function mentionsAny(text: string, items: readonly string[]): boolean {
  const normalized = normalizeText(text);
  return items.some((item) => item.trim().length > 0 && normalized.includes(normalizeText(item.trim())));
}

export interface ModelAnswerInput extends PromptInput {
  /** The sources behind the passages, reported with the answer. */
  sources: SourceRef[];
}

export interface ModelAnswererOptions {
  log?: Logger;
  /** Replaces the chain built from `config` (tests). */
  chain?: AnswerChain;
}

export class ModelAnswerer {
  private readonly chain: AnswerChain;
  private readonly log: Logger | undefined;

  constructor(config: ChatConfig, options: ModelAnswererOptions = {}) {
    this.chain = options.chain ?? createAnswerChain(config);
    this.log = options.log;
  }

  /**
   * Asks the model. `offline` gives the extractive result used when the call fails or the reply
   * breaks a rule the model was given (it mentions a don't-mention item).
   */
  async answer(input: ModelAnswerInput, offline: () => AnswerResult): Promise<AnswerResult> {
    let reply: string;
    try {
      reply = (await this.chain.invoke(promptVariables(input))).trim();
    } catch (error) {
      this.log?.warn('the model call failed; answering offline', { error: error instanceof Error ? error.message : String(error) });
      return offline();
    }
    if (isNoAnswer(reply)) return { kind: 'no_answer', tried: input.sources, mode: 'model' };
    if (mentionsAny(reply, input.persona.dontMention)) {
      this.log?.warn('the model mentioned a forbidden item; answering offline');
      return offline();
    }
    return { kind: 'answer', text: reply, sources: input.sources, mode: 'model' };
  }
}
