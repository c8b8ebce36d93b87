// The total of the products and quantities a message names, at the catalog's prices, each line shown.
import { describe, expect, it } from 'vitest';
import { asksTotal, orderLines, orderTotalReply } from '../../src/answer/order-total.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';

const product = (name: string, price?: number): ScoredChunk => ({
  id: name,
  text: name,
  score: 0.5,
  metadata: { source: 'produk.csv', title: 'produk', position: 0, product: { name, variants: [], currency: 'IDR', language: 'id', ...(price === undefined ? {} : { price }) } },
});
const PARANG = product('Kemeja Batik Parang Slim Fit', 289_000);
const MEGA = product('Kemeja Batik Mega Mendung', 259_000);
const KAWUNG = product('Dress Batik Kawung', 329_000);
const CATALOG = [PARANG, MEGA, KAWUNG, product('Kain Batik Tulis Sogan')];
const read = (question: string, topic?: ScoredChunk) => orderLines(question, CATALOG, topic)?.map((line) => `${line.quantity} ${line.product.id}`);

describe('asksTotal', () => {
  it.each([
    ['kalau beli 2 kemeja parang sama 1 dress kawung totalnya berapa?', true],
    ['total jadi berapa kak', true],
    ['how much altogether?', true],
    ['kemeja parang berapa?', false],
    ['totalnya sudah saya transfer', false],
  ])('%s: %s', (question, asks) => expect(asksTotal(question)).toBe(asks));
});

describe('orderLines', () => {
  it('reads each product by the words of its name the others lack, with the quantity beside it', () => {
    expect(read('kalau beli 2 kemeja parang sama 1 dress kawung totalnya berapa?')).toEqual(['2 Kemeja Batik Parang Slim Fit', '1 Dress Batik Kawung']);
    expect(read('3x mega mendung + kawung total berapa')).toEqual(['3 Kemeja Batik Mega Mendung', '1 Dress Batik Kawung']);
    expect(read('how much altogether for 2 mega mendung shirts and the kawung dress?')).toEqual(['2 Kemeja Batik Mega Mendung', '1 Dress Batik Kawung']);
  });

  it('counts the product just shown when only a quantity is given', () => {
    expect(read('kalau 3 totalnya berapa?', PARANG)).toEqual(['3 Kemeja Batik Parang Slim Fit']);
    expect(read('kalau 3 totalnya berapa?')).toBeUndefined();
  });

  it('reads nothing for a name two products share, a product without a price, or a size', () => {
    expect(read('total 2 kemeja berapa?')).toBeUndefined();
    expect(read('total 2 kain tulis sogan berapa')).toBeUndefined();
    expect(read('lingkar dada 100 cm totalnya berapa', PARANG)).toBeUndefined();
  });
});

describe('orderTotalReply', () => {
  it('shows each line and the sum, at catalog prices and before shipping, in the customer’s language', () => {
    const lines = orderLines('2 kemeja parang sama 1 dress kawung totalnya berapa', CATALOG)!;
    // Intl writes "Rp" and the amount with a no-break space between them.
    const reply = (language: 'id' | 'en') => orderTotalReply(lines, language).replace(/\u00a0/g, ' ');
    expect(reply('id')).toBe(
      '2 × Kemeja Batik Parang Slim Fit @ Rp 289.000 = Rp 578.000\n1 × Dress Batik Kawung @ Rp 329.000 = Rp 329.000\nTotal Rp 907.000 dengan harga katalog, belum termasuk ongkos kirim.',
    );
    expect(reply('en').split('\n').at(-1)).toBe('Total Rp 907.000 at catalogue prices, before shipping.');
  });
});
