// The embedded store: one small lowdb file per conversation (lowdb rewrites a whole file on each write, so no
// file may grow with history), plus an empty marker file per conversation with work, so a restart reads only those.
// A marker is made before the first write that leaves work behind, and removed by a sweep a while after the work
// is done: a busy conversation keeps its marker instead of paying two file operations on every reply.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { KeyedMutex } from './keyed-mutex.js';
import { type Change, type ConversationRecord, type ConversationStore, draftOf, emptyRecord, hasWork, pruneSeen } from './types.js';

const SAFE_KEY = /^[A-Za-z0-9_-]{1,100}$/;
const CACHE_SIZE = 2000;
const SWEEP_EVERY_MS = 30_000;

export class LowdbConversationStore implements ConversationStore {
  private readonly mutex = new KeyedMutex();
  /** Recently used databases, oldest first (a Map keeps insertion order). */
  private readonly cache = new Map<string, Low<ConversationRecord>>();
  private readonly markers = new Set<string>();
  /** Conversations whose work was done at their last write: their markers go at the next sweep. */
  private readonly idleMarkers = new Set<string>();
  private sweeper?: NodeJS.Timeout;
  /** Conversations that have a file: a new one needs no read (most webhooks of a busy inbox are new ones). */
  private readonly known = new Set<string>();

  private constructor(
    private readonly conversationsDir: string,
    private readonly activeDir: string,
    private readonly now: () => number,
  ) {}

  static async open(dataDir: string, now: () => number = Date.now): Promise<LowdbConversationStore> {
    const store = new LowdbConversationStore(join(dataDir, 'conversations'), join(dataDir, 'active'), now);
    await mkdir(store.conversationsDir, { recursive: true, mode: 0o700 });
    await mkdir(store.activeDir, { recursive: true, mode: 0o700 });
    for (const name of await readdir(store.activeDir)) store.markers.add(name);
    for (const name of await readdir(store.conversationsDir)) if (name.endsWith('.json')) store.known.add(name.slice(0, -5));
    store.sweeper = setInterval(() => void store.sweep(), SWEEP_EVERY_MS);
    store.sweeper.unref();
    return store;
  }

  update<T>(key: string, change: (draft: ConversationRecord) => Change<T>): Promise<T> {
    assertKey(key);
    return this.mutex.run(key, async () => {
      const db = await this.db(key);
      const draft = draftOf(db.data);
      const { value, changed } = change(draft);
      if (!changed) {
        if (this.markers.has(key) && !hasWork(db.data)) this.idleMarkers.add(key);
        return value;
      }
      draft.seen = pruneSeen(draft.seen, this.now());
      const busy = hasWork(draft);
      // The marker goes down before the data and comes off after it: a crash in between leaves a marker
      // with nothing to do (harmless), never work without a marker (lost until the conversation speaks again).
      if (busy && !this.markers.has(key)) {
        await writeFile(join(this.activeDir, key), '', { mode: 0o600 });
        this.markers.add(key);
      }
      db.data = draft;
      await db.write();
      this.known.add(key);
      if (busy) this.idleMarkers.delete(key);
      else if (this.markers.has(key)) this.idleMarkers.add(key);
      return value;
    });
  }

  async read(key: string): Promise<ConversationRecord | undefined> {
    assertKey(key);
    return this.mutex.run(key, async () => {
      const db = await this.db(key);
      return db.data.state ? structuredClone(db.data) : undefined;
    });
  }

  peek(key: string): Promise<ConversationRecord> {
    assertKey(key);
    return this.mutex.run(key, async () => (await this.db(key)).data);
  }

  async activeKeys(): Promise<string[]> {
    return [...this.markers];
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.mutex.idle();
    await this.sweep();
    this.cache.clear();
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

  private async db(key: string): Promise<Low<ConversationRecord>> {
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    // Compact JSON: these files are written many times a minute and read by programs, not people.
    const file = new DataFile<ConversationRecord>(join(this.conversationsDir, `${key}.json`), { parse: JSON.parse, stringify: compact });
    const db = new Low<ConversationRecord>(file, emptyRecord());
    if (this.known.has(key)) await db.read();
    this.cache.set(key, db);
    // Evicting is safe: every write was awaited under the lock, so the file holds what the cache held.
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return db;
  }
}

const compact = (data: ConversationRecord): string => JSON.stringify(data);

function assertKey(key: string): void {
  if (!SAFE_KEY.test(key)) throw new Error(`unsafe conversation key: ${JSON.stringify(key)}`);
}
