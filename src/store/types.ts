// The store interface: what the intake and the engine persist. lowdb implements it (embedded);
// a Redis implementation can sit behind the same interface for several replicas.
import type { HelpdeskAction } from '../engine/actions.js';
import { type AuditEntry, type ConversationState, withAudit } from '../engine/state.js';

export interface OutboxEntry {
  id: string;
  action: HelpdeskAction;
  /**
   * `inflight`: an earlier attempt may have been applied (its outcome is unknown: a timeout, a dropped connection,
   * or a restart while it was under way), so a message is looked up before it is sent again.
   */
  status: 'pending' | 'inflight';
  attempts: number;
  /** When the action was decided (ms): it cannot have reached the helpdesk before. */
  createdAt: number;
  lastError?: string;
}

export interface ConversationRecord {
  state?: ConversationState;
  /** Actions decided and not yet confirmed applied, in order. */
  outbox: OutboxEntry[];
  /** Delivery ids and event keys seen, with when (ms); pruned after 24 h. */
  seen: Record<string, number>;
  nextActionId: number;
  /** The stored record could not be read and this one replaced it (recordAfterLoss): the engine tells the agents. */
  lostMemory?: { at: number };
  /** When the embedded store last wrote it (ms): retention counts idle time from here (Redis expires the key instead). */
  touchedAt?: number;
}

export interface Change<T> {
  value: T;
  /** false: nothing changed, skip the write. */
  changed: boolean;
  /**
   * Keep the change in memory and write it with the conversation's next checkpoint (within 5 seconds).
   * Only for changes a restart can rebuild or that are safe to lose: events the journal still holds, the claim of
   * an action (after a restart every unsettled action is reconciled before it is repeated), a retry back-off.
   */
  defer?: boolean;
  /**
   * Actions this change settled (with settleEntry): durable when update() resolves, even when the rest of the change
   * is deferred, so an action the helpdesk confirmed is never applied again after a crash. A store that writes behind
   * keeps them in a small journal of its own until the record itself is written.
   */
  settled?: Settlement[];
}

/** An outbox entry the helpdesk confirmed (or refused for good), and the audit line that says so. */
export interface Settlement {
  entryId: string;
  audit: AuditEntry;
}

/**
 * Takes a settled entry out of the outbox and adds its audit line. Applying it again (a store replaying its journal
 * after a crash) changes nothing: the entry is gone by then. True when it removed the entry.
 */
export function settleEntry(record: ConversationRecord, settlement: Settlement): boolean {
  const kept = record.outbox.filter((e) => e.id !== settlement.entryId);
  if (kept.length === record.outbox.length) return false;
  record.outbox = kept;
  if (record.state) record.state = withAudit(record.state, settlement.audit);
  return true;
}

export interface ConversationStore {
  /**
   * Runs `change` on a draft of the record under the conversation's lock. The draft is persisted before this
   * resolves, unless the change says `defer`: then `durable(key)` tells when it is.
   */
  update<T>(key: string, change: (draft: ConversationRecord) => Change<T>): Promise<T>;
  /** Resolves once every change made to the conversation so far is on disk. */
  durable(key: string): Promise<void>;
  /** A copy of the record, for reading outside the engine. */
  read(key: string): Promise<ConversationRecord | undefined>;
  /** The record itself, under the conversation's lock, to be read and not changed. */
  peek(key: string): Promise<ConversationRecord>;
  /** Conversations with due timers or unconfirmed actions: what a restart must resume. */
  activeKeys(): Promise<string[]>;
  close(): Promise<void>;
}

export const SEEN_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * Duplicates arrive within seconds (Chatwoot's retries are 3 s apart; a second channel is as quick), so the newest
 * few hundred ids of a conversation are plenty, and the cap keeps a chatty conversation's file small.
 */
export const SEEN_MAX = 400;

export const emptyRecord = (): ConversationRecord => ({ outbox: [], seen: {}, nextActionId: 1 });

/**
 * What a conversation goes on from when its stored record could not be read: nothing of it, the mark that tells the
 * engine so, and action ids that cannot be those of the lost record's actions (a message's stamp and the settled
 * journal name an action by its id), as the lost ones counted up from 1.
 */
export const recordAfterLoss = (now: number): ConversationRecord => ({ ...emptyRecord(), nextActionId: now, lostMemory: { at: now } });

/** A conversation's stored record that could not be read, moved aside: from where, to where, and why. */
export interface Quarantined {
  key: string;
  /** The file or Redis key it was in. */
  file: string;
  movedTo: string;
  reason: string;
}

/**
 * A draft to change: new containers for what changes are allowed to touch in place (the outbox entries). The state is
 * never mutated, only replaced, so it needs no copy: this is far cheaper than a deep clone per write. Nor is `seen`
 * copied (a copy of its few hundred keys cost more than the whole fold of an event): a change may only add keys to
 * it, and only as its very last step, so a change that throws leaves the stored keys as they were.
 */
export function draftOf(record: ConversationRecord): ConversationRecord {
  return { ...record, outbox: record.outbox.map((e) => ({ ...e })) };
}

export function hasWork(record: ConversationRecord): boolean {
  return record.outbox.length > 0 || Object.values(record.state?.timers ?? {}).some((t) => t !== undefined);
}

/** RETENTION_DAYS when unset: a quarter, long enough for any follow-up or return a conversation sees in practice. */
export const DEFAULT_RETENTION_DAYS = 90;
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A conversation retention keeps however long it is idle: one with work left, or one where a person stopped the AI
 * (only a person lifts that; a fresh state would let the AI answer there again).
 */
export function keptForever(record: ConversationRecord): boolean {
  return hasWork(record) || record.state?.owner === 'stopped';
}

/** The keys still worth keeping; the same object, uncopied, when none is to go (the usual case). */
export function pruneSeen(seen: Record<string, number>, now: number): Record<string, number> {
  let count = 0;
  let expired = false;
  for (const key in seen) {
    count++;
    if (now - seen[key]! >= SEEN_TTL_MS) expired = true;
  }
  if (count <= SEEN_MAX && !expired) return seen;
  let entries = Object.entries(seen).filter(([, at]) => now - at < SEEN_TTL_MS);
  if (entries.length > SEEN_MAX) entries = entries.sort((a, b) => a[1] - b[1]).slice(entries.length - SEEN_MAX);
  return Object.fromEntries(entries);
}
