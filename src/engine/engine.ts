// The engine's shell: per-conversation ordering, the durable reply delay, and draining the outbox in order.
// Each wake-up of a conversation:
//   1. folds the events the intake accepted into the state (ownership, pending messages, timers), and when the
//      reply delay is over decides a turn; both are committed in one write, so the turn's actions join the outbox
//      together with the events that caused them;
//   2. applies the outbox through the executor, one action at a time, retrying transient failures later.
// The intake queue's copies of the folded events are released only after that write.
// Locks and wake-ups are ports (store/ports.ts): in-process by default, shared through Redis with several replicas.
import type { ActionExecutor } from '../actions/executor.js';
import type { TypingIndicator } from '../actions/typing.js';
import type { Answerer } from '../answer/types.js';
import { type ConversationRef, HelpdeskError } from '../chatwoot/port.js';
import { profileFor, type Settings, teamLanguageOf } from '../config/settings.js';
import type { MediaReader } from '../media/reader.js';
import type { NoteWriter } from '../notes/writer.js';
import type { Logger } from '../log.js';
import { KeyedMutex } from '../store/keyed-mutex.js';
import type { ConversationLocks, WakeUps, WakeUpsFactory } from '../store/ports.js';
import { type ConversationRecord, type ConversationStore, type OutboxEntry, type Settlement, settleEntry } from '../store/types.js';
import { type Action, type HelpdeskAction, isTimerAction } from './actions.js';
import { type AcceptedEvent, conversationKey } from './events.js';
import { applyCommand, dropWhileOff, firstSight, type OwnerCommand, reduceEvent, switchedOn } from './reduce.js';
import { automationDue, fireAutomation } from '../rules/automation.js';
import { ownerShown } from '../rules/owner-attribute.js';
import type { Classifier } from '../rules/signals.js';
import { Scheduler } from './scheduler.js';
import { type ConversationState, type Owner, type PendingMessage, withAudit } from './state.js';
import { lostMemoryTurn } from './lost-memory.js';
import { applyTurn, decideTurn, type TurnDecision } from './turn.js';

export interface EngineObserver {
  turn(decision: TurnDecision): void;
  actionApplied(action: HelpdeskAction): void;
  /** `ref`: the conversation's, so a failure for good counts in its inbox's analytics. */
  actionFailed(action: HelpdeskAction, kind: HelpdeskError['kind'] | 'bug', ref?: ConversationRef): void;
  /** After each fold-and-turn write: the state before and after, and the turn applied in it (analytics). */
  committed?(commit: { before: ConversationState | undefined; after: ConversationState | undefined; decision?: TurnDecision; messages: PendingMessage[]; at: number }): void;
}

export interface EngineDeps {
  store: ConversationStore;
  /** Per-conversation mutual exclusion; default: in this process only. */
  locks?: ConversationLocks;
  /** Wake-ups for the conversations' timers; default: in-process timers. */
  wakeUps?: WakeUpsFactory;
  answerer: Answerer;
  /** Reads the signals rules need; default: the offline classifier. */
  classifier?: Classifier;
  /** Writes handoff notes with a model; default: written from the conversation. */
  notes?: NoteWriter;
  /** Reads voice notes and photos with a model; default: none is read (the customer is asked to type). */
  media?: MediaReader;
  executor: ActionExecutor;
  /** Shows typing while a reply is prepared; default: none. */
  typing?: TypingIndicator;
  settings: () => Settings;
  log: Logger;
  observer?: EngineObserver;
  now?: () => number;
  /** Conversations processed at once; the rest wait their turn, so acknowledging webhooks never starves. */
  concurrency?: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;

interface Attempt {
  entry: OutboxEntry;
  /** An earlier attempt may have been applied: reconcile before repeating a message. */
  maybeApplied: boolean;
  state: ConversationState;
}

export class Engine {
  private readonly lanes: ConversationLocks;
  /** Conversations waiting for their lane, with the promise of that run. */
  private readonly queued = new Map<string, Promise<void>>();
  private readonly buffers = new Map<string, AcceptedEvent[]>();
  private readonly scheduler: WakeUps;
  private readonly now: () => number;
  private readonly slots: Slots;
  private stopped = false;

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? Date.now;
    this.lanes = deps.locks ?? new KeyedMutex();
    this.scheduler = deps.wakeUps ? deps.wakeUps((key) => this.notify(key)) : new Scheduler((key) => void this.notify(key), this.now);
    this.slots = new Slots(deps.concurrency ?? 16);
  }

