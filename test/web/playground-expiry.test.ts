// Playground conversations do not pile up: one without a message for 24 h is removed, and there are at most
// `maxConversations` (the least recently used goes first), from memory (the sandbox, the store) and from disk
// (DATA_DIR/playground/conversations and its markers). The clock is the test's.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { silentLogger } from '../../src/log.js';
import { Playground, type PlaygroundDeps } from '../../src/web/playground.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const dirs = tempDirs('jawab-playground-');
const HOUR = 3_600_000;
let opened: Playground | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await opened?.close();
  await h?.close();
  opened = h = undefined;
});

async function openPlayground(options: Partial<PlaygroundDeps> = {}) {
  const dataDir = await dirs();
  let now = Date.parse('2026-03-10T12:00:00Z');
  const playground = await Playground.open({ dataDir, answerer: fixedAnswerer('Here you go.'), draft: defaultSettings, log: silentLogger, now: () => now, ...options });
  opened = playground;
  const listed = async (folder: string) => (await readdir(join(dataDir, 'playground', folder))).sort();
  return {
    playground,
    advance: (ms: number) => (now += ms),
    /** The conversation files on disk, by conversation id. */
    files: async () => (await listed('conversations')).filter((n) => n.endsWith('.json')).map((n) => Number(/^\d+-(\d+)\.json$/.exec(n)![1])).sort((a, b) => a - b),
    markers: () => listed('active'),
    say: async (text: string, conversationId?: number) => (await playground.run({ profile: 'default', messages: [text], conversationId })).conversationId,
  };
}

describe('playground conversations', () => {
  it('expire after 24 h without a message, in memory and on disk; one still in use is kept and goes on', async () => {
    const { playground, advance, files, markers, say } = await openPlayground();
    const kept = await say('first conversation');
    const idle = await say('second conversation');
    expect(await files()).toEqual([kept, idle]);
    expect(await markers()).toEqual([`1-${kept}`, `1-${idle}`]);

    advance(23 * HOUR);
    await say('still here', kept);
    advance(2 * HOUR);
    await playground.sweep();
    expect([playground.has(kept), playground.has(idle)]).toEqual([true, false]);
    expect(playground.size).toBe(1);
    expect(await files()).toEqual([kept]);
    expect(await markers()).toEqual([`1-${kept}`]);

    const next = await playground.run({ profile: 'default', messages: ['how do I pay for my order?'], conversationId: kept });
    expect(next.steps[0]!.messages).toEqual([{ content: 'Here you go.', private: false }]);
    // 24 h after its last message, not after its first.
    advance(23 * HOUR);
    await playground.sweep();
    expect(playground.has(kept)).toBe(true);
    advance(1 * HOUR);
    await playground.sweep();
    expect(playground.has(kept)).toBe(false);
    expect(await files()).toEqual([]);
    // Nothing of them is written back at the close (the store's last checkpoint).
    await playground.close();
    opened = undefined;
    expect([await files(), await markers()]).toEqual([[], []]);
  });

  it('keeps at most maxConversations: a new one removes the least recently used first', async () => {
    const { playground, advance, files, say } = await openPlayground({ maxConversations: 3 });
    const ids: number[] = [];
    for (const text of ['one', 'two', 'three']) {
      ids.push(await say(text));
      advance(1000);
    }
    await say('one again', ids[0]);
    advance(1000);
    const fourth = await say('four');
    expect(ids.map((id) => playground.has(id))).toEqual([true, false, true]);
    expect(await files()).toEqual([ids[0], ids[2], fourth]);
    const fifth = await say('five');
    expect([...ids, fourth, fifth].map((id) => playground.has(id))).toEqual([true, false, false, true, true]);
    expect(await files()).toEqual([ids[0], fourth, fifth]);
    expect(playground.size).toBe(3);
  });

  it('sweeps by itself, on a timer', async () => {
    const { playground, advance, files, say } = await openPlayground({ sweepEveryMs: 20 });
    const id = await say('hello');
    advance(24 * HOUR);
    await expect.poll(() => playground.has(id), { timeout: 5_000 }).toBe(false);
    expect(await files()).toEqual([]);
  });

  it('answers 404 with why for a conversation that expired', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const res = await request(h.jawab.http).post('/api/playground').set({ authorization: `Bearer ${ADMIN_TOKEN}` }).send({ conversationId: 999, messages: ['hi'] }).expect(404);
    expect(res.body.error.message).toBe('no such playground conversation: it was removed after 24 h without a message, or as the least recently used of 100 (or by a restart); start a new one');
  });
});
