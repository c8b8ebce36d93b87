// Retention (RETENTION_DAYS): the state of a conversation nothing happened in for the window is removed, unless it has
// work left or a person stopped the AI there; a message that comes later starts it afresh, and exactly once still
// holds across that. A start reads only the conversations with work; the others are read when they are used.
import { access, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialState } from '../../src/engine/state.js';
import { RedisConversationStore } from '../../src/redis/redis-store.js';
import { LowdbConversationStore } from '../../src/store/lowdb-store.js';
import type { ConversationRecord, ConversationStore, OutboxEntry } from '../../src/store/types.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';
import { dropPrefix, redisForTests, TEST_REDIS_URL, testPrefix } from '../helpers/redis.js';
import { tempDirs } from '../helpers/temp-dirs.js';

/** Every path the store lists or reads, in order: the lazy start is asserted on them. */
const touched = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const listing = <A extends unknown[], R>(call: (path: string, ...rest: A) => R) => (path: string, ...rest: A): R => {
    touched.push(`list ${path}`);
    return call(path, ...rest);
  };
  return { ...fs, readdir: listing(fs.readdir as (path: string) => Promise<string[]>), opendir: listing(fs.opendir) };
});
vi.mock('lowdb/node', async (importOriginal) => {
  const lowdb = await importOriginal<typeof import('lowdb/node')>();
  class RecordedFile<T> extends lowdb.DataFile<T> {
    constructor(
      private readonly file: string,
      options: ConstructorParameters<typeof lowdb.DataFile<T>>[1],
    ) {
      super(file, options);
    }
    override read(): Promise<T | null> {
      touched.push(`read ${this.file}`);
      return super.read();
    }
  }
  return { ...lowdb, DataFile: RecordedFile };
});

const tempDir = tempDirs('jawab-retention-');
const DAY = 24 * 60 * 60 * 1000;
/** The test clock starts at the real time (files carry the system clock's times) and moves on from there. */
const T0 = Date.now();
const ref = (conversationId: number) => ({ accountId: 1, inboxId: 3, conversationId });
const reply = (id: string, createdAt: number): OutboxEntry => ({ id, action: { type: 'reply', content: `reply ${id}` }, status: 'pending', attempts: 0, createdAt });

/** A store on its own clock, which the test moves. */
async function storeWithClock(dataDir: string, retentionDays = 90) {
  let now = T0;
  const store = await LowdbConversationStore.open(dataDir, () => now, undefined, retentionDays * DAY);
  return { store, advance: (ms: number) => (now += ms), now: () => now };
}

const write = (store: ConversationStore, key: string, change: (record: ConversationRecord) => void) =>
  store.update(key, (record) => {
    change(record);
    return { value: undefined, changed: true };
  });

const exists = (path: string) => access(path).then(() => true, () => false);

let open: LowdbConversationStore[] = [];
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  touched.length = 0;
});

