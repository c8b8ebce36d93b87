// The inbox's flow (Cekat) end to end against the fake Chatwoot: conditions on the first message, actions,
// a message with buttons (Chatwoot `input_select`), the customer's choice (`message_updated` with
// `submitted_values`), the end to humans or to the AI, and the flow starting again after a resolve.
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../src/config/settings-rules.js';
import { flowSchema } from '../../src/config/settings-rules.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { fixture } from '../helpers/fixtures.js';
import { calls, type Harness, startHarness } from '../helpers/harness.js';
import { buttonPressed, customerMessage } from '../helpers/payloads.js';

const CONV = '/api/v1/accounts/1/conversations/42';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const flow: Flow = flowSchema.parse({
  enabled: true,
  start: 'start',
  steps: {
    start: {
      type: 'condition',
      branches: [
        { when: { type: 'first_message_contains', texts: ['grosir', 'wholesale'] }, next: 'wholesale' },
        { when: { type: 'first_message_time', from: '00:00', to: '00:00' }, next: 'never' },
      ],
      else: 'menu',
    },
    wholesale: { type: 'actions', actions: [{ type: 'label', labels: ['wholesale'] }, { type: 'add_participant', agentIds: [3] }], next: 'to-sales' },
    'to-sales': { type: 'end', to: 'human', assign: { strategy: 'team', teamId: 2 } },
    never: { type: 'end', to: 'ai' },
    menu: {
      type: 'buttons',
      text: 'Hi! What can we help you with?',
      buttons: [
        { title: 'Order status', next: 'orders' },
        { title: 'Something else', next: 'ai' },
      ],
    },
    orders: { type: 'actions', actions: [{ type: 'label', labels: ['order-status'] }, { type: 'send_message', text: 'Please send your order number.' }], next: 'ai-quiet' },
    'ai-quiet': { type: 'end', to: 'ai', skipLastAiAnswer: true },
    ai: { type: 'end', to: 'ai' },
  },
});
const ITEMS = [
  { title: 'Order status', value: '0' },
  { title: 'Something else', value: '1' },
];

async function start(): Promise<Harness> {
  h = await startHarness({ profile: { flow }, answerer: fixedAnswerer('Here you go.') });
  return h;
}
const publicBot = (harness: Harness) => harness.fake!.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot' && !m.private);

describe('flow', () => {
  it('shows buttons, follows the choice, and lets the AI answer the next message', async () => {
    const harness = await start();
    await harness.deliver(customerMessage({ id: 9401, text: 'Halo kak' }));
    await harness.settle();
    expect(harness.fake!.requests[0]!.body).toEqual({
      content: 'Hi! What can we help you with?',
      message_type: 'outgoing',
      private: false,
      content_type: 'input_select',
      content_attributes: { jawab_action: '3-42:1', items: ITEMS },
    });
    const menu = publicBot(harness)[0]!;

    harness.fake!.clearRequests();
    await harness.deliver(buttonPressed(menu.id, ITEMS, ITEMS[0]!));
    await harness.settle();
    // Labels, then the flow's message; the AI does not answer the button press (skip last AI answer).
    expect(calls(harness.fake!)).toEqual([`GET ${CONV}/labels user`, `POST ${CONV}/labels user`, `POST ${CONV}/messages bot`]);
    expect(publicBot(harness).at(-1)!.content).toBe('Please send your order number.');

    // A question, not a bare order number: offline a bare number the knowledge cannot look up goes to a person.
    await harness.deliver(customerMessage({ id: 9402, text: 'INV-2291 kapan dikirim ya?' }));
    await harness.settle();
    expect(publicBot(harness).at(-1)!.content).toBe('Here you go.');
    const state = (await harness.jawab.store.read('3-42'))!.state!;
    expect(state.flow).toMatchObject({ done: true, step: 'ai-quiet' });
    expect(state.owner).toBe('ai');
    harness.fake!.assertNoViolations();
  });

  it('a first message that matches the condition labels, adds a participant and ends with the team', async () => {
    const harness = await start();
    await harness.deliver(customerMessage({ id: 9411, text: 'Mau beli grosir 100 pcs' }));
    await harness.settle();
    expect(calls(harness.fake!)).toEqual([
      `GET ${CONV}/labels user`,
      `POST ${CONV}/labels user`,
      `POST ${CONV}/participants user`,
      `POST ${CONV}/messages bot`, // the handover message
      `POST ${CONV}/messages bot`, // the note
      `GET ${CONV}/labels user`,
      `POST ${CONV}/labels user`,
      `POST ${CONV}/assignments bot`,
      `POST ${CONV}/toggle_status bot`,
      `GET ${CONV} user`,
      `POST ${CONV}/custom_attributes bot`,
    ]);
    expect(harness.fake!.requests[2]!.body).toEqual({ user_ids: [3] });
    expect(harness.fake!.requests[7]!.body).toEqual({ team_id: 2 });
    expect(harness.fake!.conversation(1, 42).labels).toEqual(['wholesale', 'jawab-handoff']);
    harness.fake!.assertNoViolations();
  });

  it('a typed choice works like a press; anything else shows the buttons again', async () => {
    const harness = await start();
    await harness.deliver(customerMessage({ id: 9421, text: 'Halo' }));
    await harness.settle();
    await harness.deliver(customerMessage({ id: 9422, text: 'hmm?' }));
    await harness.settle();
    await harness.deliver(customerMessage({ id: 9423, text: 'something else' }));
    await harness.settle();
    expect(publicBot(harness).map((m) => m.content)).toEqual(['Hi! What can we help you with?', 'Hi! What can we help you with?', 'Here you go.']);
  });

  it('starts again from the start after the conversation was resolved', async () => {
    const harness = await start();
    await harness.deliver(customerMessage({ id: 9431, text: 'Halo' }));
    await harness.settle();
    await harness.deliver(customerMessage({ id: 9432, text: 'Something else' }));
    await harness.settle();
    const resolved = fixture('conversation_resolved.agent_bot.json') as Record<string, unknown>;
    await harness.deliver(resolved);
    await harness.settle();
    await harness.deliver(customerMessage({ id: 9433, text: 'Halo lagi' }));
    await harness.settle();
    expect(publicBot(harness).map((m) => m.content)).toEqual(['Hi! What can we help you with?', 'Here you go.', 'Hi! What can we help you with?']);
  });
});

describe('flow settings', () => {
  it('refuses a jump to a step that does not exist, naming it', () => {
    const result = flowSchema.safeParse({ enabled: true, steps: { start: { type: 'actions', actions: [{ type: 'label', labels: ['x'] }], next: 'nowhere' } } });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('step "start" jumps to "nowhere", which does not exist');
  });
});
