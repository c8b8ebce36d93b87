// `ask_for` across turns (issue 12, point 3): what is still missing is asked again once per customer turn, the details
// come in any order and over several messages, a message holding a detail is not a question for the knowledge, and
// after `tries` asks without a detail the rule's fallback runs. Against the fake Chatwoot (every request checked
// against the OpenAPI document): the exact requests, the exact replies, nothing sent twice.
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerRequest, Answerer } from '../../src/answer/types.js';
import type { Rule, RuleAction } from '../../src/config/settings-rules.js';
import type { Profile } from '../../src/config/settings.js';
import { calls, type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

const CONV = '/api/v1/accounts/1/conversations/42';
const CONTACT = '/api/v1/accounts/1/contacts/57';
const ANSWER = 'Our shop opens at 9.';
const THANKS = 'Thank you! Our sales team will contact you today.';
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Answers every question the same, and remembers what reached the knowledge. */
function recordingAnswerer(questions: string[][]): Answerer {
  return {
    answer: async (request: AnswerRequest) => {
      questions.push(request.questions ?? []);
      return { kind: 'answer', text: ANSWER, sources: [], mode: 'offline' };
    },
  };
}

type AskFor = Extract<RuleAction, { type: 'ask_for' }>;
const lead = (ask: Omit<AskFor, 'attributes'> & Partial<Pick<AskFor, 'attributes'>>, conditions: Rule['conditions'] = [{ type: 'wants', value: 'buy' }]): Rule => ({
  name: 'lead',
  enabled: true,
  match: 'all',
  conditions,
  actions: [{ type: 'send_message', text: THANKS }, { attributes: [], ...ask }],
});

async function start(rules: Rule[], questions: string[][] = [], profile: Partial<Profile> = {}): Promise<Harness> {
  h = await startHarness({ profile: { rules, ...profile }, answerer: recordingAnswerer(questions) });
  return h;
}

const NO_DETAILS = { email: null, phone_number: null };
async function say(harness: Harness, id: number, text: string): Promise<void> {
  await harness.deliver(customerMessage({ id, text, contact: NO_DETAILS }));
  await harness.settle();
}
const botMessages = (harness: Harness) => harness.fake!.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot').map((m) => [m.content, m.private] as const);
const publicReplies = (harness: Harness) => botMessages(harness).filter(([, priv]) => !priv).map(([content]) => content);

describe('ask_for across turns', () => {
  it.each([
    ['a short chat line', 'ok, one moment', `When you have a moment, could you share your email address?`],
    ['a question', 'How long does delivery to Surabaya take?', `${ANSWER}\n\nWhen you have a moment, could you share your email address?`],
  ])('phone, then %s, then the email: one re-ask, both saved to the contact, the held message after, nothing twice', async (_kind, chat, reask) => {
    const questions: string[][] = [];
    const harness = await start([lead({ type: 'ask_for', fields: ['email', 'phone'], tries: 3, fallback: 'continue' })], questions);

    await say(harness, 9101, 'I want to buy the blue batik shirt, my number is 0812 3456 7890');
    expect(calls(harness.fake!)).toEqual([`PUT ${CONTACT} user`, `POST ${CONV}/messages bot`]);
    expect(harness.fake!.requests[0]!.body).toEqual({ phone_number: '+6281234567890' });
    expect(publicReplies(harness)).toEqual([`${ANSWER}\n\nCould you share your email address?`]);

    harness.fake!.clearRequests();
    await say(harness, 9102, chat);
    // Nothing to save: the one request is the re-ask.
    expect(calls(harness.fake!)).toEqual([`POST ${CONV}/messages bot`]);
    expect(publicReplies(harness).at(-1)).toBe(reask);

    harness.fake!.clearRequests();
    await say(harness, 9103, 'maria@example.com');
    expect(calls(harness.fake!)).toEqual([`PUT ${CONTACT} user`, `POST ${CONV}/messages bot`]);
    expect(harness.fake!.requests[0]!.body).toEqual({ email: 'maria@example.com' });
    expect(harness.fake!.contact(1, 57)).toMatchObject({ email: 'maria@example.com', phoneNumber: '+6281234567890' });
    expect(publicReplies(harness)).toEqual([`${ANSWER}\n\nCould you share your email address?`, reask, THANKS]);
    // The message holding the email was not a question for the knowledge.
    expect(questions.flat()).not.toContain('maria@example.com');

    // Nothing more is due, and nothing goes out twice.
    harness.fake!.clearRequests();
    await harness.settle();
    expect(harness.fake!.requests).toEqual([]);
    const state = (await harness.jawab.store.read('3-42'))!.state!;
    expect(state.awaiting).toBeUndefined();
    harness.fake!.assertNoViolations();
  });

  it('takes the details in any order and over several messages; a message holding one is not sent to the knowledge', async () => {
    const questions: string[][] = [];
    const harness = await start([lead({ type: 'ask_for', fields: ['address', 'phone', 'email'], tries: 3, fallback: 'continue' })], questions);
    await say(harness, 9111, 'I want to buy 3 batik shirts');
    expect(publicReplies(harness)).toEqual([`${ANSWER}\n\nCould you share your address, phone number and email address?`]);
    await say(harness, 9112, 'it is budi@example.com');
    await say(harness, 9113, '+62 812 1111 2222');
    await say(harness, 9114, 'my address is Jl. Merdeka No. 10, Bandung');
    expect(publicReplies(harness)).toEqual([
      `${ANSWER}\n\nCould you share your address, phone number and email address?`,
      'Thank you! Could you also share your address and phone number?',
      'Thank you! Could you also share your address?',
      THANKS,
    ]);
    expect(questions).toEqual([['I want to buy 3 batik shirts']]);
    expect(harness.fake!.contact(1, 57)).toMatchObject({ email: 'budi@example.com', phoneNumber: '+6281211112222', customAttributes: { address: 'Jl. Merdeka No. 10, Bandung' } });
    harness.fake!.assertNoViolations();
  });

  it('gives up after `tries` asks without a detail and, with `continue`, sends the held message and goes on', async () => {
    const harness = await start([lead({ type: 'ask_for', fields: ['email'], tries: 2, fallback: 'continue' })]);
    await say(harness, 9121, 'I want to buy the silk scarf');
    await say(harness, 9122, 'ok');
    await say(harness, 9123, 'ok');
    expect(publicReplies(harness)).toEqual([`${ANSWER}\n\nCould you share your email address?`, 'When you have a moment, could you share your email address?', THANKS]);
    // The collection is over: the next message is answered as usual, no more asking.
    await say(harness, 9124, 'Do you ship to Bali?');
    expect(publicReplies(harness).at(-1)).toBe(ANSWER);
    const state = (await harness.jawab.store.read('3-42'))!.state!;
    expect(state.awaiting).toBeUndefined();
    expect(state.owner).toBe('ai');
    harness.fake!.assertNoViolations();
  });

  it('gives up after `tries` asks and, with `handoff`, hands off with a note naming the missing details', async () => {
    const harness = await start([lead({ type: 'ask_for', fields: ['email', 'phone'], tries: 1, fallback: 'handoff' })]);
    await say(harness, 9131, 'I want to buy the silk scarf');
    harness.fake!.clearRequests();
    await say(harness, 9132, 'hmm, why do you need that?');
    const messages = botMessages(harness);
    // The held thank-you is never sent: the details it waited for never came.
    expect(messages.map(([c]) => c)).not.toContain(THANKS);
    const note = messages.find(([, priv]) => priv)?.[0];
    // The note is in the team language (Indonesian by default) and names the missing details.
    expect(note?.split('\n')[0]).toBe('Diserahkan ke tim: sebuah aturan meneruskan percakapan seperti ini ke tim (“lead: details not given: email, phone”).');
    expect(harness.fake!.conversation(1, 42).status).toBe('open');
    const state = (await harness.jawab.store.read('3-42'))!.state!;
    expect(state).toMatchObject({ owner: 'human' });
    expect(state.awaiting).toBeUndefined();
    harness.fake!.assertNoViolations();
  });

  it('asks again in Indonesian, in the persona’s casual voice', async () => {
    const harness = await start([lead({ type: 'ask_for', fields: ['email'], tries: 3, fallback: 'continue' }, [{ type: 'contains', value: 'text', text: 'mau beli' }])], [], {
      persona: { ...(await import('../../src/config/settings.js')).defaultSettings().defaultProfile.persona, tone: 'casual' },
    });
    await say(harness, 9141, 'kak saya mau beli kemeja batik yang biru');
    await say(harness, 9142, 'ongkir ke surabaya berapa kak?');
    expect(publicReplies(harness)).toEqual([`${ANSWER}\n\nBoleh minta alamat email kakak?`, `${ANSWER}\n\nKalau sudah sempat, boleh minta alamat email kakak?`]);
    harness.fake!.assertNoViolations();
  });

  it('captures custom attributes by pattern and by example, saved to the contact and the conversation', async () => {
    const harness = await start([
      lead({
        type: 'ask_for',
        fields: [],
        attributes: [
          { key: 'order_number', on: 'conversation', name: 'order number', pattern: '\\bINV-\\d{4,}\\b' },
          { key: 'company', on: 'contact', name: 'company', examples: ['PT Maju Jaya', 'CV Sentosa'] },
        ],
        tries: 3,
        fallback: 'continue',
      }),
    ]);
    await say(harness, 9151, 'I want to buy 200 shirts for our office');
    expect(publicReplies(harness)).toEqual([`${ANSWER}\n\nCould you share your order number and company?`]);
    harness.fake!.clearRequests();
    await say(harness, 9152, 'the order is inv-20931');
    expect(calls(harness.fake!)).toEqual([`GET ${CONV} user`, `POST ${CONV}/custom_attributes bot`, `POST ${CONV}/messages bot`]);
    expect(harness.fake!.requests[1]!.body).toEqual({ custom_attributes: { order_number: 'inv-20931' } });
    expect(publicReplies(harness).at(-1)).toBe('Thank you! Could you also share your company?');
    harness.fake!.clearRequests();
    await say(harness, 9153, 'we are pt maju jaya');
    expect(calls(harness.fake!)).toEqual([`PUT ${CONTACT} user`, `POST ${CONV}/messages bot`]);
    expect(harness.fake!.requests[0]!.body).toEqual({ custom_attributes: { company: 'PT Maju Jaya' } });
    expect(publicReplies(harness).at(-1)).toBe(THANKS);
    expect(harness.fake!.conversation(1, 42).customAttributes).toEqual({ order_number: 'inv-20931' });
    expect(harness.fake!.contact(1, 57).customAttributes).toMatchObject({ company: 'PT Maju Jaya' });
    harness.fake!.assertNoViolations();
  });
});