describe('retention on the embedded store', () => {
  it('removes conversations resolved or idle longer than the window, and keeps recent ones, ones with work and stopped ones', async () => {
    const dataDir = await tempDir();
    const { store, advance, now } = await storeWithClock(dataDir);
    open.push(store);
    await write(store, '3-1', (r) => (r.state = { ...initialState(ref(1), now()), status: 'resolved' }));
    await write(store, '3-2', (r) => (r.state = { ...initialState(ref(2), now()), status: 'open', owner: 'human' }));
    await write(store, '3-3', (r) => (r.state = { ...initialState(ref(3), now()), timers: { followup: now() + 91 * DAY } }));
    await write(store, '3-4', (r) => {
      r.state = initialState(ref(4), now());
      r.outbox.push(reply(String(r.nextActionId++), now()));
    });
    await write(store, '3-5', (r) => (r.state = { ...initialState(ref(5), now()), status: 'resolved', owner: 'stopped' }));
    advance(2 * DAY);
    await write(store, '3-6', (r) => (r.state = { ...initialState(ref(6), now()), status: 'resolved' }));
    advance(89 * DAY);
    // 91 days after the first five, 89 after the sixth.
    expect(await store.retentionSweep()).toBe(2);
    const files = (await readdir(join(dataDir, 'conversations'))).sort();
    expect(files).toEqual(['3-3.json', '3-4.json', '3-5.json', '3-6.json']);
    expect(await store.read('3-1')).toBeUndefined();
    expect(await store.read('3-2')).toBeUndefined();
    // Two days later the sixth has been idle past the window too.
    advance(2 * DAY);
    expect(await store.retentionSweep()).toBe(1);
    expect(await exists(join(dataDir, 'conversations', '3-6.json'))).toBe(false);
  });

  it('counts a conversation read lately as in use, and keeps it', async () => {
    const dataDir = await tempDir();
    const { store, advance } = await storeWithClock(dataDir);
    open.push(store);
    await write(store, '3-1', (r) => (r.state = { ...initialState(ref(1), T0), status: 'resolved' }));
    advance(91 * DAY);
    // The engine peeks, then decides a turn (a model may take seconds), then writes: removing the state in between
    // would fold the turn into a fresh one.
    await store.peek('3-1');
    expect(await store.retentionSweep()).toBe(0);
    expect(await store.read('3-1')).toBeDefined();
  });

  it('ages a record written before retention existed (no touchedAt) by the modification time of its file', async () => {
    const dataDir = await tempDir();
    const { store, advance } = await storeWithClock(dataDir);
    open.push(store);
    const old = JSON.stringify({ state: { ...initialState(ref(1), T0), status: 'resolved' }, outbox: [], seen: {}, nextActionId: 2 });
    for (let i = 0; i < 300; i++) {
      const file = join(dataDir, 'conversations', `3-${1000 + i}.json`);
      await writeFile(file, old);
      // Half of them last written at T0, half 10 days later.
      const at = new Date(T0 + (i % 2) * 10 * DAY);
      await utimes(file, at, at);
    }
    advance(91 * DAY);
    expect(await store.retentionSweep()).toBe(150);
    const left = await readdir(join(dataDir, 'conversations'));
    expect(left).toHaveLength(150);
    expect(left.every((name) => Number(name.slice(2, -5)) % 2 === 1)).toBe(true);
  });

  it('starts a removed conversation afresh when it is written again, and a settlement from before the removal does not settle its new action after a crash', async () => {
    const dataDir = await tempDir();
    const { store, advance, now } = await storeWithClock(dataDir);
    await write(store, '3-1', (r) => {
      r.state = initialState(ref(1), now());
      r.outbox.push(reply(String(r.nextActionId++), now()));
    });
    // Action 1 confirmed: its settlement goes to the settled journal, then into the record at the checkpoint.
    await store.update('3-1', (r) => {
      r.outbox = [];
      return { value: undefined, changed: true, defer: true, settled: [{ entryId: '1', audit: { at: now(), what: 'applied reply', why: 'ok' } }] };
    });
    await store.checkpoint();
    await store.sweep();
    advance(91 * DAY);
    expect(await store.retentionSweep()).toBe(1);
    // The customer writes again: a fresh record, whose first action is again number 1 (its stamp carries its time).
    await write(store, '3-1', (r) => {
      expect(r).toEqual({ outbox: [], seen: {}, nextActionId: 1 });
      r.state = initialState(ref(1), now());
      r.outbox.push(reply(String(r.nextActionId++), now()));
    });
    // A crash before action 1 is applied: the settled journal still holds the old line for 3-1's action 1.
    const restarted = await LowdbConversationStore.open(dataDir, now);
    open.push(restarted);
    expect((await restarted.peek('3-1')).outbox.map((e) => [e.id, e.createdAt])).toEqual([['1', now()]]);
  });
});

describe('a start of the embedded store', () => {
  it('lists and reads only the conversations with work, and reads another one when it is first used', async () => {
    const dataDir = await tempDir();
    const { store, now } = await storeWithClock(dataDir);
    for (let i = 1; i <= 50; i++) await write(store, `3-${i}`, (r) => (r.state = { ...initialState(ref(i), now()), status: 'resolved' }));
    await write(store, '3-99', (r) => (r.state = { ...initialState(ref(99), now()), timers: { reply: now() + 60_000 } }));
    await store.close();

    touched.length = 0;
    const restarted = await LowdbConversationStore.open(dataDir, now);
    open.push(restarted);
    const active = await restarted.activeKeys();
    for (const key of active) await restarted.peek(key);
    expect(active).toEqual(['3-99']);
    const conversations = join(dataDir, 'conversations');
    expect(touched.filter((t) => t.includes(conversations))).toEqual([`read ${join(conversations, '3-99.json')}`]);

    expect((await restarted.read('3-7'))!.state!.ref.conversationId).toBe(7);
    expect(touched.filter((t) => t.includes(conversations))).toEqual([`read ${join(conversations, '3-99.json')}`, `read ${join(conversations, '3-7.json')}`]);
  });
});

