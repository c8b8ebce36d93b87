// The playground's "what: why" lines in the page's language, from the engine's reason codes.
import { describe, expect, it } from 'vitest';
import { whyText } from '../../src/engine/why.js';
import { explainDecision } from '../../src/web/ui/why-text.js';

describe('why lines', () => {
  it('say an answer, small talk, a file, a hand-off and the rules that fired in Indonesian', () => {
    expect(explainDecision('id', { what: 'reply', why: '', because: { code: 'answered', params: { mode: 'offline' }, rules: ['ongkir', 'vip'] } })).toBe(
      'Balasan: dijawab dari pengetahuan (offline); aturan: ongkir, vip',
    );
    expect(explainDecision('id', { what: 'quiet', why: '', because: { code: 'small_talk_quiet', params: { act: 'ack' } } })).toBe('Tidak perlu dibalas: obrolan ringan (tanda setuju): tidak perlu dibalas');
    expect(explainDecision('id', { what: 'media', why: '', because: { code: 'media', params: { kind: 'audio' } } })).toBe(
      'File: pelanggan mengirim pesan suara yang tidak bisa dibaca Jawab: diminta mengetik pertanyaannya',
    );
    expect(explainDecision('id', { what: 'handoff', why: '', because: { code: 'handoff', reason: 'lookup', detail: 'INV-2291' } })).toBe('Dialihkan: Perlu dicek (nomor pesanan, bukti transfer) (INV-2291)');
    expect(explainDecision('id', { what: 'rules', why: '', because: { code: 'rules', params: { rules: 'vip' }, rules: ['vip'] } })).toBe('Aturan: aturan: vip');
  });

  it('in English says what the audit log says, with the act and the file kind in words', () => {
    const because = { code: 'answered', params: { mode: 'offline' }, rules: ['ongkir'] } as const;
    expect(explainDecision('en', { what: 'reply', why: whyText(because), because })).toBe(`Reply: ${whyText(because)}`);
    expect(whyText(because)).toBe('answered from knowledge (offline); rules: ongkir');
    expect(explainDecision('en', { what: 'small talk', why: '', because: { code: 'small_talk', params: { act: 'greeting', mode: 'offline' } } })).toBe('Small talk: small talk (greeting, offline)');
  });

  it('shows the sentence as sent when a decision has no code', () => {
    expect(explainDecision('id', { what: 'something new', why: 'because' })).toBe('something new: because');
  });
});
