// `$contact.*` in the company's fixed texts, end to end against the fake Chatwoot: what the customer and the agent
// receive is filled from the contact of the webhook, and a contact without the value gets tidy text, never a raw
// variable. (Idle and follow-up messages: test/rules/timers.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../src/config/settings.js';
import { defaultSettings } from '../../src/config/settings.js';
import { flowSchema } from '../../src/config/settings-rules.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The fixture's contact, Maria Silva (custom attribute plan: pro), and a WhatsApp-like one: her number as the name, nothing else. */
const MARIA = undefined;
const NAMELESS = { name: '+351912345678', email: null, custom_attributes: {} };

async function converse(profile: Partial<Profile>, contact: typeof NAMELESS | undefined, texts: string[]): Promise<Harness> {
  h = await startHarness({ profile, answerer: fixedAnswerer('Here you go.') });
  for (const [i, text] of texts.entries()) {
    await h.deliver(customerMessage({ id: 9600 + i, text, contact }));
    await h.settle();
  }
  h.fake!.assertNoViolations();
  return h;
}

const sent = (harness: Harness, isPrivate = false) =>
  harness.fake!.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot' && m.private === isPrivate).map((m) => m.content);

describe('contact variables in fixed texts', () => {
  const greetingRule: Partial<Profile> = {
    rules: [
      {
        name: 'greeting',
        enabled: true,
        match: 'all',
        conditions: [{ type: 'contains', value: 'text', text: 'halo' }],
        actions: [
          { type: 'send_message', text: 'Halo kak $contact.firstname! Paket $contact.plan Anda aktif.' },
          { type: 'private_note', text: 'Greeted $contact.name ($contact.email).' },
        ],
      },
    ],
  };

  it.each([
    [MARIA, 'Halo kak Maria! Paket pro Anda aktif.', 'Greeted Maria Silva (maria.silva@example.com).'],
    [NAMELESS, 'Halo kak! Paket Anda aktif.', 'Greeted.'],
  ])('a rule message and a rule note (%o)', async (contact, message, note) => {
    const harness = await converse(greetingRule, contact, ['Halo, saya mau tanya']);
    expect(sent(harness)).toEqual([message]);
    expect(sent(harness, true)).toEqual([note]);
  });

  it.each([
    [MARIA, 'Thanks Maria, a colleague will reply here shortly.'],
    [NAMELESS, 'Thanks, a colleague will reply here shortly.'],
  ])('the handover message, and the note shows no variable (%o)', async (contact, message) => {
    const profile = { handoff: { ...defaultSettings().defaultProfile.handoff, message: 'Thanks $contact.firstname, a colleague will reply here shortly.' } };
    const harness = await converse(profile, contact, ['Can I talk to a human please?']);
    expect(sent(harness)).toEqual([message]);
    expect(sent(harness, true).join('\n')).not.toContain('$contact');
  });

  it.each([
    [MARIA, 'Hi Maria, we are closed now. We reply from 9:00.'],
    [NAMELESS, 'Hi, we are closed now. We reply from 9:00.'],
  ])('the out-of-hours message (%o)', async (contact, message) => {
    const defaults = defaultSettings().defaultProfile;
    const profile = {
      handoff: { ...defaults.handoff, outOfHoursMessage: 'Hi $contact.firstname, we are closed now. We reply from 9:00.' },
      businessHours: { ...defaults.businessHours, enabled: true, weekly: {} },
    };
    const harness = await converse(profile, contact, ['Can I talk to a human please?']);
    expect(sent(harness)).toEqual([message]);
  });

  const flow = flowSchema.parse({
    enabled: true,
    start: 'welcome',
    steps: {
      welcome: { type: 'actions', actions: [{ type: 'send_message', text: 'Selamat datang $contact.firstname.' }], next: 'menu' },
      menu: {
        type: 'buttons',
        text: 'Ada yang bisa dibantu, $contact.firstname?',
        buttons: [
          { title: 'Paket $contact.plan', next: 'plan' },
          { title: 'Lainnya', next: 'ai' },
        ],
      },
      plan: { type: 'actions', actions: [{ type: 'send_message', text: '$contact.firstname, paket Anda diperpanjang otomatis.' }], next: 'end' },
      end: { type: 'end', to: 'ai', skipLastAiAnswer: true },
      ai: { type: 'end', to: 'ai' },
    },
  });

  it.each([
    [MARIA, ['Selamat datang Maria.', 'Ada yang bisa dibantu, Maria?', 'Maria, paket Anda diperpanjang otomatis.'], ['Paket pro', 'Lainnya'], 'paket pro'],
    [NAMELESS, ['Selamat datang.', 'Ada yang bisa dibantu?', 'Paket Anda diperpanjang otomatis.'], ['Paket', 'Lainnya'], 'paket'],
  ])('flow messages and button titles, and a typed title as the customer saw it (%o)', async (contact, messages, titles, typed) => {
    const harness = await converse({ flow }, contact, ['Halo', typed]);
    expect(sent(harness)).toEqual(messages);
    const menu = harness.fake!.conversation(1, 42).messages.find((m) => m.content === messages[1]);
    expect(menu?.contentAttributes).toEqual({ jawab_action: '3-42:2', items: titles.map((title, i) => ({ title, value: String(i) })) });
  });

  it('a message held until the name is given is filled with the name just given', async () => {
    const profile: Partial<Profile> = {
      rules: [
        {
          name: 'order',
          enabled: true,
          match: 'all',
          conditions: [{ type: 'wants', value: 'buy' }],
          actions: [
            { type: 'ask_for', fields: ['name'], attributes: [], tries: 3, fallback: 'continue' },
            { type: 'send_message', text: 'Terima kasih $contact.firstname, pesanan segera kami proses.' },
          ],
        },
      ],
    };
    const harness = await converse(profile, NAMELESS, ['Saya mau beli kemeja batik', 'Nama saya Budi Hartono']);
    expect(sent(harness)).toEqual(['Here you go.\n\nBoleh minta nama Anda?', 'Terima kasih Budi, pesanan segera kami proses.']);
    expect(harness.fake!.contact(1, 57).name).toBe('Budi Hartono');
  });
});
