// lowdb rewrites a whole file per write: a long conversation's file must not grow with its history.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/engine/state.js';
import { LowdbConversationStore } from '../../src/store/lowdb-store.js';
import { type ConversationRecord, SEEN_MAX } from '../../src/store/types.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const fixed = fixedAnswerer('A fixed answer of ordinary length.');

let h: Harness;
afterAll(async () => h?.close());

describe('a long conversation', () => {
  it('keeps its file the same size after 300 messages, and leaves no work behind', async () => {
    h = await startHarness({ helpdesk: 'sandbox', answerer: fixed });
    const sandbox = h.jawab.sandbox!;
    const store = h.jawab.store;
    if (!(store instanceof LowdbConversationStore)) throw new Error('this test is about the lowdb store');
    const c = sandbox.startConversation({ name: 'Long talker' });
    const file = join(h.dataDir, 'conversations', `${c.inboxId}-${c.id}.json`);
    const sizes: number[] = [];
    for (let i = 1; i <= 300; i++) {
      await sandbox.customerSays(c.id, `Message number ${i} with a few words in it`);
      await h.settle();
      if (i === 150 || i === 300) {
        await store.checkpoint();
        sizes.push((await stat(file)).size);
      }
    }
    const record = JSON.parse(await readFile(file, 'utf8')) as ConversationRecord;
    expect(record.state!.transcript).toHaveLength(LIMITS.transcript);
    expect(record.state!.audit).toHaveLength(LIMITS.audit);
    expect(Object.keys(record.seen)).toHaveLength(SEEN_MAX);
    expect(record.outbox).toEqual([]);
    expect(record.state!.botReplies).toBe(300);
    // Bounded: the file after 300 messages is no bigger than after 150 (give or take the digits of larger ids).
    expect(sizes[1]! - sizes[0]!).toBeLessThan(2048);
    expect(sizes[1]!).toBeLessThan(64 * 1024);
    await store.sweep();
    expect(await store.activeKeys()).toEqual([]);
  }, 120_000);
});
