// What Jawab keeps per conversation (SPEC 4). Everything here is bounded, so the conversation's file stays small.
import type { SourceRef } from '../answer/types.js';
import type { ConversationRef, ConversationStatus } from '../chatwoot/port.js';
import type { TimerName } from './actions.js';
import type { AskAttribute, ContactField } from '../config/settings-rules.js';
import type { Attachment, ContactSnapshot } from './events.js';
import type { Because } from './why.js';

export type Owner = 'ai' | 'human' | 'stopped';

export interface PendingMessage {
  messageId: number;
  text: string;
  at: number;
  attachmentCount: number;
  /** The attachments' kinds and addresses, for the media reader (media/); at most LIMITS.attachments. */
  attachments?: Attachment[];
  /** The value of the quick-reply button the customer pressed, when this message is a button choice. */
  choice?: string;
}

/** Where the inbox's flow stands in this session. */
export interface FlowPosition {
  step: string;
  /** At a buttons step, waiting for the customer's choice. */
  waiting: boolean;
  done: boolean;
  /** The session's first message, which the flow's conditions look at. */
  firstText: string;
  firstAt: number;
}

/**
 * A rule that asked for details: its messages wait until they are given (ask first, thank after). What is still
 * missing is asked again each customer turn, until `tries` asks in a row got none of it (rules/details.ts).
 */
export interface Awaiting {
  rule: string;
  /** The contact details still missing. */
  fields: ContactField[];
  /** The custom attributes still missing (a state written before they existed has none). */
  attributes?: AskAttribute[];
  messages: string[];
  /** Asks in a row that got none of the details, the last one included (absent: 1, the first ask). */
  asked?: number;
  /** Absent: the defaults of `ask_for` (3, continue). */
  tries?: number;
  fallback?: 'continue' | 'handoff';
}

export interface TranscriptLine {
  role: 'customer' | 'bot' | 'agent';
  text: string;
  at: number;
}

export interface AuditEntry {
  at: number;
  /** e.g. `owner ai -> human`, `reply`, `handoff`, `action failed`. */
  what: string;
  why: string;
  sources?: SourceRef[];
}

export interface ConversationState {
  ref: ConversationRef;
  owner: Owner;
  status: ConversationStatus;
  labels: string[];
  assigneeId: number | null;
  contact?: ContactSnapshot;
  sessionStartedAt: number;
  /** Bot replies in this session. */
  botReplies: number;
  /** Customer messages waiting for the reply delay to end. */
  pending: PendingMessage[];
  timers: Partial<Record<TimerName, number>>;
  transcript: TranscriptLine[];
  lastAnswer?: { at: number; text: string; why: string; because?: Because; sources: SourceRef[] };
  /** When Jawab last resolved the conversation itself (the cooldown before a new session starts). */
  resolvedByBotAt?: number;
  /** Contact details the customer gave in this session (email, phone, name, address). */
  collected?: Partial<Record<ContactField, string>>;
  /** Custom attributes the customer gave in this session, by `contact.<key>` or `conversation.<key>`. */
  collectedAttributes?: Record<string, string>;
  awaiting?: Awaiting;
  /** Follow-ups sent since the bot last spoke and the customer did not answer. */
  followUpsSent?: number;
  flow?: FlowPosition;
  /**
   * What the conversation is about: the standalone form of the last question answered from the knowledge ("berapa
   * ongkos kirim ke surabaya"), which a follow-up ("kalau ke medan?") is read against. Reset by a new session.
   */
  topic?: { query: string; section?: string; at: number };
  /** Jawab snoozed the conversation itself (a rule): when it wakes up `open`, that is no handover. */
  snoozedByBot?: boolean;
  /** Chatwoot's updated_at of the last conversation event applied: older events are stale. */
  conversationUpdatedAt: number;
  audit: AuditEntry[];
}

/** The customer's last `n` lines of the transcript, oldest first. */
export function customerLines(state: Pick<ConversationState, 'transcript'>, n: number): string[] {
  return state.transcript.filter((line) => line.role === 'customer').map((line) => line.text).slice(-n);
}

export const LIMITS = { transcript: 30, audit: 60, pending: 50, textChars: 2000, attachments: 5 } as const;

export function initialState(ref: ConversationRef, now: number): ConversationState {
  return {
    ref,
    owner: 'ai',
    status: 'pending',
    labels: [],
    assigneeId: null,
    sessionStartedAt: now,
    botReplies: 0,
    pending: [],
    timers: {},
    transcript: [],
    conversationUpdatedAt: 0,
    audit: [],
  };
}

/** Appends to a list and drops the oldest entries beyond `max`. */
export function bounded<T>(list: readonly T[], items: readonly T[], max: number): T[] {
  const next = [...list, ...items];
  return next.length > max ? next.slice(next.length - max) : next;
}

export function clip(text: string, max: number = LIMITS.textChars): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function withAudit(state: ConversationState, entry: AuditEntry): ConversationState {
  return { ...state, audit: bounded(state.audit, [entry], LIMITS.audit) };
}

export function setOwner(state: ConversationState, owner: Owner, why: string, at: number): ConversationState {
  if (state.owner === owner) return state;
  return withAudit({ ...state, owner }, { at, what: `owner ${state.owner} -> ${owner}`, why });
}
