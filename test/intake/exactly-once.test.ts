// Deduplication: the same delivery many times, the same message through two channels, and a burst.
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerRequest, AnswerResult, Answerer } from '../../src/answer/types.js';
import { fixture } from '../helpers/fixtures.js';
import { calls, type Harness, startHarness } from '../helpers/harness.js';

/** Records what it was asked, so a test can see that a burst was answered as one. */
class RecordingAnswerer implements Answerer {
  readonly requests: AnswerRequest[] = [];
  async answer(request: AnswerRequest): Promise<AnswerResult> {
    this.requests.push(request);
    return { kind: 'answer', text: `Answer to: ${request.messages.join(' / ')}`, sources: [], mode: 'offline' };
  }
}

const incoming = fixture('message_created.incoming_contact.json');
const MESSAGES = 'POST /api/v1/accounts/1/conversations/42/messages bot';

function withMessage(id: number, content: string): Record<string, unknown> {
  return { ...incoming, id, content };
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('exactly once', () => {
  it('replies once to the same delivery sent five times', async () => {
    h = await startHarness({ answerer: new RecordingAnswerer() });
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await h.deliver(incoming, { deliveryId: 'a1b2c3d4-0000-4000-8000-000000000001' })).body.result);
    expect(results).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    await h.settle();
    expect(calls(h.fake!)).toEqual([MESSAGES]);
  });

  it('replies once when five copies arrive at the same time', async () => {
    h = await startHarness({ answerer: new RecordingAnswerer() });
    const responses = await Promise.all(Array.from({ length: 5 }, () => h!.deliver(incoming, { deliveryId: 'a1b2c3d4-0000-4000-8000-000000000002' })));
    expect(responses.map((r) => r.body.result).sort()).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    await h.settle();
    expect(calls(h.fake!)).toEqual([MESSAGES]);
  });

  it('replies once to one message delivered through the agent bot and an account webhook (two delivery ids)', async () => {
    h = await startHarness({ answerer: new RecordingAnswerer() });
    const viaBot = await h.deliver(incoming);
    const viaAccountWebhook = await h.deliver(incoming);
    expect([viaBot.body.result, viaAccountWebhook.body.result]).toEqual(['accepted', 'duplicate']);
    await h.settle();
    expect(calls(h.fake!)).toEqual([MESSAGES]);
  });

  it('answers a burst of messages within the reply delay with one reply that covers all of them', async () => {
    const answerer = new RecordingAnswerer();
    h = await startHarness({ answerer, profile: { replyDelaySeconds: 1 } });
    await h.deliver(withMessage(2001, 'Halo kak'));
    await h.deliver(withMessage(2002, 'mau tanya'));
    await h.deliver(withMessage(2003, 'berapa lama pengiriman ke Surabaya?'));
    expect(h.fake!.requests).toEqual([]);
    await h.settle();
    expect(calls(h.fake!)).toEqual([MESSAGES]);
    expect(answerer.requests.map((r) => r.messages)).toEqual([['Halo kak', 'mau tanya', 'berapa lama pengiriman ke Surabaya?']]);
    expect((h.fake!.requests[0]!.body as { content: string }).content).toBe('Halo kak! Answer to: Halo kak / mau tanya / berapa lama pengiriman ke Surabaya?');
  });
});
