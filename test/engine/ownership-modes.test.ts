// Ownership beyond `pending` (SPEC 1 and 4), end to end against the fake Chatwoot: Jawab's own snooze is no handover,
// account-webhook mode reads ownership from the assignee and `ai-off`, and `ai-on` is removed once it has done its job.
import { afterEach, describe, expect, it } from 'vitest';
import type { Rule } from '../../src/config/settings-rules.js';
import type { Profile } from '../../src/config/settings.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { fixture } from '../helpers/fixtures.js';
import { calls, type Harness, startHarness } from '../helpers/harness.js';
import { conversationChanged, customerMessage } from '../helpers/payloads.js';

const CONV = '/api/v1/accounts/1/conversations/42';
const T = 1_776_400_000; // Chatwoot's updated_at of the conversation events, later than the fixtures'
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(profile: Partial<Profile>): Promise<Harness> {
  h = await startHarness({ profile, answerer: fixedAnswerer('Here you go.') });
  return h;
}
async function deliver(harness: Harness, payload: unknown): Promise<void> {
  expect((await harness.deliver(payload)).status).toBe(200);
  await harness.settle();
}
const state = async (harness: Harness) => (await harness.jawab.store.read('3-42'))!.state!;
const bot = (harness: Harness) => harness.fake!.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot' && !m.private).map((m) => m.content);

describe('a conversation Jawab snoozed', () => {
  const snoozeLater: Rule = { name: 'later', enabled: true, match: 'all', conditions: [{ type: 'contains', value: 'text', text: 'later' }], actions: [{ type: 'snooze', seconds: 3600 }] };

  it('wakes up open and stays with the AI: Jawab puts it back to pending (agent-bot mode)', async () => {
    const harness = await start({ rules: [snoozeLater] });
    await deliver(harness, customerMessage({ id: 9401, text: 'I am busy, talk later' }));
    expect(harness.fake!.conversation(1, 42).status).toBe('snoozed');
    expect((await state(harness)).snoozedByBot).toBe(true);

    // The snooze ends: Chatwoot reopens it as `open` and tells the bot.
    harness.fake!.conversation(1, 42).status = 'open';
    harness.fake!.clearRequests();
    await deliver(harness, conversationChanged({ status: 'open', changed: ['status', 'snoozed_until'], updatedAt: T }));
    expect(calls(harness.fake!)).toEqual([`POST ${CONV}/toggle_status bot`]);
    expect(harness.fake!.requests[0]!.body).toEqual({ status: 'pending' });
    expect(harness.fake!.conversation(1, 42).status).toBe('pending');
    const woke = await state(harness);
    expect(woke.owner).toBe('ai');
    expect(woke.snoozedByBot).toBeUndefined();
    expect(woke.audit.map((a) => a.what)).toContain('snooze ended');

    await deliver(harness, customerMessage({ id: 9402, text: 'Do you ship to Bali?' }));
    expect(bot(harness)).toEqual(['Here you go.', 'Here you go.']);
    harness.fake!.assertNoViolations();
  });

  it('a snooze Jawab did not set still hands over when it opens', async () => {
    const harness = await start({});
    await deliver(harness, customerMessage({ id: 9411, text: 'Do you ship to Bali?' }));
    await deliver(harness, conversationChanged({ status: 'snoozed', changed: ['status', 'snoozed_until'], updatedAt: T }));
    harness.fake!.clearRequests();
    await deliver(harness, conversationChanged({ status: 'open', changed: ['status', 'snoozed_until'], updatedAt: T + 1 }));
    // Nothing moves the status back; the only write shows the new owner.
    expect(calls(harness.fake!)).toEqual([`GET ${CONV} user`, `POST ${CONV}/custom_attributes bot`]);
    expect((await state(harness)).owner).toBe('human');
  });
});

