// "jual apa aja kak?": which messages ask about the whole catalog, the index's product listing, and the reply that
// lists them (ten at most, then how many more).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogOverview, ofKindsNamed } from '../../src/answer/catalog-overview.js';
import { asksForCatalog, kindListed } from '../../src/dialogue/catalog-question.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { OfflineEmbeddings } from '../../src/knowledge/offline-embeddings.js';

describe('asksForCatalog', () => {
  it.each([
    'jual apa aja kak?',
    'ada produk apa aja?',
    'produknya apa aja min',
    'apa aja yg dijual kak',
    'kak minta pricelist dong',
    'katalognya dong kak',
    'what products do you sell?',
    'what do you sell',
    'send me your catalog',
  ])('%s: the whole catalog', (text) => expect(asksForCatalog(text)).toBe(true));

  it.each([
    'jual masker batik gk kak',
    'do you sell batik shoes or bags?',
    'harga kemeja parang brp',
    'reseller dapet foto katalog gk buat jualan',
    'barang apa aja yg bisa diretur?',
    'are your products handmade?',
  ])('%s: not the whole catalog', (text) => expect(asksForCatalog(text)).toBe(false));
});

describe('a list of some kind of product', () => {
  it.each([
    ['jual dress apa aja kak', 'dress'],
    ['kemeja apa saja yg ready?', 'kemeja'],
    ['ada kain batik apa aja?', 'kain batik'],
    ['what shirts do you have?', 'shirts'],
    ['which dresses do you have?', 'dresses'],
    // The kind before "ada", with the word that narrows it (the answerer lists the kind).
    ['kemeja cowok ada apa aja?', 'kemeja cowok'],
    ['kemeja ada apa aja', 'kemeja'],
    // A kind alone after "ada" / "do you have", nothing but politeness after it.
    ['kak ada kemeja gk?', 'kemeja'],
    ['do you have shirts?', 'shirts'],
    // A list of sizes: the answerer finds no kind of product in "ukuran".
    ['dress kawung ada ukuran apa aja', 'ukuran'],
  ])('%s: a list of %s', (text, thing) => expect(kindListed(text)).toBe(thing));
  it.each(['barang apa aja yg bisa diretur?', 'jual apa aja kak?', 'harga kemeja parang brp', 'ada kemeja parang?'])('%s: no list of a kind', (text) => expect(kindListed(text)).toBeUndefined());

  const row = (name: string): ScoredChunk => ({ id: name, text: name, score: 1, metadata: { source: 'produk.csv', title: 'produk', position: 0, product: { name, variants: [], currency: 'IDR', language: 'id' } } });
  const catalog = ['Kemeja Batik Parang', 'Dress Batik Kawung', 'Kemeja Batik Mega Mendung', 'Kain Batik Tulis'].map(row);
  it('keeps the products whose names start with a kind the question names, in any language; none when it names none', () => {
    const names = (question: string) => ofKindsNamed(question, catalog).map((chunk) => chunk.id);
    expect(names("I'm looking for a batik shirt for a wedding, what do you have?")).toEqual(['Kemeja Batik Parang', 'Kemeja Batik Mega Mendung']);
    expect(names('jual dress apa aja kak')).toEqual(['Dress Batik Kawung']);
    expect(names('ada pembayaran apa aja?')).toEqual([]);
    expect(names('jual batik apa aja')).toEqual([]);
  });
});

describe('the catalog listed', () => {
  let dataDir: string;
  let index: KnowledgeIndex;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'jawab-catalog-'));
    const folder = join(dataDir, 'knowledge');
    await mkdir(folder);
    const rows = Array.from({ length: 12 }, (_, i) => `Kemeja ${i + 1},${(i + 1) * 10000},"S, M",${i}`);
    await writeFile(join(folder, 'produk.csv'), `nama,harga,ukuran,stok\n${rows.join('\n')}\n`);
    await writeFile(join(folder, 'faq.md'), '# Pengiriman\n\nKami mengirim dari Yogyakarta setiap hari kerja.\n');
    const embeddings = new OfflineEmbeddings();
    index = await KnowledgeIndex.open({ dataDir: join(dataDir, 'index'), embeddings, embeddingsId: embeddings.id });
    await index.syncFolder('shop', folder);
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('holds the product rows, in catalog order, only within the sources asked for', async () => {
    const products = await index.products();
    expect(products.map((chunk) => chunk.metadata.product?.name)).toEqual(Array.from({ length: 12 }, (_, i) => `Kemeja ${i + 1}`));
    expect(await index.products(new Set(['shop']))).toHaveLength(12);
    expect(await index.products(new Set(['elsewhere']))).toEqual([]);
  });

  it('lists ten with their price in the reply language, then how many more', async () => {
    const products = await index.products();
    expect(catalogOverview(products, 'id').split('\n')).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `Kemeja ${i + 1} — harga Rp\u00a0${(i + 1) * 10}.000`),
      '…dan 2 produk lainnya.',
    ]);
    expect(catalogOverview(products.slice(0, 2), 'en')).toBe('Kemeja 1 — price Rp\u00a010.000\nKemeja 2 — price Rp\u00a020.000');
  });
});
