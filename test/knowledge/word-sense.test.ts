// What a question's phrases say it asks, and a passage that uses the question's word in another sense.
import { describe, expect, it } from 'vitest';
import { phraseMeanings, usesOtherSense } from '../../src/knowledge/word-sense.js';
import { sharedTerms } from '../../src/knowledge/retrieve.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';

const passage = (heading: string, text: string): ScoredChunk => ({ id: heading, text, score: 0.5, metadata: { source: 'x.md', title: '', heading } }) as ScoredChunk;

describe('phraseMeanings', () => {
  it('is the meaning of the phrase holding the question word, whatever else the question says', () => {
    expect(phraseMeanings('kapan barangnya dikirim')).toEqual(['~dispatch']);
    expect(phraseMeanings('kalo tf skrg jam 4 sore dikirim kapan kak')).toEqual(['~dispatch']);
  });

  it('is every phrase meaning when phrases make half the content words, none for a phrase in passing', () => {
    expect(phraseMeanings('kak saldo kepotong 2x buat 1 pesanan')).toContain('~chargedtwice');
    expect(phraseMeanings('kak aku mau refund udh 2 minggu blm masuk dananya')).toEqual([]);
  });
});

describe('usesOtherSense', () => {
  const returns = passage('Syarat pengembalian', 'Barang diskon, masker dan barang jahitan khusus tidak dapat dikembalikan, tetapi barang diskon boleh ditukar ukuran satu kali.');
  const wholesale = passage('Apakah bisa beli grosir?', 'Pembelian minimal 12 potong mendapat potongan 15%.');

  it('is a passage whose only use of the asked word is a phrase meaning something else', () => {
    expect(usesOtherSense('ada diskon?', sharedTerms)(returns)).toBe(true);
    expect(usesOtherSense('ada promo ga kak', sharedTerms)(returns)).toBe(true);
    expect(usesOtherSense('ada diskon?', sharedTerms)(wholesale)).toBe(false);
  });

  it('is nothing when the question says the phrase too', () => {
    expect(usesOtherSense('barang diskon bisa diretur?', sharedTerms)(returns)).toBe(false);
  });
});
