// A question for a whole table gets its rows in order; one naming a row does not; the customer's language's twin wins.
import { describe, expect, it } from 'vitest';
import { asksWholeTable, wholeTable, wholeTableReply } from '../../src/answer/whole-table.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';

const chunk = (id: string, text: string, source: string, heading: string, position: number, language: 'id' | 'en'): ScoredChunk => ({
  id,
  text,
  score: 0.5,
  metadata: { source, title: source, heading, position, language },
});
const en = [
  chunk('en-text', 'Shirts come in S, M and L.', 'en/sizes.md', 'Size chart', 0, 'en'),
  chunk('en-m', 'M — chest: 102 cm', 'en/sizes.md', 'Size chart', 2, 'en'),
  chunk('en-s', 'S — chest: 96 cm', 'en/sizes.md', 'Size chart', 1, 'en'),
  chunk('en-l', 'L — chest: 108 cm', 'en/sizes.md', 'Size chart', 3, 'en'),
];
const id = [
  chunk('id-s', 'S — lingkar dada: 96 cm', 'id/ukuran.md', 'Panduan ukuran', 1, 'id'),
  chunk('id-m', 'M — lingkar dada: 102 cm', 'id/ukuran.md', 'Panduan ukuran', 2, 'id'),
  chunk('id-l', 'L — lingkar dada: 108 cm', 'id/ukuran.md', 'Panduan ukuran', 3, 'id'),
];
const ids = (rows: ScoredChunk[] | undefined) => rows?.map((row) => row.id);

describe('whole tables', () => {
  it('reads a question for a table by its words', () => {
    expect(asksWholeTable('size chart nya dong')).toBe(true);
    expect(asksWholeTable('minta tabel ukurannya kak')).toBe(true);
    expect(asksWholeTable('ongkir ke sby brp')).toBe(false);
  });

  it('lists the rows of the best passage\'s table in order, each once, and writes them a line each', () => {
    const rows = wholeTable(en[0]!, [...en, en[1]!], 'can I see the size chart?', 'en');
    expect(ids(rows)).toEqual(['en-s', 'en-m', 'en-l']);
    expect(wholeTableReply(rows!)).toBe('S — chest: 96 cm.\nM — chest: 102 cm.\nL — chest: 108 cm.');
  });

  it('takes the same table in the customer\'s language, and nothing when a row is named or there is no table', () => {
    expect(ids(wholeTable(en[0]!, [...en, ...id], 'size chart nya dong', 'id'))).toEqual(['id-s', 'id-m', 'id-l']);
    expect(wholeTable(en[0]!, en, 'size chart yg L brp', 'en')).toBeUndefined();
    expect(wholeTable(chunk('faq', 'Bisa.', 'id/faq.md', 'Reseller', 0, 'id'), en, 'daftar reseller gmn', 'id')).toBeUndefined();
  });
});
