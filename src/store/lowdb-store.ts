// The embedded store: one small lowdb file per conversation (lowdb rewrites a whole file on each write, so no
// file may grow with history), plus an empty marker file per conversation with work, so a restart reads only those:
// the others are read when they are first used, and the folder of conversations is never listed at a start.
// Retention (RETENTION_DAYS) removes the file of a conversation idle past the window, swept in small batches
// (retention.ts); a message that comes later starts the conversation afresh.
// A marker is made before the first write that leaves work behind, and removed by a sweep a while after the work
// is done: a busy conversation keeps its marker instead of paying two file operations on every reply.
// Changes the journal can rebuild are written behind (a checkpoint every 5 seconds), so a busy conversation
// costs one file write per checkpoint instead of one per event. An action Chatwoot confirmed must not wait that
// long (a crash would apply it again): its settling is appended at once to a journal of its own (DATA_DIR/settled),
// a few microseconds instead of a file write, and replayed into the records after a crash.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { Journal, type Ticket } from './journal.js';
import { KeyedMutex } from './keyed-mutex.js';
import {
  type Change,
  type ConversationRecord,
  type ConversationStore,
  draftOf,
  emptyRecord,
  DAY_MS,
  DEFAULT_RETENTION_DAYS,
  hasWork,
  keptForever,
  pruneSeen,
  type Quarantined,
  recordAfterLoss,
  type Settlement,
  settleEntry,
} from './types.js';
import { idleFiles } from './retention.js';
import { parseRecord, UnreadableRecord } from './stored-record.js';

const SAFE_KEY = /^[A-Za-z0-9_-]{1,100}$/;
const CACHE_SIZE = 2000;
const SWEEP_EVERY_MS = 30_000;
const CHECKPOINT_EVERY_MS = 5_000;
/** The first retention sweep a while after the start (a start has enough to do), then one an hour. */
const FIRST_RETENTION_SWEEP_MS = 10 * 60_000;
const RETENTION_SWEEP_EVERY_MS = 60 * 60_000;

/** A settlement in the settled journal, until its conversation's record is written with it. */
interface SettledLine extends Settlement {
  key: string;
}

interface Cached {
  db: Low<ConversationRecord>;
  /** Changed in memory since the last write. */
  dirty: boolean;
  /** Callers of durable() waiting for the next successful write. */
  waiters: Array<() => void>;
  /** The settled journal's entries for settlements in the record since its last write: released once it is written. */
  tickets: Ticket[];
  /** When it was last read or changed (ms): retention keeps a conversation in use. */
  usedAt: number;
}

export class LowdbConversationStore implements ConversationStore {
  private readonly mutex = new KeyedMutex();
  /** Recently used databases, oldest first (a Map keeps insertion order). Dirty ones are never evicted. */
  private readonly cache = new Map<string, Cached>();
  private readonly dirty = new Set<string>();
  private readonly markers = new Set<string>();
  /** Conversations whose work was done at their last write: their markers go at the next sweep. */
  private readonly idleMarkers = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  /** The retention sweep under way, if any. */
  private retention: Promise<number> | undefined;
  private closing = false;

  private readonly conversationsDir: string;
  private readonly activeDir: string;
  /** Where conversation files that could not be read are moved. */
  private readonly quarantineDir: string;

  private constructor(
    dataDir: string,
    private readonly settled: Journal<SettledLine>,
    private readonly now: () => number,
    private readonly quarantined: (quarantined: Quarantined) => void,
    private readonly retentionMs: number,
  ) {
    this.conversationsDir = join(dataDir, 'conversations');
    this.activeDir = join(dataDir, 'active');
    this.quarantineDir = join(dataDir, 'quarantine');
  }

  /**
   * `quarantined` hears of each conversation file that could not be read (it is moved aside and replaced);
   * `retentionMs`: how long a conversation may stay idle before its file is removed.
   */
  static async open(
    dataDir: string,
    now: () => number = Date.now,
    quarantined: (quarantined: Quarantined) => void = () => undefined,
    retentionMs: number = DEFAULT_RETENTION_DAYS * DAY_MS,
  ): Promise<LowdbConversationStore> {
    const { journal, recovered } = await Journal.open<SettledLine>(dataDir, { name: 'settled' });
    const store = new LowdbConversationStore(dataDir, journal, now, quarantined, retentionMs);
    await mkdir(store.conversationsDir, { recursive: true, mode: 0o700 });
    await mkdir(store.activeDir, { recursive: true, mode: 0o700 });
    for (const name of await readdir(store.activeDir)) store.markers.add(name);
    await store.replaySettled(recovered);
    store.every(SWEEP_EVERY_MS, () => store.sweep());
    store.every(CHECKPOINT_EVERY_MS, () => store.checkpoint());
    const first = setTimeout(() => {
      void store.retentionSweep().catch(() => undefined);
      store.every(RETENTION_SWEEP_EVERY_MS, () => store.retentionSweep().then(() => undefined, () => undefined));
    }, FIRST_RETENTION_SWEEP_MS);
    first.unref();
    store.timers.push(first);
    return store;
  }

