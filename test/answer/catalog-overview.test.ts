// "jual apa aja kak?": which messages ask about the whole catalog, the index's product listing, and the reply that
// lists them (ten at most, then how many more).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogOverview } from '../../src/answer/catalog-overview.js';
import { asksForCatalog } from '../../src/dialogue/catalog-question.js';
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
