// Asking for a human, in English and in the Indonesian customers actually write.
import { describe, expect, it } from 'vitest';
import { asksForHuman } from '../../src/rules/human-request.js';

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