  /**
   * An event the intake acknowledged: fold it in soon, after whatever is running for its conversation.
   * Resolves when the run that folds it has finished.
   */
  accept(accepted: AcceptedEvent): Promise<void> {
    const key = conversationKey(accepted.event.ref);
    const buffer = this.buffers.get(key);
    if (buffer) buffer.push(accepted);
    else this.buffers.set(key, [accepted]);
    return this.notify(key);
  }

  /**
   * Something is due in this conversation: process it soon, after whatever is already running for it.
   * Resolves when that run has finished (a failed run has set its own retry).
   */
  notify(key: string): Promise<void> {
    const queued = this.queued.get(key);
    if (this.stopped) return Promise.resolve();
    if (queued) return queued;
    const run = this.lanes.run(key, async () => {
      await this.slots.acquire();
      this.queued.delete(key);
      try {
        if (!this.stopped) await this.process(key);
      } catch (error) {
        // A bug or a store failure: the work stays where it is (journal, outbox), and a later wake-up tries again.
        this.deps.log.error('processing failed', { key, error: String(error) });
        await this.scheduler.set(key, this.now() + 5_000).catch(() => undefined);
      } finally {
        this.slots.release();
      }
    });
    this.queued.set(key, run);
    return run;
  }

  /**
   * After a start, before any event is handed over: resume every conversation the store says has work (due timers,
   * unconfirmed actions). Any action left in an outbox may have been under way when the process died: mark it so
   * it is checked (a message looked up by its stamp) before it is applied again. (Marking here, once, spares a
   * write before every send.) Run first, it marks before anything can claim: an event replayed from the journal
   * drains the outbox too, and would otherwise take the head for one never tried.
   */
  async resume(): Promise<number> {
    const keys = await this.deps.store.activeKeys();
    for (const key of keys) {
      await this.lanes.run(key, () =>
        this.deps.store.update(key, (record) => {
          for (const entry of record.outbox) entry.status = 'inflight';
          // Deferred: if this process dies too, the next start marks them again.
          return { value: undefined, changed: record.outbox.length > 0, defer: true };
        }),
      );
      void this.notify(key);
    }
    return keys.length;
  }

  /**
   * A person's command on one conversation, in line with the conversation's other work. The status it may move with
   * the owner (agent-bot mode) joins the outbox in the same write, and goes out like any other action.
   */
  async command(key: string, command: OwnerCommand, by: string): Promise<ConversationState | undefined> {
    let queued = false;
    const state = await this.lanes.run(key, () =>
      this.deps.store.update(key, (record) => {
        if (!record.state) return { value: undefined, changed: false };
        const now = this.now();
        const reduced = applyCommand(record.state, command, by, profileFor(this.deps.settings(), record.state.ref.inboxId), now);
        const actions = [...reduced.actions, ...ownerShown(record.state.owner, reduced.state.owner)];
        record.state = reduced.state;
        enqueue(record, actions, now);
        queued = actions.length > 0;
        return { value: record.state, changed: true };
      }),
    );
    if (queued) void this.notify(key);
    return state;
  }

  /** Resolves when no processing is running or queued (timers may still be set). */
  idle(): Promise<void> {
    return this.lanes.idle();
  }

  get pendingTimers(): number {
    return this.scheduler.size;
  }

  /** True while any conversation has processing running or queued. */
  get busy(): boolean {
    return this.lanes.size > 0 || this.queued.size > 0;
  }

  /** Stops taking new work and waits for what is running. */
  async stop(): Promise<void> {
    // Wake-ups first: shared ones being handled finish their run before the engine refuses new work.
    await this.scheduler.stop();
    this.stopped = true;
    await this.lanes.idle();
  }

