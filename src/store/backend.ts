// Where Jawab keeps what must outlive a request: every port the intake and the engine use, built together.
// Embedded (the default): lowdb files, the journal, and in-process locks, timers and duplicate checks.
// With REDIS_URL, src/redis/backend.ts builds the same ports on Redis so several replicas share them.
import type { LimiterFactory } from '../chatwoot/http.js';
import { localLimiters } from '../chatwoot/http.js';
import { type Logger, silentLogger } from '../log.js';
import { JournalQueue } from './journal-queue.js';
import { LowdbConversationStore } from './lowdb-store.js';
import type { ConversationLocks, IntakeQueue, SeenKeys, WakeUpsFactory } from './ports.js';
import { type RotationCursors, RotationStore } from './rotation-store.js';
import type { SettingsStore } from './settings-store.js';
import type { ConversationStore, Quarantined } from './types.js';

export interface Backend {
  store: ConversationStore;
  queue: IntakeQueue;
  /** Unset: the engine's and intake's in-process defaults. */
  locks?: ConversationLocks;
  wakeUps?: WakeUpsFactory;
  seen?: SeenKeys;
  limiters: LimiterFactory;
  /** Round-robin cursors. */
  rotation: RotationCursors;
  /**
   * After a start, resume every conversation the store says has work. The embedded backend must (its timers
   * were in memory); on Redis, timers and unfinished work are durable jobs that any replica picks up.
   */
  resumeOnStart: boolean;
  /** Keeps the settings the same on every replica; unset: they are this process's alone. */
  shareSettings?(settings: SettingsStore): Promise<void>;
  close(): Promise<void>;
}

export async function openEmbeddedBackend(
  dataDir: string,
  now: () => number,
  log: Logger = silentLogger,
  quarantined?: (quarantined: Quarantined) => void,
  retentionMs?: number,
): Promise<Backend & { store: LowdbConversationStore }> {
  const store = await LowdbConversationStore.open(dataDir, now, quarantined, retentionMs);
  const queue = await JournalQueue.open(dataDir, undefined, log);
  const rotation = await RotationStore.open(dataDir, log, now);
  return { store, queue, limiters: localLimiters, rotation, resumeOnStart: true, close: () => store.close() };
}
