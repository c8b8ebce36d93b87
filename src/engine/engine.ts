// The engine's shell: per-conversation ordering, the durable reply delay, and draining the outbox in order.
// Three steps per wake-up, each committed to the store before the next:
//   1. fold accepted events into the state (ownership, pending messages, timers),
//   2. when the reply delay is over, decide a turn and commit its actions to the outbox,
//   3. apply the outbox through the executor, one action at a time, retrying transient failures later.
import type { ActionExecutor } from '../actions/executor.js';
import type { Answerer } from '../answer/types.js';
import { HelpdeskError } from '../chatwoot/port.js';
import { profileFor, type Settings } from '../config/settings.js';
import type { Logger } from '../log.js';
import { KeyedMutex } from '../store/keyed-mutex.js';
import type { ConversationRecord, ConversationStore, OutboxEntry } from '../store/types.js';
import { type Action, type HelpdeskAction, isTimerAction } from './actions.js';
import { applyCommand, type OwnerCommand, reduceEvent } from './reduce.js';
import { Scheduler } from './scheduler.js';
import { type ConversationState, withAudit } from './state.js';
import { applyTurn, decideTurn, type TurnDecision } from './turn.js';

export interface EngineObserver {
  turn(decision: TurnDecision): void;
  actionApplied(action: HelpdeskAction): void;
  actionFailed(action: HelpdeskAction, kind: HelpdeskError['kind'] | 'bug'): void;
}

export interface EngineDeps {
  store: ConversationStore;
  answerer: Answerer;
  executor: ActionExecutor;
  settings: () => Settings;
  log: Logger;
  observer?: EngineObserver;
  now?: () => number;
}

const MAX_BACKOFF_MS = 5 * 60_000;

interface Attempt {
  entry: OutboxEntry;
  /** An earlier attempt may have been applied: reconcile before repeating a message. */
  maybeApplied: boolean;
  state: ConversationState;
}

