// What the engine asks of the answer module, and what it gets back.
import type { Language, Persona } from '../config/settings.js';
import type { Synonym } from '../language/normalize.js';
import type { Topic } from './question-resolution.js';

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
  /** What they ask: the messages with greetings, thanks and fillers taken off (dialogue/acts.ts); `messages` when absent. */
  questions?: string[];
  /** The conversation's current topic: the standalone form of the last question answered, for follow-ups. */
  topic?: Topic;
  /** The profile's own words for things, applied to the questions before searching. */
  synonyms?: Synonym[];
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
  | {
      kind: 'answer';
      text: string;
      sources: SourceRef[];
      mode: 'model' | 'offline';
      /** The topic the conversation is on after this answer (the standalone question answered last). */
      topic?: Topic;
      /** Questions of the turn that nothing in the knowledge answers. */
      unanswered?: string[];
    }
  /** Nothing relevant in the knowledge: the engine says so and hands off. `tried` lists what was looked at. */
  | { kind: 'no_answer'; tried: SourceRef[]; mode: 'model' | 'offline'; unanswered?: string[] };

/** Small talk for the model to answer in the persona's voice (greetings, thanks, goodbyes; no facts). */
export interface SmallTalkRequest {
  messages: string[];
  history: HistoryLine[];
  language: Language;
  persona: Persona;
  contact: ContactFacts;
}

export interface Answerer {
  answer(request: AnswerRequest): Promise<AnswerResult>;
  /** The model's reply to small talk; undefined offline or when the model fails (the built-in texts answer then). */
  smallTalk?(request: SmallTalkRequest): Promise<string | undefined>;
}
