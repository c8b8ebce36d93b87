// The catalog filtered by a question's words, size and stock, and the reply: the products that match, else a plain
// "not in that size" / "sold out" with what there is.
import { describe, expect, it } from 'vitest';
import { filterProducts, productFilterReply } from '../../src/answer/product-filter.js';
import type { Product } from '../../src/knowledge/formats/catalog.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';

function product(name: string, fields: Partial<Product>): ScoredChunk {
  const item: Product = { name, variants: [], ...fields };
  return { id: name, text: name, score: 1, metadata: { source: 'produk.csv', title: 'produk', heading: name, position: 0, product: { ...item, currency: 'IDR', language: 'id' } } };
}

const PARANG = product('Kemeja Batik Parang', { price: 289000, variants: ['S', 'M', 'L', 'XL'], stock: 14, description: 'kemeja pria lengan panjang', link: 'https://shop.test/parang' });
const MEGA = product('Kemeja Batik Mega Mendung', { price: 259000, variants: ['M', 'L', 'XL', '2XL'], stock: 9, description: 'kemeja pria lengan pendek' });
const KAWUNG = product('Dress Batik Kawung', { price: 329000, variants: ['S', 'M', 'L'], stock: 6, link: 'https://shop.test/kawung' });
const TRUNTUM = product('Blus Batik Truntum', { price: 199000, variants: ['S', 'M', 'L', 'XL'], stock: 0 });
const KAIN = product('Kain Batik Tulis', { price: 1250000, variants: ['2 x 1,1 m'], stock: 3 });
const CATALOG = [PARANG, MEGA, KAWUNG, TRUNTUM, KAIN];
const names = (chunks: readonly ScoredChunk[]) => chunks.map((chunk) => chunk.metadata.product!.name);

describe('filterProducts', () => {
  it('keeps the products the words name that have the size (XXL is 2XL)', () => {
    const result = filterProducts(CATALOG, { words: ['kemeja'], size: 'XXL', inStock: false })!;
    expect(names(result.named)).toEqual(['Kemeja Batik Parang', 'Kemeja Batik Mega Mendung']);
    expect(names(result.matching)).toEqual(['Kemeja Batik Mega Mendung']);
  });

  it('matches a word through its synonym group ("shirts" names a kemeja)', () => {
    expect(names(filterProducts(CATALOG, { words: ['shirts'], size: 'S', inStock: false })!.matching)).toEqual(['Kemeja Batik Parang']);
  });

  it('keeps only products in stock when asked', () => {
    expect(names(filterProducts(CATALOG, { words: [], inStock: true })!.matching)).toEqual(['Kemeja Batik Parang', 'Kemeja Batik Mega Mendung', 'Dress Batik Kawung', 'Kain Batik Tulis']);
  });

  it('is no filter when the words name no product, or the products have no letter sizes', () => {
    expect(filterProducts(CATALOG, { words: ['masker'], size: 'L', inStock: false })).toBeUndefined();
    expect(filterProducts(CATALOG, { words: ['colours'], inStock: true })).toBeUndefined();
    expect(filterProducts([KAIN], { words: [], size: 'L', inStock: false })).toBeUndefined();
  });

  it('asks a size of the product just shown: none when it has the size (its line answers), else not available', () => {
    expect(filterProducts(CATALOG, { words: [], size: 'L', inStock: false }, KAWUNG)).toBeUndefined();
    const result = filterProducts(CATALOG, { words: [], size: 'XL', inStock: false }, KAWUNG)!;
    expect(result.ofTopic).toBe(true);
    expect(productFilterReply(result, 'id').text).toBe('Maaf kak, ukuran XL belum tersedia untuk Dress Batik Kawung. Yang ada:\nDress Batik Kawung — varian S, M, L — stok tersedia (6)');
  });
});

