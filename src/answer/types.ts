// What the engine asks of the answer module, and what it gets back.
import type { Language, Persona } from '../config/settings.js';

export interface SourceRef {
  /** Chunk id in the index. */
  id: string;
  /** Title of the document (or its file name). */
  title: string;
  /** Where it came from: a path relative to the knowledge folder, or a URL. */
  source: string;
  /** Relevance in [0, 1]. */
  score: number;
}

export interface HistoryLine {
  role: 'customer' | 'bot' | 'agent';
  text: string;
}

export interface ContactFacts {
  name?: string;
  email?: string;
  phone?: string;
  customAttributes?: Record<string, string | number | boolean>;
}

/** What rules ask of the answer (rules/plan.ts); the engine also enforces the exact parts itself. */
export interface AnswerGuidance {
  /** Information the reply must contain. */
  include: string[];
  /** Topics to bring up: `always`, or `try` when it fits. */
  topics: Array<{ topic: string; mode: 'always' | 'try' }>;
  /** Things the reply must not mention. */
  dontMention: string[];
}

export interface AnswerRequest {
  /** The customer's new messages since the last reply, in order. */
  messages: string[];
  /** Earlier lines of the conversation, oldest first (bounded). */
  history: HistoryLine[];
  /** The language to reply in (already resolved from the persona and the customer's messages). */
  language: Language;
  persona: Persona;
  contact: ContactFacts;
  /** Set when rules shape this answer. */
  guidance?: AnswerGuidance;
  /** The Chatwoot inbox: selects the profile's knowledge sources (all sources when absent). */
  inboxId?: number;
}

export type AnswerResult =
  | { kind: 'answer'; text: string; sources: SourceRef[]; mode: 'model' | 'offline' }
  /** Nothing relevant in the knowledge: the engine says so and hands off. `tried` lists what was looked at. */
  | { kind: 'no_answer'; tried: SourceRef[]; mode: 'model' | 'offline' };

export interface Answerer {
  answer(request: AnswerRequest): Promise<AnswerResult>;
}
