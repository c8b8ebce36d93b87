// The rule conditions and actions rules-e2e.test.ts does not reach, through the whole engine against the fake Chatwoot:
// `provides` (each contact field), `received` within/outside business hours on a fixed clock, `set_contact_attribute`
// and `answer_from_knowledge`.
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerResult, Answerer } from '../../src/answer/types.js';
import type { ContactField, Rule } from '../../src/config/settings-rules.js';
import type { Profile } from '../../src/config/settings.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { calls, type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

const CONV = '/api/v1/accounts/1/conversations/42';
const CONTACT = '/api/v1/accounts/1/contacts/57';
/** A WhatsApp-like contact: the number as the name, nothing else, so every detail the customer gives is new. */
const BARE = { name: '+351912345678', email: null, phone_number: null, custom_attributes: {} };
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const rule = (r: Partial<Rule> & Pick<Rule, 'conditions' | 'actions'>): Rule => ({ name: 'r', enabled: true, match: 'all', ...r });
const botMessages = (harness: Harness) => harness.fake!.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot').map((m) => m.content);

interface Say {
  profile: Partial<Profile>;
  text: string;
  answerer?: Answerer;
  /** Jawab's clock when the message arrives (default: the real one). */
  at?: number;
  contact?: typeof BARE;
  /** Contact 57 as the fake Chatwoot holds it before the message. */
  stored?: Parameters<NonNullable<Harness['fake']>['seedContact']>[2];
}

async function say(options: Say): Promise<Harness> {
  const at = options.at;
  // A clock that starts at `at` and runs on: the `received` condition reads when Jawab got the message.
  const started = Date.now();
  const now = at === undefined ? undefined : () => at + (Date.now() - started);
  h = await startHarness({ profile: options.profile, answerer: options.answerer ?? fixedAnswerer('Our shop opens at 9.'), now });
  if (options.stored) h.fake!.seedContact(1, 57, options.stored);
  const timestamp = Math.floor((now ?? Date.now)() / 1000);
  const response = await h.deliver(customerMessage({ id: 9500, text: options.text, contact: options.contact }), { timestamp });
  expect(response.status).toBe(200);
  await h.settle();
  h.fake!.assertNoViolations();
  return h;
}

describe('the `provides` condition', () => {
  const labelWhenProvided = (field: ContactField): Partial<Profile> => ({
    rules: [rule({ name: `got ${field}`, conditions: [{ type: 'provides', value: field }], actions: [{ type: 'add_labels', labels: [`got-${field}`] }] })],
  });

  it.each([
    ['email', 'you can reach me at Budi.Santoso@Example.com', { email: 'budi.santoso@example.com' }],
    ['phone', 'my WhatsApp is 0812-3456-7890', { phone_number: '+6281234567890' }],
    ['name', 'Hello, my name is Budi Santoso', { name: 'Budi Santoso' }],
    ['address', 'my address is Jl. Sudirman No. 5, Jakarta', { custom_attributes: { address: 'Jl. Sudirman No. 5, Jakarta' } }],
  ] as const)('fires on a customer who gives a %s, which is saved to the contact first', async (field, text, saved) => {
    const harness = await say({ profile: labelWhenProvided(field), text, contact: BARE });
    expect(calls(harness.fake!)).toEqual([`PUT ${CONTACT} user`, `POST ${CONV}/messages bot`, `GET ${CONV}/labels user`, `POST ${CONV}/labels user`]);
    expect(harness.fake!.requests[0]!.body).toEqual(saved);
    expect(harness.fake!.requests[3]!.body).toEqual({ labels: [`got-${field}`] });
    expect(harness.fake!.conversation(1, 42).labels).toEqual([`got-${field}`]);
    expect((await harness.jawab.store.read('3-42'))!.state!.lastAnswer?.why).toContain(`rules: got ${field}`);
  });

  it('does not fire on a message without the detail', async () => {
    const harness = await say({ profile: labelWhenProvided('email'), text: 'What time do you open on Saturday?', contact: BARE });
    expect(calls(harness.fake!)).toEqual([`POST ${CONV}/messages bot`]);
    expect(harness.fake!.conversation(1, 42).labels).toEqual([]);
  });
});