  private async process(key: string): Promise<void> {
    try {
      let state = await this.foldAndTurn(key);
      state = await this.drain(key, state);
      await this.arm(key, state);
    } finally {
      // The reply was sent, postponed or discarded: typing, if it showed, stops.
      this.deps.typing?.end(key);
    }
  }

  /** Step 1: accepted events → state, and a turn when the reply delay is over, committed together. */
  private async foldAndTurn(key: string): Promise<ConversationState | undefined> {
    const settings = this.deps.settings();
    const batch = this.take(key);
    // A preview of the fold tells whether a turn is due before anything is written. It changes only its own copy of
    // the record's top level: the fold replaces the state, appends to the outbox and leaves `seen` to the caller.
    const stored = await this.deps.store.peek(key);
    const preview = { ...stored, outbox: [...stored.outbox] };
    foldEvents(preview, batch, settings, this.now());
    let decision: TurnDecision | undefined;
    if (preview.state && isDue(preview.state, this.now()) && isOn(preview.state, settings)) {
      const profile = profileFor(settings, preview.state.ref.inboxId);
      this.deps.typing?.begin(key, preview.state.ref);
      const tools = { ...(this.deps.notes ? { notes: this.deps.notes } : {}), ...(this.deps.media ? { media: this.deps.media } : {}) };
      const turn = { state: preview.state, messages: preview.state.pending, profile, now: this.now(), teamLanguage: teamLanguageOf(settings) };
      decision = await decideTurn(turn, this.deps.answerer, this.deps.classifier, tools).finally(() => this.deps.typing?.prepared(key));
    }
    // Events that arrived while the answer was being written are folded first: a human who took over wins.
    const events = [...batch, ...this.take(key)];
    if (!events.length && !decision && !hasDueWork(preview.state, this.now())) return preview.state;
    let before: ConversationState | undefined;
    let applied: TurnDecision | undefined;
    const state = await this.deps.store.update(key, (record) => {
      const now = this.now();
      const firstNewAction = record.nextActionId;
      before = record.state;
      const { folded, metOwner } = foldEvents(record, events, settings, now);
      // The owner Chatwoot shows: the stored one, or for a conversation met in this batch the one it was met with.
      const shown = before?.owner ?? metOwner;
      if (record.lostMemory && record.state) {
        const lost = lostMemoryTurn(record.state, profileFor(settings, record.state.ref.inboxId), now, teamLanguageOf(settings));
        record.state = applyTurn(record.state, lost, now);
        enqueue(record, lost.actions, now);
        delete record.lostMemory;
        this.deps.observer?.turn(lost);
        applied = lost;
      }
      // The switch is read again: an admin may have turned it off while the answer was being written.
      if (record.state && hasDueWork(record.state, now) && !isOn(record.state, this.deps.settings())) {
        record.state = dropWhileOff(record.state, now);
      } else if (decision && record.state) {
        if (record.state.owner === 'ai') {
          record.state = applyTurn(record.state, decision, now);
          enqueue(record, decision.actions, now);
          this.deps.observer?.turn(decision);
          applied = decision;
        } else {
          record.state = withAudit(record.state, { at: now, what: 'turn discarded', why: `the conversation is now owned by ${record.state.owner}` });
        }
      }
      // Idle actions and follow-ups that are due, decided on the state as committed, in the same write (never while
      // switched off: the branch above has dropped them then).
      if (record.state && automationDue(record.state, now)) {
        const fired = fireAutomation(record.state, profileFor(settings, record.state.ref.inboxId), now, teamLanguageOf(settings));
        record.state = fired.state;
        enqueue(record, fired.actions, now);
      }
      // Chatwoot shows who owns the conversation now (rules/owner-attribute.ts), after what changed it.
      enqueue(record, ownerShown(shown, record.state?.owner), now);
      // Last, as the store asks (draftOf): nothing after this can throw and leave keys marked for events not folded.
      for (const k of folded) record.seen[k] = now;
      // Folded events alone can wait for the checkpoint: the journal keeps them until then. New actions cannot:
      // they must be on disk before they are applied, or a restart would decide them again and repeat them.
      return { value: record.state, changed: true, defer: record.nextActionId === firstNewAction };
    });
    void this.deps.store.durable(key).then(() => {
      for (const e of events) e.release();
    });
    const messages = applied ? (preview.state?.pending ?? []).filter((m) => applied!.answered.includes(m.messageId)) : [];
    this.deps.observer?.committed?.({ before, after: state, decision: applied, messages, at: this.now() });
    return state;
  }