  update<T>(key: string, change: (draft: ConversationRecord) => Change<T>): Promise<T> {
    assertKey(key);
    return this.mutex.run(key, async () => {
      const cached = await this.entry(key);
      const draft = draftOf(cached.db.data);
      const { value, changed, defer, settled } = change(draft);
      if (!changed) {
        if (!cached.dirty && this.markers.has(key) && !hasWork(cached.db.data)) this.idleMarkers.add(key);
        return value;
      }
      cached.db.data = draft;
      cached.dirty = true;
      if (defer && (!settled?.length || (await this.journalSettled(key, cached, settled)))) this.dirty.add(key);
      else await this.persist(key, cached);
      return value;
    });
  }

  /** Makes settlements durable ahead of their record; false when the journal failed (then the record is written). */
  private async journalSettled(key: string, cached: Cached, settled: Settlement[]): Promise<boolean> {
    try {
      cached.tickets.push(...(await Promise.all(settled.map((s) => this.settled.append({ key, ...s })))));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Settlements a previous run confirmed and did not write with their records, applied before anything reads those
   * records; applying one again changes nothing. A conversation without a marker had no work left, so none of its
   * actions is waiting to be settled. A line settles an action only if the action existed when the line was written:
   * the journal keeps lines after their records are written, and a conversation that retention removed starts its
   * action numbers again, so an old line may name a new action.
   */
  private async replaySettled(recovered: Array<SettledLine & { ticket: Ticket }>): Promise<void> {
    const byKey = new Map<string, Array<SettledLine & { ticket: Ticket }>>();
    for (const line of recovered) {
      if (this.markers.has(line.key) && SAFE_KEY.test(line.key)) byKey.set(line.key, [...(byKey.get(line.key) ?? []), line]);
      else this.settled.release(line.ticket);
    }
    for (const [key, lines] of byKey) {
      await this.update(key, (record) => {
        let changed = false;
        for (const line of lines) changed = (settlesHere(record, line) && settleEntry(record, line)) || changed;
        return { value: undefined, changed };
      });
      for (const line of lines) this.settled.release(line.ticket);
    }
  }

  durable(key: string): Promise<void> {
    const cached = this.cache.get(key);
    if (!cached?.dirty) return Promise.resolve();
    return new Promise((resolve) => cached.waiters.push(resolve));
  }

  async read(key: string): Promise<ConversationRecord | undefined> {
    assertKey(key);
    return this.mutex.run(key, async () => {
      const { db } = await this.entry(key);
      return db.data.state ? structuredClone(db.data) : undefined;
    });
  }

  peek(key: string): Promise<ConversationRecord> {
    assertKey(key);
    return this.mutex.run(key, async () => (await this.entry(key)).db.data);
  }

  async activeKeys(): Promise<string[]> {
    return [...this.markers];
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.closing = true;
    await this.retention?.catch(() => undefined);
    await this.mutex.idle();
    await this.checkpoint();
    await this.sweep();
    await this.settled.close();
    this.cache.clear();
  }

  /** Writes every conversation changed in memory, each under its conversation's lock. */
  async checkpoint(): Promise<void> {
    for (const key of [...this.dirty]) {
      await this.mutex.run(key, async () => {
        const cached = this.cache.get(key);
        // A failed write stays dirty and is tried again at the next checkpoint; the journal still holds its events.
        if (cached?.dirty) await this.persist(key, cached).catch(() => undefined);
      });
    }
  }

  /** Removes the markers of conversations that are still without work, each under its conversation's lock. */
  async sweep(): Promise<void> {
    for (const key of [...this.idleMarkers]) {
      await this.mutex.run(key, async () => {
        if (!this.idleMarkers.delete(key)) return;
        this.markers.delete(key);
        await rm(join(this.activeDir, key), { force: true });
      });
    }
  }

  /**
   * Forgets a conversation for good (the playground's expired ones): its record in memory and on disk, its marker,
   * and what waits for its next write (there will be none).
   */
  remove(key: string): Promise<void> {
    assertKey(key);
    return this.mutex.run(key, async () => {
      const cached = this.cache.get(key);
      this.cache.delete(key);
      this.dirty.delete(key);
      this.idleMarkers.delete(key);
      for (const ticket of cached?.tickets ?? []) this.settled.release(ticket);
      for (const resolve of cached?.waiters ?? []) resolve();
      if (this.markers.delete(key)) await rm(join(this.activeDir, key), { force: true });
      await rm(join(this.conversationsDir, `${key}.json`), { force: true });
    });
  }

  /**
   * Removes the files of conversations nobody wrote or read for the retention window and that retention may remove
   * (keptForever); returns how many. One sweep at a time; a call during a sweep waits for it.
   */
  retentionSweep(): Promise<number> {
    this.retention ??= this.removeIdle().finally(() => (this.retention = undefined));
    return this.retention;
  }

  private async removeIdle(): Promise<number> {
    const cutoff = this.now() - this.retentionMs;
    let removed = 0;
    for await (const { key, modifiedAt } of idleFiles(this.conversationsDir, cutoff, () => this.closing)) {
      if (SAFE_KEY.test(key) && (await this.removeIfIdle(key, modifiedAt, cutoff))) removed++;
    }
    return removed;
  }

  /** Under the conversation's lock: removes its file if it is still idle since before `cutoff`, and may go. */
  private removeIfIdle(key: string, modifiedAt: number, cutoff: number): Promise<boolean> {
    return this.mutex.run(key, async () => {
      const cached = this.cache.get(key);
      if (this.markers.has(key) || cached?.dirty || (cached && cached.usedAt > cutoff)) return false;
      const path = join(this.conversationsDir, `${key}.json`);
      // An unreadable file stays: the conversation's next use moves it aside for a person to look at.
      const record = cached?.db.data ?? (await readFile(path, 'utf8').then((text) => parseRecord(text), () => undefined));
      if (!record || keptForever(record) || (record.touchedAt ?? modifiedAt) > cutoff) return false;
      await rm(path, { force: true });
      this.cache.delete(key);
      return true;
    });
  }

  /** Writes the conversation's record (under its lock) and tells whoever waits for it. */
  private async persist(key: string, cached: Cached): Promise<void> {
    const { db } = cached;
    db.data = { ...db.data, seen: pruneSeen(db.data.seen, this.now()), touchedAt: this.now() };
    const busy = hasWork(db.data);
    const waiters = cached.waiters;
    const tickets = cached.tickets;
    cached.waiters = [];
    cached.tickets = [];
    try {
      // The marker goes down before the data and comes off after it: a crash in between leaves a marker
      // with nothing to do (harmless), never work without a marker (lost until the conversation speaks again).
      if (busy && !this.markers.has(key)) {
        await writeFile(join(this.activeDir, key), '', { mode: 0o600 });
        this.markers.add(key);
      }
      await db.write();
    } catch (error) {
      // Still dirty: the next checkpoint tries again, and whoever waits keeps waiting for that one.
      this.dirty.add(key);
      cached.waiters = [...waiters, ...cached.waiters];
      cached.tickets = [...tickets, ...cached.tickets];
      throw error;
    }
    cached.dirty = false;
    this.dirty.delete(key);
    if (busy) this.idleMarkers.delete(key);
    else if (this.markers.has(key)) this.idleMarkers.add(key);
    for (const resolve of waiters) resolve();
    for (const ticket of tickets) this.settled.release(ticket);
  }

  private async entry(key: string): Promise<Cached> {
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      cached.usedAt = this.now();
      return cached;
    }
    // Compact JSON: these files are written many times a minute and read by programs, not people.
    const path = join(this.conversationsDir, `${key}.json`);
    const db = new Low<ConversationRecord>(new DataFile(path, { parse: parseRecord, stringify: compact }), emptyRecord());
    let unreadable: UnreadableRecord | undefined;
    // A conversation without a file (new, or removed by retention) keeps the empty record.
    await db.read().catch((error: unknown) => {
      if (!(error instanceof UnreadableRecord)) throw error;
      unreadable = error;
    });
    const fresh: Cached = { db, dirty: false, waiters: [], tickets: [], usedAt: this.now() };
    this.cache.set(key, fresh);
    this.evict();
    if (unreadable) await this.quarantine(key, path, fresh, unreadable.reason);
    return fresh;
  }

  /**
   * Moves a conversation file that cannot be read aside, and puts a record that says so in its place at once, so
   * the conversation goes on (and is not moved aside again) whatever happens next.
   */
  private async quarantine(key: string, file: string, cached: Cached, reason: string): Promise<void> {
    const at = this.now();
    const movedTo = join(this.quarantineDir, `${key}.${new Date(at).toISOString().replace(/[:.]/g, '-')}.json`);
    await mkdir(this.quarantineDir, { recursive: true, mode: 0o700 });
    await rename(file, movedTo);
    cached.db.data = recordAfterLoss(at);
    await this.persist(key, cached);
    this.quarantined({ key, file, movedTo, reason });
  }

  /**
   * Forgets the least recently used clean databases (their files hold what the cache held), never one under its lock:
   * a change under way may be about to make it dirty, and would then be made on a database no longer in the cache.
   */
  private evict(): void {
    for (const [key, cached] of this.cache) {
      if (this.cache.size <= CACHE_SIZE) return;
      if (!cached.dirty && !this.mutex.holds(key)) this.cache.delete(key);
    }
  }

  private every(ms: number, task: () => Promise<void>): void {
    const timer = setInterval(() => void task(), ms);
    timer.unref();
    this.timers.push(timer);
  }
}

const compact = (data: ConversationRecord): string => JSON.stringify(data);

/** The settled action is in the record and was decided no later than it was settled (see replaySettled). */
function settlesHere(record: ConversationRecord, line: SettledLine): boolean {
  return record.outbox.some((e) => e.id === line.entryId && e.createdAt <= line.audit.at);
}

function assertKey(key: string): void {
  if (!SAFE_KEY.test(key)) throw new Error(`unsafe conversation key: ${JSON.stringify(key)}`);
}