describe('the `received` condition, on a fixed clock', () => {
  // Monday 3 March 2025 in Jakarta (UTC+7); open 09:00-17:00 on weekdays.
  const jakarta = (day: number, hour: number, minute = 0) => Date.UTC(2025, 2, day, hour - 7, minute);
  const profile: Partial<Profile> = {
    businessHours: { enabled: true, timeZone: 'Asia/Jakarta', weekly: { mon: [{ from: '09:00', to: '17:00' }], tue: [{ from: '09:00', to: '17:00' }] } },
    rules: [
      rule({ name: 'open', conditions: [{ type: 'received', value: 'within_business_hours' }], actions: [{ type: 'send_message', text: 'An agent can also join now.' }] }),
      rule({ name: 'closed', conditions: [{ type: 'received', value: 'outside_business_hours' }], actions: [{ type: 'send_message', text: 'We are closed; an agent replies from 09:00.' }] }),
    ],
  };

  it.each([
    ['Monday 09:00 (the first minute)', jakarta(3, 9, 0), 'An agent can also join now.'],
    ['Monday 16:59', jakarta(3, 16, 59), 'An agent can also join now.'],
    ['Monday 17:00 (the end is exclusive)', jakarta(3, 17, 0), 'We are closed; an agent replies from 09:00.'],
    ['Monday 08:59', jakarta(3, 8, 59), 'We are closed; an agent replies from 09:00.'],
    ['Sunday 11:00 (a closed day)', jakarta(2, 11, 0), 'We are closed; an agent replies from 09:00.'],
  ])('a message on %s', async (_when, at, reply) => {
    const harness = await say({ profile, text: 'Is anyone there?', at });
    expect(botMessages(harness)).toEqual([reply]);
    const state = (await harness.jawab.store.read('3-42'))!.state!;
    expect(state.transcript.find((l) => l.role === 'customer')!.at).toBeGreaterThanOrEqual(at);
    expect(state.lastAnswer?.why).toBe(`rules: ${reply.startsWith('An agent') ? 'open' : 'closed'}`);
  });
});

describe('the `set_contact_attribute` action', () => {
  it('merges the attributes into the contact, with an address the customer gave, before the reply', async () => {
    const harness = await say({
      profile: {
        rules: [
          rule({
            name: 'premium',
            conditions: [{ type: 'contains', value: 'text', text: 'premium' }],
            actions: [
              { type: 'set_contact_attribute', key: 'tier', value: 'gold' },
              { type: 'set_contact_attribute', key: 'vip', value: true },
              { type: 'set_contact_attribute', key: 'seats', value: 12 },
            ],
          }),
        ],
      },
      text: 'We want the premium plan, my address is Jl. Kebon Jeruk 12, Jakarta',
      stored: { customAttributes: { plan: 'pro' } },
    });
    expect(calls(harness.fake!)).toEqual([`PUT ${CONTACT} user`, `POST ${CONV}/messages bot`]);
    expect(harness.fake!.requests[0]!.body).toEqual({ custom_attributes: { address: 'Jl. Kebon Jeruk 12, Jakarta', tier: 'gold', vip: true, seats: 12 } });
    // The contact already had `plan: pro`: Chatwoot merges, nothing is lost.
    expect(harness.fake!.contact(1, 57).customAttributes).toEqual({ plan: 'pro', address: 'Jl. Kebon Jeruk 12, Jakarta', tier: 'gold', vip: true, seats: 12 });
    expect(botMessages(harness)).toEqual(['Our shop opens at 9.']);
  });

  it('is set even when saving contact details is off', async () => {
    const harness = await say({
      profile: {
        saveContactDetails: false,
        rules: [rule({ name: 'tag', conditions: [{ type: 'provides', value: 'email' }], actions: [{ type: 'set_contact_attribute', key: 'lead', value: 'yes' }] })],
      },
      text: 'my email is budi@example.com',
      contact: BARE,
    });
    expect(calls(harness.fake!)).toEqual([`PUT ${CONTACT} user`, `POST ${CONV}/messages bot`]);
    expect(harness.fake!.requests[0]!.body).toEqual({ custom_attributes: { lead: 'yes' } });
    expect(harness.fake!.contact(1, 57).email).toBeNull();
  });
});

describe('the `answer_from_knowledge` action', () => {
  const welcome = (actions: Rule['actions']): Partial<Profile> => ({
    rules: [rule({ name: 'shipping', conditions: [{ type: 'contains', value: 'text', text: 'shipping' }], actions })],
  });
  const noAnswer: Answerer = { answer: async (): Promise<AnswerResult> => ({ kind: 'no_answer', tried: [], mode: 'offline' }) };

  it('answers from knowledge next to the exact message, which comes first', async () => {
    const harness = await say({
      profile: welcome([{ type: 'send_message', text: 'Thanks for asking about shipping!' }, { type: 'answer_from_knowledge' }]),
      text: 'How long does shipping take?',
    });
    expect(calls(harness.fake!)).toEqual([`POST ${CONV}/messages bot`]);
    expect(botMessages(harness)).toEqual(['Thanks for asking about shipping!\n\nOur shop opens at 9.']);
    expect((await harness.jawab.store.read('3-42'))!.state!.lastAnswer?.why).toBe('answered from knowledge (offline); rules: shipping');
  });

  it('without an answer in the knowledge, sends the exact message alone and keeps the conversation', async () => {
    const harness = await say({
      profile: welcome([{ type: 'send_message', text: 'Thanks for asking about shipping!' }, { type: 'answer_from_knowledge' }]),
      text: 'How long does shipping take?',
      answerer: noAnswer,
    });
    expect(calls(harness.fake!)).toEqual([`POST ${CONV}/messages bot`]);
    expect(botMessages(harness)).toEqual(['Thanks for asking about shipping!']);
    expect((await harness.jawab.store.read('3-42'))!.state!.owner).toBe('ai');
  });
});
