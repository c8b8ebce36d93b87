// A shipping price asked of no town, when the rates are a row per town: where to?
import { describe, expect, it } from 'vitest';
import { asksPriceOfNoPlace, whichPlaceReply } from '../../src/answer/which-place.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';

const chunk = (text: string): ScoredChunk => ({ id: text, text, score: 0.5, metadata: { source: 'ongkir.md', title: 'Ongkir', position: 0 } });
const solo = chunk('Solo — ongkos kirim per kg: Rp 11.000; lama pengiriman: 1–2 hari kerja');
const sizeRow = chunk('M — lingkar dada: 102 cm');
const text = chunk('Ongkos kirim dihitung saat checkout.');

describe('asksPriceOfNoPlace', () => {
  it('is a price naming no place when a town\'s row ranks first', () => {
    expect(asksPriceOfNoPlace('ongkirnya brp?', [solo, text])).toBe(true);
    expect(asksPriceOfNoPlace('how much is shipping?', [solo])).toBe(true);
  });

  it('is not a question naming a place, asking no price, or finding no town\'s row first', () => {
    expect(asksPriceOfNoPlace('ongkir ke sby brp', [solo])).toBe(false);
    expect(asksPriceOfNoPlace('brp lama nyampenya', [solo])).toBe(false);
    expect(asksPriceOfNoPlace('ongkirnya brp?', [text, solo])).toBe(false);
    expect(asksPriceOfNoPlace('harga ukuran M brp', [sizeRow])).toBe(false);
  });

  it('asks in the customer\'s language', () => {
    expect(whichPlaceReply('id')).toBe('Dikirim ke kota mana, kak? Sebutkan kotanya ya, nanti saya cek ongkirnya.');
    expect(whichPlaceReply('en')).toBe('Where should it be sent? Tell me the town or city and I will check the shipping cost.');
  });
});
