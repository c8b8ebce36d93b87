import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csvCatalog, jsonCatalog, parsePrice } from '../../src/knowledge/formats/catalog.js';
import { loadKnowledgeFolder, parseFile } from '../../src/knowledge/loader.js';
import { chunkDocument } from '../../src/knowledge/chunker.js';
import { extractiveAnswer } from '../../src/answer/extractive.js';
import { makeDocx, makePdf } from '../helpers/documents.js';

let root: string | undefined;
afterEach(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

const IDR = { currency: 'IDR', language: 'id' } as const;

describe('PDF and DOCX', () => {
  it('reads the text of a PDF and of a DOCX, keeping DOCX headings', async () => {
    const pdf = await parseFile('guide.pdf', makePdf(['Returns are accepted within 14 days.', 'Refunds take 3 to 7 working days.']));
    expect(pdf.file.format).toBe('pdf');
    expect(pdf.file.title).toBe('guide');
    expect(pdf.file.text).toContain('Returns are accepted within 14 days.');
    expect(pdf.file.text).toContain('Refunds take 3 to 7 working days.');

    const docx = await parseFile('care.docx', makeDocx([['Heading1', 'Washing batik'], 'Wash by hand in cold water & mild soap.']));
    expect(docx.file).toMatchObject({ format: 'docx', title: 'Washing batik', text: '# Washing batik\n\nWash by hand in cold water & mild soap.' });
  });

  it('reports an unreadable PDF and DOCX with a reason and loads the other files', async () => {
    root = await mkdtemp(join(tmpdir(), 'jawab-formats-'));
    await writeFile(join(root, 'broken.pdf'), 'this is not a PDF at all');
    await writeFile(join(root, 'broken.docx'), 'nor a Word file');
    await writeFile(join(root, 'ok.md'), '# Fine\n\nStill indexed.');
    const { files, errors } = await loadKnowledgeFolder(root);
    expect(files.map((file) => file.path)).toEqual(['ok.md']);
    expect(errors.map((error) => error.path)).toEqual(['broken.docx', 'broken.pdf']);
    expect(errors[0]?.reason).toMatch(/^unreadable DOCX/);
    expect(errors[1]?.reason).toMatch(/^unreadable PDF/);
  });
});

describe('product catalogs', () => {
  it('turns CSV rows into one section per product with price in the account currency, variants, stock and link', () => {
    const csv = 'name,price,sizes,stock,link,description\nKemeja Parang,250000,"S, M, L",12,https://shop.test/parang,kemeja batik formal untuk kondangan\nTas Kawung,"Rp 175.000",,0,https://shop.test/kawung,\n';
    const { text, warnings } = csvCatalog(csv, IDR);
    expect(warnings).toEqual([]);
    expect(text).toBe(
      '## Kemeja Parang\n\nKemeja Parang: kemeja batik formal untuk kondangan — harga Rp\u00a0250.000 — varian S, M, L — stok tersedia (12) — https://shop.test/parang\n\n' +
        '## Tas Kawung\n\nTas Kawung — harga Rp\u00a0175.000 — stok habis — https://shop.test/kawung',
    );
    expect(csvCatalog('name,price\nShirt,19.99\n', { currency: 'USD', language: 'en' }).text).toContain('Shirt — price $19.99');
  });

  it('reports a broken row by its number and keeps the rest', async () => {
    root = await mkdtemp(join(tmpdir(), 'jawab-catalog-'));
    const csv = ['nama,harga,stok', 'Kemeja Parang,250000,12', 'Rusak,"abc",3', 'Kolom,1,2,3', ',1000,1', 'Selendang,90000,4'].join('\n');
    await writeFile(join(root, 'produk.csv'), csv);
    const { files, errors } = await loadKnowledgeFolder(root);
    expect(files).toHaveLength(1);
    expect(files[0]?.text).toContain('Kemeja Parang');
    expect(files[0]?.text).toContain('Selendang');
    expect(files[0]?.text).not.toContain('Rusak');
    expect(errors).toEqual([
      { path: 'produk.csv', reason: 'row 3: price "abc" is not a number' },
      { path: 'produk.csv', reason: 'row 4: 4 columns, the header has 3' },
      { path: 'produk.csv', reason: 'row 5: no product name' },
    ]);
  });

  it('reads a JSON catalog and reports broken items', () => {
    const json = JSON.stringify({ products: [{ name: 'Sarung', price: 120000, variants: ['merah', 'biru'], stock: 3 }, { price: 1 }, 'x'] });
    const { text, warnings } = jsonCatalog(json, IDR);
    expect(text).toBe('## Sarung\n\nSarung — harga Rp\u00a0120.000 — varian merah, biru — stok tersedia (3)');
    expect(warnings).toEqual(['item 2: no product name', 'item 3: not an object']);
    expect(() => jsonCatalog('{"x":1}', IDR)).toThrow('a JSON catalog is an array of products');
  });

  it('parses prices written with thousands separators or decimals', () => {
    expect([parsePrice('250.000'), parsePrice('1,250,000'), parsePrice('19.99'), parsePrice('19,5'), parsePrice('Rp 75.000'), parsePrice('abc')]).toEqual([
      250000, 1250000, 19.99, 19.5, 75000, undefined,
    ]);
  });
});

describe('catalog products in the customer language', () => {
  it('keeps each product with its chunk, and writes it out with labels in the reply language', async () => {
    const csv = 'nama,harga,ukuran,stok,link\nDress Kawung,329000,"S, M, L",0,https://toko.test/kawung\n';
    const { file } = await parseFile('produk.csv', Buffer.from(csv), { catalog: { currency: 'IDR', language: 'id' } });
    const [chunk] = await chunkDocument(file);
    // Intl writes a no-break space after the currency symbol.
    expect(chunk!.text.replace(/\u00a0/g, ' ')).toBe('Dress Kawung — harga Rp 329.000 — varian S, M, L — stok habis — https://toko.test/kawung');
    const passage = { id: 'p', text: chunk!.text, score: 0.9, metadata: chunk!.metadata };
    expect(extractiveAnswer({ passages: [passage], query: 'kawung dress price', language: 'en', replyLength: 'medium' })?.text.replace(/\u00a0/g, ' ')).toBe(
      'Dress Kawung — price Rp 329.000 — variants S, M, L — out of stock — https://toko.test/kawung',
    );
  });
});
