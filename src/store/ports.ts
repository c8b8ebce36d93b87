// What the intake and the engine need from the outside, beside the ConversationStore (types.ts). Each port has an
// in-process implementation (one replica, the embedded default) and a Redis one in src/redis/ (several replicas).
import type { AcceptedEvent, InboundEvent } from '../engine/events.js';

/** An event the intake accepted, as it is stored until the engine has folded it. */
export interface QueuedEvent {
  event: InboundEvent;
  deliveryId?: string;
}

/** The durable intake queue: the webhook is answered once push() resolves, and the event is never lost after that. */
export interface IntakeQueue {
  /** Resolves once the event is stored durably. */
  push(entry: QueuedEvent): Promise<void>;
  /**
   * Starts handing stored events to `consume` (on this replica or another): first those a previous run accepted
   * and did not release, then new ones. An event stays stored until its `release()` is called or, on Redis, until
   * the promise `consume` returned resolves; a replica that dies before that leaves it to another one.
   * Resolves with the number of events recovered from before the start (0 where another replica recovers them).
   */
  start(consume: (accepted: AcceptedEvent) => Promise<void>): Promise<number>;
  /** Stops handing out events and waits for those being consumed. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** Per-conversation mutual exclusion: one task per key at a time, in order, across every replica. */
export interface ConversationLocks {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Resolves when every task queued here so far has finished. */
  idle(): Promise<void>;
  /** Keys with tasks running or queued here. */
  readonly size: number;
}

/**
 * Wake-ups for the durable timers kept in each conversation's state: the engine derives one due time per
 * conversation from all of its named timers and sets it here. The in-process one is rebuilt from the store after a
 * restart; the Redis one survives restarts and fires once across replicas.
 */
export interface WakeUps {
  /** Wakes `key` at `at` (ms), replacing any earlier wake-up set here for that key. */
  set(key: string, at: number): Promise<void>;
  clear(key: string): Promise<void>;
  /** Wake-ups set by this replica and not yet fired. */
  readonly size: number;
  /** Stops firing, after the wake-ups being handled have finished. */
  stop(): Promise<void>;
}

/** Builds the wake-ups for an engine: `wake` processes a conversation and resolves when that is done. */
export type WakeUpsFactory = (wake: (key: string) => Promise<void>) => WakeUps;

/**
 * Delivery ids and event keys seen lately: the intake's fast duplicate check. A claim holds while its event is being
 * stored and becomes lasting once it is; one whose intake died in between lapses within seconds, so a retry of the
 * delivery is accepted rather than taken for a duplicate of an event that was never stored.
 */
export interface SeenKeys {
  /**
   * Claims the keys for an event about to be stored: `new` when claimed; `duplicate` when an event with one of them
   * is stored; `storing` while another intake is storing one.
   */
  claim(keys: string[]): Promise<'new' | 'duplicate' | 'storing'>;
  /** The claimed event is stored: its keys now mark duplicates. */
  stored(keys: string[]): Promise<void>;
  /** Forgets keys whose event could not be stored, so the helpdesk's retry is accepted. */
  forget(keys: string[]): Promise<void>;
}