  /** Step 2: apply the outbox in order; stop at the first failure that is worth retrying. */
  private async drain(key: string, state: ConversationState | undefined): Promise<ConversationState | undefined> {
    // Most wake-ups leave nothing to apply (a message folded during the reply delay): a look without a copy
    // spares them the claim's draft of the record.
    const record = await this.deps.store.peek(key);
    if (!record.outbox.length && record.state?.timers.retry === undefined) return state;
    let next = await this.claim(key);
    while (next.attempt) {
      const { entry } = next.attempt;
      let audit: { what: string; why: string };
      try {
        const applied = await this.deps.executor.apply(entry.action, {
          ref: next.attempt.state.ref,
          contactId: next.attempt.state.contact?.id,
          maybeApplied: next.attempt.maybeApplied,
          startedAt: entry.createdAt,
          stamp: `${key}:${entry.id}`,
        });
        this.deps.observer?.actionApplied(entry.action);
        audit = { what: `applied ${entry.action.type}`, why: applied.detail ?? 'ok' };
      } catch (error) {
        const failure = error instanceof HelpdeskError ? error : new HelpdeskError(String(error), 'permanent');
        this.deps.observer?.actionFailed(entry.action, error instanceof HelpdeskError ? failure.kind : 'bug', next.attempt.state.ref);
        if (failure.kind !== 'permanent') {
          this.deps.log.warn('action will be retried', { key, action: entry.action.type, attempts: entry.attempts, error: failure.message });
          return this.postpone(key, next.attempt, failure);
        }
        this.deps.log.error('action dropped', { key, action: entry.action.type, error: failure.message });
        audit = { what: `dropped ${entry.action.type}`, why: failure.message };
      }
      // Settling this action and claiming the next one is a single write.
      next = await this.claim(key, { entryId: entry.id, ...audit });
    }
    return next.state ?? state;
  }

  /**
   * Settles the action just done (if any) and takes the head of the outbox, unless a retry back-off is running.
   * The settling is durable when this resolves (the store journals it ahead of the record), so a confirmed action is
   * never applied again; the claim of the next one is written behind: after a crash, resume() marks every action
   * left in an outbox in flight anyway.
   */
  private claim(key: string, done?: { entryId: string; what: string; why: string }): Promise<{ attempt?: Attempt; state?: ConversationState }> {
    return this.deps.store.update<{ attempt?: Attempt; state?: ConversationState }>(key, (record) => {
      const settled: Settlement[] = done ? [{ entryId: done.entryId, audit: { at: this.now(), what: done.what, why: done.why } }] : [];
      let changed = settled.some((s) => settleEntry(record, s));
      const state = record.state;
      const retry = state?.timers.retry;
      if (!state || (retry !== undefined && retry > this.now())) return { value: { state }, changed, defer: true, settled };
      if (retry !== undefined) {
        record.state = { ...state, timers: { ...state.timers, retry: undefined } };
        changed = true;
      }
      const entry = record.outbox[0];
      if (!entry) return { value: { state: record.state }, changed, defer: true, settled };
      const maybeApplied = entry.status === 'inflight';
      entry.attempts += 1;
      // From here on the outcome is unknown until it is settled: a store written at once (Redis) shows another
      // replica that takes over after a crash that the action must be checked before it is applied again.
      entry.status = 'inflight';
      return { value: { attempt: { entry: { ...entry }, maybeApplied, state: record.state! }, state: record.state }, changed: true, defer: true, settled };
    });
  }

