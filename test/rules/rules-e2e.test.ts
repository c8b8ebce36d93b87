// Rules through the whole engine against the fake Chatwoot (every request checked against the OpenAPI spec):
// conditions from the classifier and exact checks, actions in a sensible order, details saved to the contact.
import { afterEach, describe, expect, it } from 'vitest';
import type { Rule } from '../../src/config/settings-rules.js';
import type { Profile } from '../../src/config/settings.js';
import { defaultSettings } from '../../src/config/settings.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { calls, type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

const CONV = '/api/v1/accounts/1/conversations/42';
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(profile: Partial<Profile>): Promise<Harness> {
  h = await startHarness({ profile, answerer: fixedAnswerer('Our shop opens at 9.') });
  return h;
}

const rule = (r: Partial<Rule> & Pick<Rule, 'conditions' | 'actions'>): Rule => ({ name: 'r', enabled: true, match: 'all', ...r });
const botMessages = (harness: Harness) => harness.fake!.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot');

describe('rules end to end', () => {
  it('asks for the email first, saves it to the contact when given, and only then thanks', async () => {
    const harness = await start({
      rules: [
        rule({
          name: 'lead',
          conditions: [{ type: 'wants', value: 'buy' }],
          actions: [{ type: 'send_message', text: 'Thank you! Our sales team will email you today.' }, { type: 'ask_for', fields: ['email'], attributes: [], tries: 3, fallback: 'continue' }],
        }),
      ],
    });
    await harness.deliver(customerMessage({ id: 9001, text: 'I want to buy the blue batik shirt', contact: { email: null } }));
    await harness.settle();
    expect(botMessages(harness).map((m) => m.content)).toEqual(['Our shop opens at 9.\n\nCould you share your email address?']);

    harness.fake!.clearRequests();
    await harness.deliver(customerMessage({ id: 9002, text: 'sure, it is maria@example.com', contact: { email: null } }));
    await harness.settle();
    // The contact is updated with the administrator token (PUT, as in the spec) before the thank-you goes out.
    expect(calls(harness.fake!)).toEqual(['PUT /api/v1/accounts/1/contacts/57 user', `POST ${CONV}/messages bot`]);
    expect(harness.fake!.requests[0]!.body).toEqual({ email: 'maria@example.com' });
    expect(harness.fake!.contact(1, 57).email).toBe('maria@example.com');
    expect(botMessages(harness).at(-1)!.content).toBe('Thank you! Our sales team will email you today.');
    harness.fake!.assertNoViolations();
  });

  it('replies first, then labels, priority, attributes and a note, and resolves last', async () => {
    const harness = await start({
      rules: [
        rule({
          name: 'refund',
          match: 'any',
          conditions: [{ type: 'wants', value: 'refund' }, { type: 'contains', value: 'text', text: 'money back' }],
          actions: [
            { type: 'resolve' },
            { type: 'add_labels', labels: ['refund'] },
            { type: 'set_priority', priority: 'high' },
            { type: 'set_conversation_attribute', key: 'topic', value: 'refund' },
            { type: 'reply_with_info', text: 'Refunds take 3 working days.' },
          ],
        }),
        rule({ name: 'note', conditions: [{ type: 'sentiment', value: 'frustrated' }], actions: [{ type: 'private_note', text: 'Careful: upset customer.' }] }),
      ],
    });
    // An attribute set by someone else survives: Chatwoot replaces the whole set, so Jawab merges.
    harness.fake!.seedConversation(1, 42, { customAttributes: { order: 'INV-7' } });
    await harness.deliver(customerMessage({ id: 9010, text: 'This is ridiculous, I want a refund!!' }));
    await harness.settle();
    expect(calls(harness.fake!)).toEqual([
      `POST ${CONV}/messages bot`,
      `GET ${CONV}/labels user`,
      `POST ${CONV}/labels user`,
      `POST ${CONV}/toggle_priority bot`,
      `GET ${CONV} user`,
      `POST ${CONV}/custom_attributes bot`,
      `POST ${CONV}/messages bot`,
      `POST ${CONV}/toggle_status bot`,
    ]);
    const conv = harness.fake!.conversation(1, 42);
    expect(conv.messages.map((m) => [m.content, m.private])).toEqual([
      ['Our shop opens at 9.\n\nRefunds take 3 working days.', false],
      ['Careful: upset customer.', true],
    ]);
    expect(conv).toMatchObject({ labels: ['refund'], priority: 'high', status: 'resolved', customAttributes: { order: 'INV-7', topic: 'refund' } });
    const state = (await harness.jawab.store.read('3-42'))!.state!;
    expect(state.resolvedByBotAt).toBeTypeOf('number');
    expect(state.lastAnswer?.why).toContain('rules: refund, note');
    harness.fake!.assertNoViolations();
  });

  it('sends the exact message instead of an answer, and leaves out what must not be mentioned', async () => {
    const harness = await start({
      rules: [
        rule({ name: 'hello', conditions: [{ type: 'contains', value: 'greeting' }], actions: [{ type: 'send_message', text: 'Halo! Ada yang bisa kami bantu?' }] }),
        rule({ name: 'price', conditions: [{ type: 'asks_about', value: 'price' }], actions: [{ type: 'dont_mention', text: 'opens at 9' }, { type: 'bring_up_topic', topic: 'free shipping over Rp 300.000.', mode: 'always' }] }),
      ],
    });
    await harness.deliver(customerMessage({ id: 9020, text: 'Selamat pagi' }));
    await harness.settle();
    await harness.deliver(customerMessage({ id: 9021, text: 'How much is the silk scarf?' }));
    await harness.settle();
    expect(botMessages(harness).map((m) => m.content)).toEqual(['Halo! Ada yang bisa kami bantu?', 'By the way: free shipping over Rp 300.000.']);
    harness.fake!.assertNoViolations();
  });

  it('a rule hands off last, to the team it names, after its other actions', async () => {
    const harness = await start({
      rules: [rule({ name: 'vip', conditions: [{ type: 'contains', value: 'text', text: 'corporate order' }], actions: [{ type: 'handoff', to: { strategy: 'team', teamId: 2 } }, { type: 'add_labels', labels: ['b2b'] }] })],
    });
    await harness.deliver(customerMessage({ id: 9030, text: 'Hello, we want to place a corporate order of 200 shirts' }));
    await harness.settle();
    expect(calls(harness.fake!)).toEqual([
      `GET ${CONV}/labels user`,
      `POST ${CONV}/labels user`,
      `POST ${CONV}/messages bot`,
      `POST ${CONV}/messages bot`,
      `GET ${CONV}/labels user`,
      `POST ${CONV}/labels user`,
      `POST ${CONV}/assignments bot`,
      `POST ${CONV}/toggle_status bot`,
      `GET ${CONV} user`,
      `POST ${CONV}/custom_attributes bot`,
    ]);
    expect(harness.fake!.requests[1]!.body).toEqual({ labels: ['b2b'] });
    expect(harness.fake!.requests[5]!.body).toEqual({ labels: ['b2b', 'jawab-handoff'] });
    expect(harness.fake!.requests[6]!.body).toEqual({ team_id: 2 });
    const note = harness.fake!.conversation(1, 42).messages.find((m) => m.private)!.content;
    expect(note).toContain('Diserahkan ke tim: sebuah aturan meneruskan percakapan seperti ini ke tim (“vip”).');
    expect((await harness.jawab.store.read('3-42'))!.state!.owner).toBe('human');
    harness.fake!.assertNoViolations();
  });

  it('a rule that hands off keeps its labels, priority and note, in the documented order, the handoff last', async () => {
    const harness = await start({
      rules: [
        rule({
          name: 'refund',
          conditions: [{ type: 'contains', value: 'text', text: 'refund' }],
          actions: [
            { type: 'add_labels', labels: ['refund'] },
            { type: 'set_priority', priority: 'urgent' },
            { type: 'private_note', text: 'Refund requested: check the order before replying.' },
            { type: 'handoff' },
          ],
        }),
      ],
    });
    await harness.deliver(customerMessage({ id: 9031, text: 'I want a refund for order 5521' }));
    await harness.settle();
    const requests = harness.fake!.requests.filter((r) => r.method !== 'GET');
    expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', `${CONV}/labels`, { labels: ['refund'] }],
      ['POST', `${CONV}/toggle_priority`, { priority: 'urgent' }],
      ['POST', `${CONV}/messages`, { content: 'Refund requested: check the order before replying.', message_type: 'outgoing', private: true, content_attributes: { jawab_action: '3-42:3' } }],
      ['POST', `${CONV}/messages`, expect.objectContaining({ content: 'I am passing you to a member of our team now. They will reply here shortly.', private: false })],
      ['POST', `${CONV}/messages`, expect.objectContaining({ private: true, content: expect.stringContaining('Diserahkan ke tim: sebuah aturan meneruskan percakapan seperti ini ke tim (“refund”).') })],
      ['POST', `${CONV}/labels`, { labels: ['refund', 'jawab-handoff'] }],
      ['POST', `${CONV}/assignments`, expect.anything()],
      ['POST', `${CONV}/toggle_status`, { status: 'open' }],
      ['POST', `${CONV}/custom_attributes`, { custom_attributes: { jawab_owner: 'human' } }],
    ]);
    harness.fake!.assertNoViolations();
  });

  it('hands off on a chosen sentiment and after N bot replies', async () => {
    const harness = await start({ handoff: { ...defaultSettings().defaultProfile.handoff, onSentiments: ['sad'], afterBotReplies: 2 } });
    await harness.deliver(customerMessage({ id: 9040, text: 'What are your opening hours?' }));
    await harness.settle();
    await harness.deliver(customerMessage({ id: 9041, text: 'And on Sunday?' }));
    await harness.settle();
    await harness.deliver(customerMessage({ id: 9042, text: 'And on holidays?' }));
    await harness.settle();
    const state = (await harness.jawab.store.read('3-42'))!.state!;
    expect(state.owner).toBe('human');
    expect(state.audit.find((a) => a.what === 'handoff')?.why).toBe('the bot replied several times without resolving it (2 replies)');
  });

  it('hands off a sad customer with an out-of-hours message outside business hours', async () => {
    const closed = { enabled: true, timeZone: 'Asia/Jakarta', weekly: {} };
    const harness = await start({
      handoff: { ...defaultSettings().defaultProfile.handoff, onSentiments: ['sad'], outOfHoursMessage: 'We are closed now; an agent replies tomorrow from 9:00.' },
      businessHours: closed,
    });
    await harness.deliver(customerMessage({ id: 9050, text: 'I am really disappointed, my order arrived broken' }));
    await harness.settle();
    const messages = harness.fake!.conversation(1, 42).messages;
    expect(messages[0]!.content).toBe('We are closed now; an agent replies tomorrow from 9:00.');
    expect(messages[1]!.content).toContain('Diserahkan ke tim: pelanggan tampak sedih.');
    harness.fake!.assertNoViolations();
  });
});
