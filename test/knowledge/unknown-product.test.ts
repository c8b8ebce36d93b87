import { describe, expect, it } from 'vitest';
import { asksForUnknownProduct } from '../../src/knowledge/unknown-product.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';

const NAMES = ['Kemeja Batik Parang Slim Fit', 'Kemeja Batik Mega Mendung', 'Dress Batik Kawung', 'Kain Batik Tulis Sogan', 'Sarung Batik Cap Lasem'];
const rows: ScoredChunk[] = NAMES.map((name, i) => ({
  id: `p${i}`,
  text: `${name}: batik — harga Rp 100.000`,
  score: 0.5,
  metadata: { source: 'produk.csv', title: 'produk', position: i, heading: name, product: { name, variants: [], currency: 'IDR', language: 'id' } },
}));
// The words the knowledge uses: the catalog's names and a few words of its pages.
const USED = new Set(['kemeja', 'batik', 'parang', 'slim', 'fit', 'mega', 'dung', 'mendung', 'dress', 'kawung', 'kain', 'tulis', 'sogan', 'sarung', 'cap', 'lasem', 'harga', 'lengan', 'pendek']);
const knows = (term: string) => USED.has(term);

describe('asksForUnknownProduct', () => {
  it('is a price or stock question about a product no row is', () => {
    // Two products' names mixed: the lasem is a batik cap, the batik tulis a sogan.
    expect(asksForUnknownProduct('harga batik tulis lasem brp', rows, knows)).toBe(true);
    expect(asksForUnknownProduct('how much is the batik tulis parang shirt', rows, knows)).toBe(true);
    // A name the knowledge never uses, right after the kind of product.
    expect(asksForUnknownProduct('harga kemeja sidomukti brp', rows, knows)).toBe(true);
    expect(asksForUnknownProduct('kemeja batik sidomukti ada?', rows, knows)).toBe(true);
  });

  it('is not a question about products the catalog has, one or several', () => {
    expect(asksForUnknownProduct('harga kemeja parang brp', rows, knows)).toBe(false);
    expect(asksForUnknownProduct('mega mendung shirt price', rows, knows)).toBe(false);
    expect(asksForUnknownProduct('harga kemeja parang sama dress kawung brp', rows, knows)).toBe(false);
    expect(asksForUnknownProduct('kemeja parang 2, sarung lasem 1, totalnya brp?', rows, knows)).toBe(false);
    expect(asksForUnknownProduct('kemeja lengan pendek ada?', rows, knows)).toBe(false);
    expect(asksForUnknownProduct('kemeja XL ada?', rows, knows)).toBe(false);
    // Who it is for, not which one: a word between the kind and the unknown word.
    expect(asksForUnknownProduct('mau pesan 15 pcs kemeja batik untuk karyawan, ada potongan harga?', rows, knows)).toBe(false);
    expect(asksForUnknownProduct('stok kain tulis sogan tinggal brp', rows, knows)).toBe(false);
    // One row found: its own name's words are no words shared by several.
    expect(asksForUnknownProduct('kain sogan brp meter ya?', [rows[3]!], knows)).toBe(false);
  });

  it('is not a question that asks neither a price nor stock, nor one without catalog rows', () => {
    expect(asksForUnknownProduct('kemeja sidomukti bahannya apa', rows, knows)).toBe(false);
    expect(asksForUnknownProduct('harga kemeja sidomukti brp', [], knows)).toBe(false);
  });
});
