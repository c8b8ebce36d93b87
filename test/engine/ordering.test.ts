// Per-conversation ordering: one conversation's turns never overlap; different conversations run at once.
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerRequest, AnswerResult, Answerer } from '../../src/answer/types.js';
import { fixture } from '../helpers/fixtures.js';
import { type Harness, startHarness } from '../helpers/harness.js';

/** A slow answerer that measures how many turns run at once, per conversation and in all. */
class ConcurrencyProbe implements Answerer {
  private running = 0;
  maxTogether = 0;
  readonly log: string[] = [];
  async answer(request: AnswerRequest): Promise<AnswerResult> {
    const text = request.messages.join(' ');
    this.log.push(`start ${text}`);
    this.running++;
    this.maxTogether = Math.max(this.maxTogether, this.running);
    await new Promise((r) => setTimeout(r, 300));
    this.running--;
    this.log.push(`end ${text}`);
    return { kind: 'answer', text: `re: ${text}`, sources: [], mode: 'offline' };
  }
}

const base = fixture('message_created.incoming_contact.json') as { conversation: Record<string, unknown> };
const message = (conversationId: number, id: number, content: string) => ({ ...base, id, content, conversation: { ...base.conversation, id: conversationId } });

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('ordering', () => {
  it('runs two conversations at once but one conversation one turn at a time, replies in order', async () => {
    const probe = new ConcurrencyProbe();
    h = await startHarness({ answerer: probe });
    await h.deliver(message(42, 1, 'A1'));
    await h.deliver(message(43, 2, 'B1'));
    await new Promise((r) => setTimeout(r, 100)); // A1 and B1 are being answered
    await h.deliver(message(42, 3, 'A2'));
    await h.settle();
    expect(probe.maxTogether).toBe(2);
    const a = probe.log.filter((l) => l.includes('A'));
    expect(a).toEqual(['start A1', 'end A1', 'start A2', 'end A2']);
    const replies42 = h.fake!.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot').map((m) => m.content);
    expect(replies42).toEqual(['re: A1', 're: A2']);
    expect(h.fake!.conversation(1, 43).messages.map((m) => m.content)).toEqual(['re: B1']);
  });

  it('drops an answer being written when a human agent replies meanwhile', async () => {
    const probe = new ConcurrencyProbe();
    h = await startHarness({ answerer: probe });
    await h.deliver(message(42, 1, 'A1'));
    await new Promise((r) => setTimeout(r, 100));
    await h.deliver(fixture('message_created.outgoing_agent.json'));
    await h.settle();
    // No reply: the only write shows the new owner (rules/owner-attribute.ts).
    expect(h.fake!.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/v1/accounts/1/conversations/42/custom_attributes']);
    const state = (await h.jawab.store.read('3-42'))!.state!;
    expect(state.owner).toBe('human');
    expect(state.audit.map((e) => e.what)).toContain('turn discarded');
  });
});
