// Changes the journal can rebuild are written behind: in memory at once, on disk at the next checkpoint.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialState } from '../../src/engine/state.js';
import { LowdbConversationStore } from '../../src/store/lowdb-store.js';
import { type ConversationRecord, type Settlement, settleEntry } from '../../src/store/types.js';

let dataDir: string;
let store: LowdbConversationStore;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'jawab-store-'));
  store = await LowdbConversationStore.open(dataDir);
});

afterEach(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

const onDisk = async (key: string): Promise<ConversationRecord | undefined> =>
  JSON.parse(await readFile(join(dataDir, 'conversations', `${key}.json`), 'utf8').catch(() => 'null')) ?? undefined;

const T0 = Date.now();
/** Marks a key seen (a recent time, or the 24 h pruning would drop it). */
const mark = (n: number, defer: boolean) => (record: ConversationRecord) => {
  record.seen[`k${n}`] = T0 + n;
  return { value: undefined, changed: true, defer };
};

describe('write-behind', () => {
  it('keeps a deferred change in memory until the checkpoint, then on disk, and only then calls it durable', async () => {
    let durable = false;
    await store.update('1-1', mark(1, true));
    void store.durable('1-1').then(() => (durable = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(durable).toBe(false);
    expect(await onDisk('1-1')).toBeUndefined();
    expect((await store.peek('1-1')).seen).toEqual({ k1: T0 + 1 });

    await store.checkpoint();
    expect(durable).toBe(true);
    expect((await onDisk('1-1'))!.seen).toEqual({ k1: T0 + 1 });
  });

  it('writes earlier deferred changes with the next immediate write', async () => {
    await store.update('1-2', mark(1, true));
    const durable = store.durable('1-2');
    await store.update('1-2', mark(2, false));
    await durable;
    expect((await onDisk('1-2'))!.seen).toEqual({ k1: T0 + 1, k2: T0 + 2 });
  });

  it('loses a deferred change when the process dies before the checkpoint, and nothing written before it', async () => {
    await store.update('1-3', mark(1, false));
    await store.update('1-3', mark(2, true));
    // A crash: a new store on the same directory, without closing (and so without the final checkpoint) the old one.
    const restarted = await LowdbConversationStore.open(dataDir);
    expect((await restarted.peek('1-3')).seen).toEqual({ k1: T0 + 1 });
    await restarted.close();
  });

  it('writes everything deferred when it closes', async () => {
    await store.update('1-4', mark(1, true));
    await store.close();
    expect((await onDisk('1-4'))!.seen).toEqual({ k1: T0 + 1 });
    store = await LowdbConversationStore.open(dataDir);
  });

  it('is durable at once when nothing is waiting to be written', async () => {
    await store.update('1-5', mark(1, false));
    await expect(store.durable('1-5')).resolves.toBeUndefined();
    await expect(store.durable('9-9')).resolves.toBeUndefined();
  });

  it('keeps a settled action settled after a crash, though the rest of its change was deferred', async () => {
    const ref = { accountId: 1, inboxId: 1, conversationId: 6 };
    await store.update('1-6', (record) => {
      record.state = initialState(ref, T0);
      record.outbox.push({ id: '1', action: { type: 'reply', content: 'hi' }, status: 'inflight', attempts: 1, createdAt: T0 });
      record.outbox.push({ id: '2', action: { type: 'note', content: 'for the agent' }, status: 'pending', attempts: 0, createdAt: T0 });
      return { value: undefined, changed: true };
    });
    const settled: Settlement[] = [{ entryId: '1', audit: { at: T0, what: 'applied reply', why: 'message 7' } }];
    await store.update('1-6', (record) => {
      settleEntry(record, settled[0]!);
      record.seen.k6 = T0;
      return { value: undefined, changed: true, defer: true, settled };
    });
    expect(await onDisk('1-6')).toMatchObject({ outbox: [{ id: '1' }, { id: '2' }] });

    // A crash before the checkpoint, twice: the settling is replayed into the record once, the deferred rest is lost.
    for (let restart = 0; restart < 2; restart++) {
      const restarted = await LowdbConversationStore.open(dataDir);
      const record = await restarted.peek('1-6');
      expect(record.outbox.map((e) => e.id)).toEqual(['2']);
      expect(record.state!.audit).toEqual([{ at: T0, what: 'applied reply', why: 'message 7' }]);
      expect(record.seen).toEqual({});
      await restarted.close();
    }
    expect((await onDisk('1-6'))!.outbox.map((e) => e.id)).toEqual(['2']);
  });
});
