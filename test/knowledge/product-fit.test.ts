// A catalog row answers what it says (name, description, price, variants, stock, link) and nothing else: a question
// about the product asking anything more goes to a person, whatever the retrieval score of the row.
import { describe, expect, it } from 'vitest';
import { asksOnlyAttribute, productFits } from '../../src/knowledge/product-fit.js';
import { passagesFitting } from '../../src/knowledge/retrieve.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';

const row = (text: string, name: string): ScoredChunk => ({
  id: name,
  text,
  score: 0.6,
  metadata: { source: 'produk.csv', title: 'produk', position: 0, heading: name, product: { name, variants: [], currency: 'IDR', language: 'id' } },
});
const PARANG = row(
  'Kemeja Batik Parang Slim Fit: kemeja pria lengan panjang batik cap motif parang — harga Rp 289.000 — varian S, M, L, XL — stok tersedia (14) — https://batiksekar.id/p/kemeja-parang',
  'Kemeja Batik Parang Slim Fit',
);
const SOGAN = row(
  'Kain Batik Tulis Sogan: kain batik tulis pewarna alam motif sogan — harga Rp 1.250.000 — varian 2 x 1,1 m — stok tersedia (3) — https://batiksekar.id/p/kain-tulis-sogan',
  'Kain Batik Tulis Sogan',
);
const PAGE: ScoredChunk = { id: 'care', text: 'Cuci batik dengan tangan memakai air dingin.', score: 0.6, metadata: { source: 'id/perawatan.md', title: 'Perawatan', position: 0, heading: 'Merawat batik' } };

describe('a catalog row answers only what it says', () => {
  it.each([
    ['harga kemeja parang brp kak', PARANG],
    ['kemeja parang ada size xxl gk', PARANG],
    ['linknya dong kemeja parang', PARANG],
    ['is the parang shirt long sleeve', PARANG],
    ['how much is the parang shirt', PARANG],
    ['stok kemeja parang tinggal brp', PARANG],
    ['kemeja parang itu batik tulis atau cap?', PARANG],
    // Chat's "or": "X apa Y?".
    ['kemeja parang lengan panjang apa pendek', PARANG],
    ['how much is the sogan hand drawn cloth', SOGAN],
    ['kain sogan pewarnanya alami?', SOGAN],
    ['kain sogan ukurannya brp meter', SOGAN],
    // A photo's description under the question says what the photo shows, not what is asked.
    ['ready kak?\nKemeja batik parang warna biru, label ukuran XL.', PARANG],
  ])('"%s" is answered by its row', (question, passage) => {
    expect(productFits(question)(passage)).toBe(true);
  });

  it.each([
    ['kemeja parang bahannya katun ya?', PARANG],
    ['kemeja parang kapan restock', PARANG],
    ['does the parang shirt come in regular fit', PARANG],
    ['kemeja parang bisa dipermak?', PARANG],
    ['send me more photos of the parang shirt', PARANG],
    ['kain batik cap sogan harganya', SOGAN],
    ['bahannya katun?\nKemeja batik parang warna biru.', PARANG],
  ])('"%s" is not', (question, passage) => {
    expect(productFits(question)(passage)).toBe(false);
  });

  it('leaves other passages to the thresholds', () => {
    expect(productFits('kemeja parang bahannya katun ya?')(PAGE)).toBe(true);
  });

  it('judges the customer’s own words when the query also carries the topic’s', () => {
    // "harganya?" after "kemeja parang bisa nego?": the row answers the price, not the haggling asked before.
    const merged = 'Kemeja Batik Parang Slim Fit kemeja parang bisa nego? harganya?';
    expect(passagesFitting(merged)(PARANG)).toBe(false);
    expect(passagesFitting(merged, 'harganya?')(PARANG)).toBe(true);
  });
});

describe('asksOnlyAttribute', () => {
  it('is a question about what a product is made of or looks like, and nothing else', () => {
    expect(asksOnlyAttribute('warna apa aja?')).toBe(true);
    expect(asksOnlyAttribute('bahannya apa kak?')).toBe(true);
    expect(asksOnlyAttribute('what material is it?')).toBe(true);
    expect(asksOnlyAttribute('warna luntur gimana?')).toBe(false);
    expect(asksOnlyAttribute('cara nyucinya gmn?')).toBe(false);
  });
});