describe('a message for a conversation whose state was removed', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('is answered as a new conversation, with nothing of the old one and no lost-memory handover', async () => {
    let offset = 0;
    const clock = () => Date.now() + offset;
    h = await startHarness({ answerer: fixedAnswerer('Here you go.'), now: clock, env: { RETENTION_DAYS: '30' } });
    const deliver = (id: number, text: string) => h!.deliver(customerMessage({ id, text }), { timestamp: Math.floor(clock() / 1000) });
    await deliver(901, 'Do you ship to Bali?');
    await h.settle();
    const first = (await h.jawab.store.read('3-42'))!.state!;
    expect(first.transcript.map((l) => l.text)).toEqual(['Do you ship to Bali?', 'Here you go.']);

    const store = h.jawab.store as LowdbConversationStore;
    // Its last changes written and its marker gone (the store does both within 30 s of the work being done).
    await store.checkpoint();
    await store.sweep();
    // Past the default window of 90 days only RETENTION_DAYS would remove it.
    offset += 31 * DAY;
    expect(await store.retentionSweep()).toBe(1);
    expect(await h.jawab.store.read('3-42')).toBeUndefined();
    h.fake!.requests.length = 0;

    await deliver(902, 'Is the batik shirt in stock?');
    await h.settle();
    const posts = h.fake!.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => [r.path, (r.body as { content: string }).content])).toEqual([['/api/v1/accounts/1/conversations/42/messages', 'Here you go.']]);
    const fresh = (await h.jawab.store.read('3-42'))!.state!;
    expect(fresh.transcript.map((l) => l.text)).toEqual(['Is the batik shirt in stock?', 'Here you go.']);
    expect(fresh.owner).toBe('ai');
    expect(fresh.sessionStartedAt).toBeGreaterThan(first.sessionStartedAt + 30 * DAY);
  });
});

const redisRuns = await redisForTests('retention on Redis');

describe.runIf(redisRuns)('retention on Redis', () => {
  const clients: Redis[] = [];
  let prefix = '';
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await dropPrefix(prefix);
  });

  /** A replica's store (the test's clock, as on the embedded store), and how long Redis keeps a conversation. */
  const replica = (retentionMs: number) => {
    const client = new Redis(TEST_REDIS_URL);
    clients.push(client);
    return new RedisConversationStore(client, prefix, Date.now, undefined, retentionMs);
  };
  const ttlOf = (key: string) => clients[0]!.pttl(`${prefix}:conv:${key}`);

  it('gives an idle conversation the window as its TTL at every write, and none while it has work or is stopped', async () => {
    prefix = testPrefix();
    const store = replica(90 * DAY);
    const now = Date.now();
    await write(store, '3-1', (r) => (r.state = { ...initialState(ref(1), now), status: 'resolved' }));
    await write(store, '3-4', (r) => {
      r.state = initialState(ref(4), now);
      r.outbox.push(reply(String(r.nextActionId++), now));
    });
    await write(store, '3-5', (r) => (r.state = { ...initialState(ref(5), now), owner: 'stopped' }));
    const ttl = await ttlOf('3-1');
    expect(ttl).toBeGreaterThan(90 * DAY - 60_000);
    expect(ttl).toBeLessThanOrEqual(90 * DAY);
    expect([await ttlOf('3-4'), await ttlOf('3-5')]).toEqual([-1, -1]);
    // Its work done, the conversation counts its idle time from this write.
    await write(store, '3-4', (r) => (r.outbox = []));
    expect(await ttlOf('3-4')).toBeGreaterThan(90 * DAY - 60_000);
  });

  it('takes the window from RETENTION_DAYS', async () => {
    prefix = testPrefix();
    const h = await startHarness({ answerer: fixedAnswerer(), env: { ADMIN_TOKEN, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, RETENTION_DAYS: '7' } });
    try {
      clients.push(new Redis(TEST_REDIS_URL));
      await h.deliver(customerMessage({ id: 903, text: 'Do you ship to Bali?' }));
      await h.settle();
      const ttl = await ttlOf('3-42');
      expect(ttl).toBeGreaterThan(7 * DAY - 60_000);
      expect(ttl).toBeLessThanOrEqual(7 * DAY);
    } finally {
      await h.close();
    }
  });

  it('starts a conversation afresh on every replica once Redis removed it', async () => {
    prefix = testPrefix();
    const a = replica(300);
    const b = replica(300);
    await write(a, '3-1', (r) => (r.state = { ...initialState(ref(1), Date.now()), status: 'resolved' }));
    expect((await b.read('3-1'))!.state!.status).toBe('resolved');
    // Redis drops the key once its TTL is over (at the latest when it is next touched).
    const stored = () => clients[0]!.exists(`${prefix}:conv:3-1`);
    for (let i = 0; i < 100 && (await stored()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await stored()).toBe(0);
    expect(await b.peek('3-1')).toEqual({ outbox: [], seen: {}, nextActionId: 1 });
    await write(a, '3-1', (r) => {
      r.state = initialState(ref(1), Date.now());
      r.outbox.push(reply(String(r.nextActionId++), Date.now()));
    });
    expect((await b.read('3-1'))!.outbox.map((e) => e.id)).toEqual(['1']);
    expect(await b.activeKeys()).toEqual(['3-1']);
  });
});
