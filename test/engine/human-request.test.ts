// Asking for a human, in English and in the Indonesian customers actually write.
import { describe, expect, it } from 'vitest';
import { asksForHuman, complainsOfNoReply } from '../../src/rules/human-request.js';

const HUMAN = [
  'Can I talk to a human please?',
  'I want to speak with a real person',
  'connect me to an agent',
  'live agent',
  'mau bicara dengan CS',
  'minta admin',
  'saya mau ngobrol sama admin dong',
  'agen manusia',
  'bisa dihubungkan ke customer service?',
  'pengen chat sama orang asli',
  'bukan sama bot',
  'tolong hubungkan saya ke cs',
  'admin dong',
];

const NOT_HUMAN = [
  'Hi, I was charged twice for my April invoice.',
  'berapa lama pengiriman ke Surabaya?',
  'How do I return a shirt that does not fit?',
  'apakah bisa bayar pakai QRIS?',
  'Talk to me about your shipping times',
  'Is the admin fee included?',
];

describe('asksForHuman', () => {
  it.each(HUMAN)('hears a request for a human in %j', (text) => expect(asksForHuman(text)).toBe(true));
  it.each(NOT_HUMAN)('does not hear one in %j', (text) => expect(asksForHuman(text)).toBe(false));
});

// Nobody answering is a person's turn too, though the support hours share its words ("membalas chat").
const NO_REPLY = [
  'min ini gmn sih dari kemarin chat ga dibales2',
  'wa saya belum direspon dari pagi',
  'kok ga ada yg bales sih',
  'no one is answering my messages',
  'kok ga dibales',
  'knp blm direspon kak',
  'lama banget balesnya',
  "why aren't you replying?",
];
const ASKS_ABOUT_REPLIES = [
  'cs bales chat jam brp?',
  'hari minggu admin bales chat gak?',
  'when do you reply to emails?',
  'chat di luar jam kerja dibalas kapan?',
  'kok blm dikonfirmasi ya',
  'brp lama balasan email?',
];

describe('complainsOfNoReply', () => {
  it.each(NO_REPLY)('hears nobody answering in %j', (text) => expect(complainsOfNoReply(text)).toBe(true));
  it.each(ASKS_ABOUT_REPLIES)('not in a question about the support hours %j', (text) => expect(complainsOfNoReply(text)).toBe(false));
});
