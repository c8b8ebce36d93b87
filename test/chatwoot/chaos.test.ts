// Chatwoot answering a fifth of all calls with 429, 500, a timeout or a dropped connection (a seeded draw):
// every action still lands, in order per conversation, and no message is created twice.
import { afterEach, describe, expect, it } from 'vitest';
import type { Answerer } from '../../src/answer/types.js';
import { fixture } from '../helpers/fixtures.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const CONVERSATIONS = 20;
const incoming = fixture('message_created.incoming_contact.json') as { conversation: Record<string, unknown> } & Record<string, unknown>;

/** Answers each batch with its own text, so order and duplicates can be seen in Chatwoot. */
const echo: Answerer = {
  answer: async (request) => ({ kind: 'answer', text: `Answer to: ${request.messages.join(' / ')}`, sources: [], mode: 'offline' }),
};

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

let nextId = 50_000;
const say = (conversationId: number, content: string) =>
  h!.deliver({ ...incoming, id: nextId++, content, conversation: { ...incoming.conversation, id: conversationId } });

describe('Chatwoot under chaos', () => {
  it('lands every reply and every handoff step, in order, once, with 20% of calls failing', async () => {
    h = await startHarness({ answerer: echo, env: { CHATWOOT_TIMEOUT_MS: '700' } });
    const fake = h.fake!;
    fake.chaos({
      rate: 0.2,
      seed: 7,
      faults: [
        { kind: 'status', status: 429, retryAfterSeconds: 1 },
        { kind: 'status', status: 500 },
        { kind: 'slow', ms: 1000 }, // longer than the client's timeout: the effect happens, the answer is lost
        { kind: 'drop', when: 'before' },
        { kind: 'drop', when: 'after' },
      ],
    });
    const ids = Array.from({ length: CONVERSATIONS }, (_, i) => 9000 + i);
    for (const round of ['first question', 'second question']) {
      for (const id of ids) expect((await say(id, `${round} of ${id}`)).status).toBe(200);
      await h.settle(120_000);
    }
    for (const id of ids) await say(id, 'mau bicara dengan CS');
    await h.settle(120_000);

    const failed = fake.requests.filter((r) => r.status !== 200);
    expect(failed.length).toBeGreaterThan(CONVERSATIONS); // the chaos really happened
    for (const id of ids) {
      const conv = fake.conversation(1, id);
      const bot = conv.messages.filter((m) => m.sender.kind === 'bot');
      expect(bot.filter((m) => !m.private).map((m) => m.content).slice(0, 2)).toEqual([`Answer to: first question of ${id}`, `Answer to: second question of ${id}`]);
      expect(bot.filter((m) => !m.private)).toHaveLength(3); // the two answers and the handover message
      expect(bot.filter((m) => m.private)).toHaveLength(1); // the note for the agent
      expect(bot.findIndex((m) => m.private)).toBeGreaterThan(1);
      expect(conv.labels).toContain('jawab-handoff');
      expect(conv.status).toBe('open');
    }
    fake.assertNoViolations();
  }, 300_000);
});
