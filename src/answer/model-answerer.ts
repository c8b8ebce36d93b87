// Model mode: prompt -> ChatOpenAI (any OpenAI-compatible provider) -> text, as a plain LCEL chain.
// The model decides whether the passages answer the question (it replies NO_ANSWER when not). When the
// call fails (timeout, 5xx, bad key) the customer still gets the offline extractive answer: this module
// never throws to the engine.
import type { BaseMessage } from '@langchain/core/messages';
import { AIMessage, ToolMessage } from '@langchain/core/messages';
import { StringOutputParser } from '@langchain/core/output_parsers';
import type { Runnable } from '@langchain/core/runnables';
import { ChatOpenAI } from '@langchain/openai';
import type { Integration } from '../config/settings-integrations.js';
import type { Logger } from '../log.js';
import type { AddressPolicy } from '../net/address-policy.js';
import { normalizeText } from '../knowledge/text.js';
import type { AnswerPromptVariables, PromptInput } from './prompt.js';
import { answerPrompt, buildPromptMessages, condensePrompt, fence, historyText, NO_ANSWER, NO_QUESTION, promptVariables, smallTalkPrompt } from './prompt.js';
import { callIntegration, toolDefinition } from './tools.js';
import type { AnswerRequest, AnswerResult, SmallTalkRequest, SourceRef } from './types.js';

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
/** Model turns with tool calls before the answer must come: enough for a lookup and a follow-up. */
const MAX_TOOL_ROUNDS = 3;

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

/** The condensing step of history-aware retrieval: conversation -> standalone questions, one per line. */
function createCondenseChain(config: ChatConfig): Runnable<{ history: string; messages: string }, string> {
  return condensePrompt.pipe(createChatModel(config)).pipe(new StringOutputParser());
}

/** The standalone questions in a condensing reply (NONE: none; list marks and quotes dropped). */
export function condensedQuestions(reply: string): string[] {
  if (reply.trim().replace(/[."']/g, '') === NO_QUESTION) return [];
  return reply
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').replace(/^["']|["']$/g, '').trim())
    .filter((line) => line.length > 0 && line !== NO_QUESTION);
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
  /** Integrations the model may call (model mode only). */
  tools?: Integration[];
}

/** Why the model's reply was not used: the call failed (`error`, `timeout`) or it broke a rule (`forbidden_item`). */
export type ModelFailure = 'error' | 'timeout' | 'forbidden_item';

export interface ModelAnswererOptions {
  log?: Logger;
  /** Told each time the offline answer stands in for the model's (counted on /metrics). */
  onFailure?: (failure: ModelFailure) => void;
  /** The SSRF allow-list for integrations. */
  policy?: AddressPolicy;
  /** Replaces the chain built from `config` (tests). */
  chain?: AnswerChain;
}

export class ModelAnswerer {
  private readonly chain: AnswerChain;
  private readonly log: Logger | undefined;
  private readonly onFailure: (failure: ModelFailure) => void;
  private readonly policy: AddressPolicy;

  constructor(
    private readonly config: ChatConfig,
    options: ModelAnswererOptions = {},
  ) {
    this.chain = options.chain ?? createAnswerChain(config);
    this.log = options.log;
    this.onFailure = options.onFailure ?? (() => undefined);
    this.policy = options.policy ?? { allowPrivateHosts: [] };
  }

  /**
   * The prompt, then tool calls for as long as the model asks for them (at most MAX_TOOL_ROUNDS), then
   * its text. Each call is reported as a source (`tool:<name>`) so the audit trail shows what was asked.
   */
  private async replyWithTools(input: ModelAnswerInput, tools: Integration[], used: SourceRef[]): Promise<string> {
    const model = createChatModel(this.config).bindTools(tools.map(toolDefinition));
    const messages: BaseMessage[] = await buildPromptMessages(input);
    for (let round = 0; round <= MAX_TOOL_ROUNDS; round += 1) {
      const reply = await model.invoke(messages);
      const calls = reply.tool_calls ?? [];
      if (calls.length === 0 || round === MAX_TOOL_ROUNDS) return typeof reply.content === 'string' ? reply.content : reply.text;
      messages.push(new AIMessage({ content: reply.content, tool_calls: calls }));
      for (const call of calls) {
        const integration = tools.find((tool) => tool.name === call.name);
        const result = integration === undefined ? { content: `error: no tool named ${call.name}`, url: '', ok: false } : await callIntegration(integration, call.args, this.policy);
        used.push({ id: `tool:${call.name}`, title: `${call.name}${result.ok ? '' : ' (failed)'}`, source: result.url, score: 1 });
        messages.push(new ToolMessage({ content: result.content, tool_call_id: call.id ?? call.name }));
      }
    }
    return '';
  }

  /**
   * The customer's new messages as standalone questions, written by the model from the conversation; undefined when
   * the call fails (the offline reading of follow-ups stands in). An empty list: the messages ask nothing.
   */
  async condense(request: Pick<AnswerRequest, 'history' | 'messages'>): Promise<string[] | undefined> {
    try {
      const reply = await createCondenseChain(this.config).invoke({
        history: historyText(request.history),
        messages: request.messages.map((message) => fence(message)).join('\n'),
      });
      return condensedQuestions(reply);
    } catch (error) {
      this.onFailure(isTimeout(error) ? 'timeout' : 'error');
      this.log?.warn('the model could not condense the question; reading it offline', { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }

  /** The persona's reply to small talk; undefined when the call fails or breaks a rule (the built-in text answers). */
  async smallTalk(request: SmallTalkRequest): Promise<string | undefined> {
    try {
      const variables = promptVariables({ ...request, passages: [] });
      const reply = (await smallTalkPrompt.pipe(createChatModel(this.config)).pipe(new StringOutputParser()).invoke(variables)).trim();
      if (reply === '' || isNoAnswer(reply) || mentionsAny(reply, request.persona.dontMention)) return undefined;
      return reply;
    } catch (error) {
      this.onFailure(isTimeout(error) ? 'timeout' : 'error');
      this.log?.warn('the model could not answer small talk; using the built-in reply', { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }

  /**
   * Asks the model. `offline` gives the extractive result used when the call fails or the reply
   * breaks a rule the model was given (it mentions a don't-mention item).
   */
  async answer(input: ModelAnswerInput, offline: () => AnswerResult): Promise<AnswerResult> {
    let reply: string;
    const tools = input.tools ?? [];
    const toolSources: SourceRef[] = [];
    try {
      reply = (tools.length > 0 ? await this.replyWithTools(input, tools, toolSources) : await this.chain.invoke(promptVariables(input))).trim();
    } catch (error) {
      const failure = isTimeout(error) ? 'timeout' : 'error';
      this.onFailure(failure);
      this.log?.warn('the model call failed; answering offline', { failure, error: error instanceof Error ? error.message : String(error) });
      return offline();
    }
    if (isNoAnswer(reply)) return { kind: 'no_answer', tried: [...input.sources, ...toolSources], mode: 'model' };
    if (mentionsAny(reply, input.persona.dontMention)) {
      this.onFailure('forbidden_item');
      this.log?.warn('the model mentioned a forbidden item; answering offline');
      return offline();
    }
    return { kind: 'answer', text: reply, sources: [...input.sources, ...toolSources], mode: 'model' };
  }
}

/** The OpenAI SDK reports its own timeout as APIConnectionTimeoutError; an abort says "timed out" or "aborted". */
function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'APIConnectionTimeoutError' || error.name === 'TimeoutError' || /timed? ?out|aborted/i.test(error.message);
}
