// A product the customer already has is the context of a policy question, read without its name.
import { describe, expect, it } from 'vitest';
import { withoutProductName } from '../../src/knowledge/owned-product.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';

const row = { id: 'p', text: 'Kemeja Batik Mega Mendung — Rp 259.000', score: 0.4, metadata: { source: 'produk.csv', title: 'produk', product: { name: 'Kemeja Batik Mega Mendung' } } } as unknown as ScoredChunk;
const policy = { id: 'r', text: 'Barang dapat dikembalikan dalam 14 hari.', score: 0.3, metadata: { source: 'retur.md', title: 'Retur' } } as ScoredChunk;
const doesNotFit = () => false;

describe('withoutProductName', () => {
  it('reads a question about a product already bought without its name', () => {
    const strip = withoutProductName('beli kemeja mega mendung kmrn, ternyata kegedean, bisa dibalikin ga', [row, policy], doesNotFit);
    expect(strip?.('beli kemeja mega mendung kmrn, ternyata kegedean, bisa dibalikin ga')).toBe('beli kemarin ternyata kebesaran bisa dibalikin tidak');
    expect(withoutProductName("I bought the mega mendung shirt, can I swap it?", [row], doesNotFit)).toBeDefined();
  });

  it('leaves a product not yet bought, a row that fits, and a policy passage in the lead alone', () => {
    expect(withoutProductName('kemeja mega mendung warna apa aja', [row], doesNotFit)).toBeUndefined();
    expect(withoutProductName('beli kemeja mega mendung kmrn, harganya brp', [row], () => true)).toBeUndefined();
    expect(withoutProductName('beli kemeja mega mendung kmrn, bisa retur?', [policy, row], doesNotFit)).toBeUndefined();
  });
});
