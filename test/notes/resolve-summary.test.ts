// The summary note when a conversation is resolved (profile `resolveSummary`): written once per resolve, however
// often Chatwoot delivers the event, in the team language; nothing when the profile does not ask for it.
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixtures.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const notes = (harness: Harness) => harness.fake!.conversation(1, 42).messages.filter((m) => m.private).map((m) => m.content);

async function conversationThenResolve(harness: Harness): Promise<void> {
  await harness.deliver(customerMessage({ id: 7001, text: 'How long does delivery to Surabaya take?' }));
  await harness.settle();
  const resolved = fixture('conversation_resolved.agent_bot.json');
  // Delivered twice with different delivery ids (the agent bot and an account webhook), and once more later.
  await harness.deliver(resolved, { deliveryId: 'resolve-1' });
  await harness.deliver(resolved, { deliveryId: 'resolve-2' });
  await harness.settle();
  await harness.deliver(resolved, { deliveryId: 'resolve-3' });
  await harness.settle();
}

describe('the summary note on resolve', () => {
  it('is written once, in the team language, when the profile asks for it', async () => {
    h = await startHarness({ teamLanguage: 'en', profile: { resolveSummary: true } });
    await conversationThenResolve(h);
    expect(notes(h)).toEqual([
      [
        'Summary: the conversation was resolved.',
        'Customer wants: How long does delivery to Surabaya take?',
        'Jawab answered: Jakarta, Surabaya and the rest of Java: 2–3 working days.',
        'Details: name Maria Silva · email maria.silva@example.com · phone +351912345678.',
        "Customer's language: English.",
      ].join('\n'),
    ]);
    const stamps = h.fake!.requests.filter((r) => (r.body as { private?: boolean } | undefined)?.private).map((r) => (r.body as { content_attributes?: unknown }).content_attributes);
    expect(stamps).toEqual([{ jawab_action: expect.stringMatching(/^3-42:\d+$/) }]);
    h.fake!.assertNoViolations();
  });

  it('is in Indonesian for an Indonesian team', async () => {
    h = await startHarness({ teamLanguage: 'id', profile: { resolveSummary: true } });
    await conversationThenResolve(h);
    expect(notes(h)).toEqual([
      [
        'Ringkasan: percakapan ini diselesaikan.',
        'Pelanggan ingin: How long does delivery to Surabaya take?',
        'Sudah dijawab: Jakarta, Surabaya and the rest of Java: 2–3 working days.',
        'Data: nama Maria Silva · email maria.silva@example.com · telepon +351912345678.',
        'Bahasa pelanggan: Inggris.',
      ].join('\n'),
    ]);
  });

  it('is not written when the profile does not ask for it', async () => {
    h = await startHarness({ teamLanguage: 'en' });
    await conversationThenResolve(h);
    expect(notes(h)).toEqual([]);
  });
});
