// The contract every ConversationStore keeps, run against lowdb (lowdb-store.test.ts) and Redis
// (redis-store.test.ts): what the engine relies on, checked through the interface only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialState } from '../../src/engine/state.js';
import type { OutboxEntry, ConversationRecord, ConversationStore } from '../../src/store/types.js';
import { SEEN_MAX, SEEN_TTL_MS } from '../../src/store/types.js';

export interface StoreUnderTest {
  store: ConversationStore;
  /** The same data through a new instance: a restart, or another replica where the store is shared. */
  reopen(): Promise<ConversationStore>;
  /** Set when two live instances share the data (Redis): another replica's store. */
  sibling?: () => Promise<ConversationStore>;
  cleanup(): Promise<void>;
}

const NOW = Date.now();
const ref = { accountId: 1, inboxId: 3, conversationId: 42 };
const reply = (id: string): OutboxEntry => ({ id, action: { type: 'reply', content: `reply ${id}` }, status: 'pending', attempts: 0, createdAt: NOW });

/** A change that starts the conversation and leaves one reply in its outbox. */
const startWithReply = (record: ConversationRecord) => {
  record.state = initialState(ref, NOW);
  record.outbox.push(reply(String(record.nextActionId++)));
  return { value: record.nextActionId, changed: true };
};

export function conversationStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`${name}: the ConversationStore contract`, () => {
    let s: StoreUnderTest;
    const extra: ConversationStore[] = [];

    beforeEach(async () => {
      s = await open();
    });
    afterEach(async () => {
      for (const store of extra.splice(0)) await store.close();
      await s.store.close();
      await s.cleanup();
    });

    const reopen = async (): Promise<ConversationStore> => {
      await s.store.close();
      const store = await s.reopen();
      extra.push(store);
      return store;
    };

    it('knows nothing of a conversation never written', async () => {
      expect(await s.store.read('3-1')).toBeUndefined();
      expect(await s.store.peek('3-1')).toEqual({ outbox: [], seen: {}, nextActionId: 1 });
      expect(await s.store.activeKeys()).toEqual([]);
    });

    it('keeps a change, and hands out copies that do not change it', async () => {
      expect(await s.store.update('3-42', startWithReply)).toBe(2);
      const copy = (await s.store.read('3-42'))!;
      expect(copy.state!.ref).toEqual(ref);
      expect(copy.outbox.map((e) => e.id)).toEqual(['1']);
      copy.outbox.pop();
      expect((await s.store.read('3-42'))!.outbox).toHaveLength(1);
      const again = await reopen();
      expect((await again.read('3-42'))!.outbox.map((e) => e.action)).toEqual([{ type: 'reply', content: 'reply 1' }]);
    });

    it('writes nothing for a change that says it changed nothing', async () => {
      const value = await s.store.update('3-42', (record) => {
        record.state = initialState(ref, NOW);
        return { value: 'skipped', changed: false };
      });
      expect(value).toBe('skipped');
      expect(await s.store.read('3-42')).toBeUndefined();
    });

    it('leaves the record as it was when a change throws before it adds seen keys (the engine adds them last)', async () => {
      await s.store.update('3-42', (record) => {
        startWithReply(record);
        record.seen.k1 = NOW;
        return { value: undefined, changed: true };
      });
      const failing = s.store.update('3-42', (record) => {
        record.state = { ...record.state!, owner: 'human' };
        record.outbox[0]!.attempts = 5;
        record.outbox.push(reply('2'));
        record.nextActionId = 9;
        throw new Error('a bug in a change');
      });
      await expect(failing).rejects.toThrow('a bug in a change');
      const kept = (await s.store.read('3-42'))!;
      expect(kept.state!.owner).toBe('ai');
      expect(kept.outbox.map((e) => [e.id, e.attempts])).toEqual([['1', 0]]);
      expect(kept.nextActionId).toBe(2);
      expect(kept.seen).toEqual({ k1: NOW });
    });

    it('lists conversations with unconfirmed actions or any timer as active, and not once their work is done', async () => {
      await s.store.update('3-42', startWithReply);
      await s.store.update('3-43', (record) => {
        record.state = { ...initialState({ ...ref, conversationId: 43 }, NOW), timers: { reply: NOW + 60_000 } };
        return { value: undefined, changed: true };
      });
      await s.store.update('3-44', (record) => {
        record.state = initialState({ ...ref, conversationId: 44 }, NOW);
        return { value: undefined, changed: true };
      });
      expect((await s.store.activeKeys()).sort()).toEqual(['3-42', '3-43']);
      await s.store.update('3-42', (record) => {
        record.outbox = [];
        return { value: undefined, changed: true };
      });
      // The embedded store forgets idle conversations lazily; after a restart neither store lists it.
      expect(await (await reopen()).activeKeys()).toEqual(['3-43']);
    });

    it('has a deferred change readable at once and stored once durable() resolves', async () => {
      await s.store.update('3-42', (record) => {
        record.state = initialState(ref, NOW);
        record.seen.k1 = NOW;
        return { value: undefined, changed: true, defer: true };
      });
      expect((await s.store.peek('3-42')).seen).toEqual({ k1: NOW });
      await s.store.durable('3-42');
      expect((await (await reopen()).read('3-42'))!.seen).toEqual({ k1: NOW });
    });

    it('forgets seen keys older than 24 hours and keeps only the newest ones', async () => {
      await s.store.update('3-42', (record) => {
        record.state = initialState(ref, NOW);
        record.seen.old = NOW - SEEN_TTL_MS - 1;
        for (let i = 0; i < SEEN_MAX + 10; i++) record.seen[`k${i}`] = NOW - 1000 + i;
        return { value: undefined, changed: true };
      });
      const seen = (await s.store.read('3-42'))!.seen;
      expect(Object.keys(seen)).toHaveLength(SEEN_MAX);
      expect(seen.old).toBeUndefined();
      expect(seen.k9).toBeUndefined();
      expect(seen[`k${SEEN_MAX + 9}`]).toBeDefined();
    });

    it('keeps every conversation of thousands changed at once, deferred or not', async () => {
      const keys = Array.from({ length: 2500 }, (_, i) => `3-${1000 + i}`);
      await Promise.all(
        keys.map((key, i) =>
          s.store.update(key, (record) => {
            record.state = initialState({ ...ref, conversationId: 1000 + i }, NOW);
            return { value: undefined, changed: true, defer: i % 2 === 0 };
          }),
        ),
      );
      const again = await reopen();
      const missing: string[] = [];
      for (const key of keys) if (!(await again.read(key))) missing.push(key);
      expect(missing).toEqual([]);
    });

    it('loses no update when many run on one conversation at once', async () => {
      const stores = [s.store, ...(s.sibling ? [await s.sibling()] : [])];
      extra.push(...stores.slice(1));
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          stores[i % stores.length]!.update('3-42', (record) => {
            record.state ??= initialState(ref, NOW);
            record.outbox.push(reply(String(record.nextActionId++)));
            return { value: undefined, changed: true };
          }),
        ),
      );
      const record = (await s.store.read('3-42'))!;
      expect(record.nextActionId).toBe(41);
      expect(record.outbox.map((e) => Number(e.id)).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    });
  });
}