describe('account-webhook mode', () => {
  const accountMode: Partial<Profile> = { connection: 'account_webhook' };

  it('answers an open conversation with no assignee; a handoff labels ai-off and assigns, without toggling the status', async () => {
    const harness = await start(accountMode);
    harness.fake!.seedConversation(1, 42, { inboxId: 3, status: 'open' });
    await deliver(harness, conversationChanged({ event: 'conversation_created', status: 'open', changed: [], updatedAt: T }));
    await deliver(harness, customerMessage({ id: 9421, text: 'Do you ship to Bali?', status: 'open' }));
    expect(bot(harness)).toEqual(['Here you go.']);
    expect((await state(harness)).owner).toBe('ai');

    harness.fake!.clearRequests();
    await deliver(harness, customerMessage({ id: 9422, text: 'I want to talk to a human', status: 'open' }));
    expect(calls(harness.fake!)).toEqual([
      `POST ${CONV}/messages bot`,
      `POST ${CONV}/messages bot`,
      `GET ${CONV}/labels user`,
      `POST ${CONV}/labels user`,
      'GET /api/v1/accounts/1/agents user',
      'GET /api/v2/accounts/1/reports/conversations/ user',
      `POST ${CONV}/assignments bot`,
      `GET ${CONV} user`,
      `POST ${CONV}/custom_attributes bot`,
    ]);
    const conv = harness.fake!.conversation(1, 42);
    expect(conv).toMatchObject({ status: 'open', labels: ['jawab-handoff', 'ai-off'], assigneeId: 1, customAttributes: { jawab_owner: 'human' } });
    expect(conv.messages.filter((m) => m.private)).toHaveLength(1);
    expect((await state(harness)).owner).toBe('human');
    harness.fake!.assertNoViolations();
  });

  it('a human assignee takes it; removing ai-off with nobody assigned gives it back', async () => {
    const harness = await start(accountMode);
    harness.fake!.seedConversation(1, 42, { inboxId: 3, status: 'open' });
    await deliver(harness, customerMessage({ id: 9431, text: 'Do you ship to Bali?', status: 'open' }));
    await deliver(harness, conversationChanged({ status: 'open', changed: ['assignee_id'], assigneeId: 4, updatedAt: T }));
    expect((await state(harness)).owner).toBe('human');
    await deliver(harness, customerMessage({ id: 9432, text: 'Hello?', status: 'open' }));
    expect(bot(harness)).toEqual(['Here you go.']);

    await deliver(harness, conversationChanged({ status: 'open', changed: ['assignee_id', 'label_list'], labels: ['ai-off'], assigneeId: null, updatedAt: T + 1 }));
    expect((await state(harness)).owner).toBe('human');
    await deliver(harness, conversationChanged({ status: 'open', changed: ['label_list'], labels: [], assigneeId: null, updatedAt: T + 2 }));
    expect((await state(harness)).owner).toBe('ai');
    await deliver(harness, customerMessage({ id: 9433, text: 'Do you ship to Lombok?', status: 'open' }));
    expect(bot(harness)).toEqual(['Here you go.', 'Here you go.']);
  });
});

describe('the ai-on label', () => {
  it('is removed at the next handoff, so an agent can give the conversation back with it again', async () => {
    const harness = await start({});
    await deliver(harness, customerMessage({ id: 9441, text: 'Do you ship to Bali?' }));
    await deliver(harness, fixture('message_created.outgoing_agent.json'));
    expect((await state(harness)).owner).toBe('human');

    const giveBack = async (labels: string[], updatedAt: number) => {
      harness.fake!.conversation(1, 42).labels = labels;
      await deliver(harness, conversationChanged({ status: 'open', changed: ['label_list'], labels, updatedAt }));
      expect((await state(harness)).owner).toBe('ai');
    };
    await giveBack(['ai-on'], T);
    await deliver(harness, customerMessage({ id: 9442, text: 'I want to talk to a human', status: 'open', labels: ['ai-on'] }));
    expect(harness.fake!.conversation(1, 42).labels).toEqual(['jawab-handoff']);
    expect((await state(harness)).owner).toBe('human');
    // Chatwoot tells of the removal; the agent adds ai-on again later.
    await deliver(harness, conversationChanged({ status: 'open', changed: ['label_list'], labels: ['jawab-handoff'], updatedAt: T + 1 }));
    await giveBack(['jawab-handoff', 'ai-on'], T + 2);
    harness.fake!.assertNoViolations();
  });
});