describe('lower prices', () => {
  it('lists the products priced below the one just shown, lowest first, or says it is the lowest', () => {
    const reply = productFilterReply(filterProducts(CATALOG, { words: [], inStock: false, cheaper: 'than' }, MEGA)!, 'id');
    expect(reply.text).toBe('Yang lebih murah dari Kemeja Batik Mega Mendung:\nBlus Batik Truntum — harga Rp\u00a0199.000 — varian S, M, L, XL — stok habis');
    expect(productFilterReply(filterProducts(CATALOG, { words: [], inStock: false, cheaper: 'than' }, TRUNTUM)!, 'en').text).toBe('Blus Batik Truntum is already our lowest price.');
  });

  it('lists the lowest prices of the products the words name, whatever was shown before', () => {
    const reply = productFilterReply(filterProducts(CATALOG, { words: ['kemeja'], inStock: false, cheaper: 'most' }, KAWUNG)!, 'en');
    expect(reply.text).toBe(
      ['Our lowest prices:', 'Kemeja Batik Mega Mendung — price Rp\u00a0259.000 — variants M, L, XL, 2XL — in stock (9)', 'Kemeja Batik Parang — price Rp\u00a0289.000 — variants S, M, L, XL — in stock (14)'].join('\n'),
    );
  });
});

describe('a price ceiling', () => {
  it('lists the products the words name priced at most the ceiling, lowest first', () => {
    const reply = productFilterReply(filterProducts(CATALOG, { words: [], inStock: false, under: 260000 })!, 'id');
    expect(reply.text).toBe(
      ['Yang harganya sampai Rp\u00a0260.000:', 'Blus Batik Truntum — harga Rp\u00a0199.000 — varian S, M, L, XL — stok habis', 'Kemeja Batik Mega Mendung — harga Rp\u00a0259.000 — varian M, L, XL, 2XL — stok tersedia (9)'].join('\n'),
    );
    expect(names(filterProducts(CATALOG, { words: [], inStock: true, under: 260000 })!.matching)).toEqual(['Kemeja Batik Mega Mendung']);
  });

  it('says none is that cheap and gives the lowest prices of what the words name; no filter when they name no product', () => {
    const reply = productFilterReply(filterProducts(CATALOG, { words: ['kemeja'], inStock: false, under: 250000 })!, 'en');
    expect(reply.text).toBe(
      ['Sorry, nothing is priced at Rp\u00a0250.000 or less. Our lowest prices:', 'Kemeja Batik Mega Mendung — price Rp\u00a0259.000 — variants M, L, XL, 2XL — in stock (9)', 'Kemeja Batik Parang — price Rp\u00a0289.000 — variants S, M, L, XL — in stock (14)'].join('\n'),
    );
    expect(filterProducts(CATALOG, { words: ['sepatu'], inStock: false, under: 250000 })).toBeUndefined();
  });
});

describe('productFilterReply', () => {
  it('lists the matching products with price, sizes and stock; one product with its link', () => {
    expect(productFilterReply(filterProducts(CATALOG, { words: ['kemeja'], size: 'XL', inStock: false })!, 'id').text).toBe(
      ['Ukuran XL ada untuk:', 'Kemeja Batik Parang — harga Rp\u00a0289.000 — varian S, M, L, XL — stok tersedia (14)', 'Kemeja Batik Mega Mendung — harga Rp\u00a0259.000 — varian M, L, XL, 2XL — stok tersedia (9)'].join('\n'),
    );
    expect(productFilterReply(filterProducts(CATALOG, { words: ['dress'], size: 'M', inStock: false })!, 'en').text).toBe(
      'We have size M in:\nDress Batik Kawung — price Rp\u00a0329.000 — variants S, M, L — in stock (6) — https://shop.test/kawung',
    );
  });

  it('says a size is not available for what was asked and lists what there is', () => {
    const reply = productFilterReply(filterProducts(CATALOG, { words: ['dress'], size: 'XL', inStock: false })!, 'en');
    expect(reply.text).toBe('Sorry, size XL is not available for dress. What we have:\nDress Batik Kawung — price Rp\u00a0329.000 — variants S, M, L — in stock (6) — https://shop.test/kawung');
    expect(names(reply.shown)).toEqual(['Dress Batik Kawung']);
  });

  it('says what is sold out without a line per product', () => {
    expect(productFilterReply(filterProducts(CATALOG, { words: ['blus'], inStock: true })!, 'id').text).toBe('Maaf kak, blus sedang habis.');
  });
});