  /** Keeps the action at the head of the outbox and sets the retry timer. */
  private postpone(key: string, attempt: Attempt, failure: HelpdeskError): Promise<ConversationState | undefined> {
    return this.deps.store.update(key, (record) => {
      const head = record.outbox[0];
      if (head?.id === attempt.entry.id) {
        head.lastError = failure.message;
        head.attempts = attempt.entry.attempts;
        // "Not done" from the helpdesk changes nothing; an unclear outcome (now or earlier) must be reconciled before a
        // message is repeated.
        head.status = failure.kind === 'unknown_outcome' || attempt.maybeApplied ? 'inflight' : 'pending';
      }
      const backoff = failure.retryAfterMs ?? Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempt.entry.attempts, 12));
      record.state = { ...record.state!, timers: { ...record.state!.timers, retry: this.now() + backoff } };
      // Deferred: a restart retries at once, which is what the back-off was waiting for anyway.
      return { value: record.state, changed: true, defer: true };
    });
  }

  private take(key: string): AcceptedEvent[] {
    const batch = this.buffers.get(key) ?? [];
    this.buffers.delete(key);
    return batch;
  }

  /** One wake-up per conversation, at the earliest of its named timers (whichever timers the state has). */
  private async arm(key: string, state: ConversationState | undefined): Promise<void> {
    if (this.buffers.has(key)) return void this.notify(key);
    const times = Object.values(state?.timers ?? {}).filter((t): t is number => t !== undefined);
    if (!times.length) return this.scheduler.clear(key);
    // A timer already due goes through the wake-ups too: on Redis that makes the next run a durable job.
    await this.scheduler.set(key, Math.min(...times));
  }
}

function isDue(state: ConversationState, now: number): boolean {
  const due = state.timers.reply;
  return due !== undefined && due <= now && state.owner === 'ai' && state.pending.length > 0;
}

/** A reply, an idle action or a follow-up is due. */
function hasDueWork(state: ConversationState | undefined, now: number): boolean {
  return state !== undefined && (isDue(state, now) || automationDue(state, now));
}

/** The global switch and the conversation's profile are both on (SPEC 4: the switch stops Jawab at once). */
function isOn(state: ConversationState, settings: Settings): boolean {
  return switchedOn(settings.enabled, profileFor(settings, state.ref.inboxId));
}

/**
 * Folds accepted events into the record in arrival order, skipping any whose key the conversation has seen (or an
 * earlier event of the batch had). Returns the keys of the events folded, for the caller to mark seen: `seen` itself
 * is left alone, so a preview needs no copy of it; and for a conversation met in this batch, the owner it was met
 * with (before its first event's own changes).
 */
function foldEvents(record: ConversationRecord, events: AcceptedEvent[], settings: Settings, now: number): { folded: Set<string>; metOwner?: Owner } {
  const folded = new Set<string>();
  let metOwner: Owner | undefined;
  for (const { event, keys } of events) {
    if (keys.some((k) => record.seen[k] !== undefined || folded.has(k))) continue;
    for (const k of keys) folded.add(k);
    const profile = profileFor(settings, event.ref.inboxId);
    if (!record.state) metOwner = firstSight(event, profile, now).owner;
    const reduced = reduceEvent(record.state, event, { profile, now, enabled: settings.enabled, teamLanguage: teamLanguageOf(settings) });
    record.state = reduced.state;
    enqueue(record, reduced.actions, now);
  }
  return { folded, metOwner };
}

/** Timer actions change the state; helpdesk actions join the outbox. Both land in the same write. */
function enqueue(record: ConversationRecord, actions: Action[], now: number): void {
  for (const action of actions) {
    if (isTimerAction(action)) {
      const timers = { ...record.state!.timers };
      if (action.type === 'set_timer') timers[action.timer] = action.at;
      else delete timers[action.timer];
      record.state = { ...record.state!, timers };
      continue;
    }
    const entry: OutboxEntry = { id: String(record.nextActionId++), action, status: 'pending', attempts: 0, createdAt: now };
    record.outbox.push(entry);
  }
}

/** A counting semaphore: at most `size` conversations are processed at once. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