export class Engine {
  private readonly lanes = new KeyedMutex();
  private readonly queued = new Set<string>();
  private readonly scheduler: Scheduler;
  private readonly now: () => number;
  private stopped = false;

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? Date.now;
    this.scheduler = new Scheduler((key) => this.notify(key), this.now);
  }

  /** Something happened in this conversation: process it soon, after whatever is already running for it. */
  notify(key: string): void {
    if (this.stopped || this.queued.has(key)) return;
    this.queued.add(key);
    void this.lanes.run(key, async () => {
      this.queued.delete(key);
      if (this.stopped) return;
      try {
        await this.process(key);
      } catch (error) {
        // A bug or a store failure: the work stays in the store, and a later wake-up tries again.
        this.deps.log.error('processing failed', { key, error: String(error) });
        this.scheduler.set(key, this.now() + 5_000);
      }
    });
  }

  /** After a start: resume every conversation the store says has work (accepted events, timers, outbox). */
  async resume(): Promise<number> {
    const keys = await this.deps.store.activeKeys();
    for (const key of keys) this.notify(key);
    return keys.length;
  }

  /** A person's command on one conversation, in line with the conversation's other work. */
  command(key: string, command: OwnerCommand, by: string): Promise<ConversationState | undefined> {
    return this.lanes.run(key, () =>
      this.deps.store.update(key, (record) => {
        if (!record.state) return { value: undefined, changed: false };
        record.state = applyCommand(record.state, command, by, this.now());
        return { value: record.state, changed: true };
      }),
    );
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
    this.stopped = true;
    this.scheduler.stop();
    await this.lanes.idle();
  }

  private async process(key: string): Promise<void> {
    let state = await this.fold(key);
    if (!state) return;
    const due = state.timers.reply;
    if (due !== undefined && due <= this.now() && state.owner === 'ai' && state.pending.length) {
      state = await this.turn(key, state);
    }
    state = await this.drain(key);
    this.arm(key, state);
  }

  /** Step 1: accepted events → state. */
  private fold(key: string): Promise<ConversationState | undefined> {
    return this.deps.store.update(key, (record) => {
      if (!record.inbox.length) return { value: record.state, changed: false };
      foldInbox(record, this.deps.settings(), this.now());
      return { value: record.state, changed: true };
    });
  }

  /** Step 2: the reply delay is over: decide, then commit the decision to whatever the state is by then. */
  private async turn(key: string, state: ConversationState): Promise<ConversationState | undefined> {
    const settings = this.deps.settings();
    const profile = profileFor(settings, state.ref.inboxId);
    const decision = await decideTurn({ state, messages: state.pending, profile, now: this.now() }, this.deps.answerer);
    return this.deps.store.update(key, (record) => {
      const now = this.now();
      // Events that arrived while the answer was being written come first: a human who took over wins.
      foldInbox(record, settings, now);
      const current = record.state!;
      if (current.owner !== 'ai') {
        record.state = withAudit(current, { at: now, what: 'turn discarded', why: `the conversation is now owned by ${current.owner}` });
        return { value: record.state, changed: true };
      }
      record.state = applyTurn(current, decision, now);
      enqueue(record, decision.actions);
      this.deps.observer?.turn(decision);
      return { value: record.state, changed: true };
    });
  }

  /** Step 3: apply the outbox in order; stop at the first failure that is worth retrying. */
  private async drain(key: string): Promise<ConversationState | undefined> {
    for (;;) {
      const { attempt, state } = await this.claim(key);
      if (!attempt) return state;
      const { entry } = attempt;
      try {
        const applied = await this.deps.executor.apply(entry.action, {
          ref: attempt.state.ref,
          contactId: attempt.state.contact?.id,
          maybeApplied: attempt.maybeApplied,
          startedAt: entry.startedAt,
        });
        this.deps.observer?.actionApplied(entry.action);
        await this.settle(key, entry.id, { what: `applied ${entry.action.type}`, why: applied.detail ?? 'ok' });
      } catch (error) {
        const failure = error instanceof HelpdeskError ? error : new HelpdeskError(String(error), 'permanent');
        this.deps.observer?.actionFailed(entry.action, error instanceof HelpdeskError ? failure.kind : 'bug');
        if (failure.kind === 'permanent') {
          this.deps.log.error('action dropped', { key, action: entry.action.type, error: failure.message });
          await this.settle(key, entry.id, { what: `dropped ${entry.action.type}`, why: failure.message });
          continue;
        }
        this.deps.log.warn('action will be retried', { key, action: entry.action.type, attempts: entry.attempts, error: failure.message });
        return this.postpone(key, attempt, failure);
      }
    }
  }

  /** Takes the head of the outbox for an attempt, unless a retry back-off is still running. */
  private claim(key: string): Promise<{ attempt?: Attempt; state?: ConversationState }> {
    return this.deps.store.update<{ attempt?: Attempt; state?: ConversationState }>(key, (record) => {
      const state = record.state;
      const retry = state?.timers.retry;
      if (!state || (retry !== undefined && retry > this.now())) return { value: { state }, changed: false };
      const entry = record.outbox[0];
      if (retry !== undefined) record.state = { ...state, timers: { ...state.timers, retry: undefined } };
      if (!entry) return { value: { state: record.state }, changed: retry !== undefined };
      const maybeApplied = entry.status === 'inflight';
      // Messages are not idempotent: record that an attempt is under way before making it.
      if (entry.action.type === 'reply' || entry.action.type === 'note') {
        entry.status = 'inflight';
        entry.startedAt ??= this.now();
      }
      entry.attempts += 1;
      return { value: { attempt: { entry: { ...entry }, maybeApplied, state: record.state! }, state: record.state }, changed: true };
    });
  }

  /** Keeps the action at the head of the outbox and sets the retry timer. */
  private postpone(key: string, attempt: Attempt, failure: HelpdeskError): Promise<ConversationState | undefined> {
    return this.deps.store.update(key, (record) => {
      const head = record.outbox[0];
      if (head?.id === attempt.entry.id) {
        head.lastError = failure.message;
        // The helpdesk answered "not done": unless an earlier attempt is still unaccounted for, nothing was applied.
        if (failure.kind === 'transient' && !attempt.maybeApplied) head.status = 'pending';
      }
      const backoff = failure.retryAfterMs ?? Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempt.entry.attempts, 12));
      record.state = { ...record.state!, timers: { ...record.state!.timers, retry: this.now() + backoff } };
      return { value: record.state, changed: true };
    });
  }

  private settle(key: string, entryId: string, audit: { what: string; why: string }): Promise<void> {
    return this.deps.store.update(key, (record) => {
      record.outbox = record.outbox.filter((e) => e.id !== entryId);
      if (record.state) record.state = withAudit(record.state, { at: this.now(), ...audit });
      return { value: undefined, changed: true };
    });
  }

  private arm(key: string, state: ConversationState | undefined): void {
    const times = [state?.timers.reply, state?.timers.retry].filter((t): t is number => t !== undefined);
    if (!times.length) return this.scheduler.clear(key);
    const at = Math.min(...times);
    if (at <= this.now()) this.notify(key);
    else this.scheduler.set(key, at);
  }
}

/** Folds every accepted event into the state, in arrival order, and empties the inbox. */
function foldInbox(record: ConversationRecord, settings: Settings, now: number): void {
  for (const event of record.inbox) {
    const profile = profileFor(settings, event.ref.inboxId);
    const reduced = reduceEvent(record.state, event, { profile, now, enabled: settings.enabled });
    record.state = reduced.state;
    enqueue(record, reduced.actions);
  }
  record.inbox = [];
}

/** Timer actions change the state; helpdesk actions join the outbox. Both land in the same write. */
function enqueue(record: ConversationRecord, actions: Action[]): void {
  for (const action of actions) {
    if (isTimerAction(action)) {
      const timers = { ...record.state!.timers };
      if (action.type === 'set_timer') timers[action.timer] = action.at;
      else delete timers[action.timer];
      record.state = { ...record.state!, timers };
      continue;
    }
    const entry: OutboxEntry = { id: String(record.nextActionId++), action, status: 'pending', attempts: 0 };
    record.outbox.push(entry);
  }
}
