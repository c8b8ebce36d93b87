// A body measurement picks the size row that fits it: the smallest size at least as large, in the column the question
// names; rows are read back as the chunker wrote them.
import { describe, expect, it } from 'vitest';
import { asksMissingMeasure, fittingSizeRow } from '../../src/knowledge/measurement.js';
import { readRow } from '../../src/knowledge/table-row.js';
import { tableRows } from '../../src/knowledge/chunker.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';

const chart = tableRows([
  ['Ukuran', 'Lingkar dada', 'Panjang badan'],
  ['S', '96 cm', '68 cm'],
  ['M', '102 cm', '70 cm'],
  ['L', '108 cm', '72 cm'],
  ['XXL', '120 cm', '76 cm'],
]);
const passages: ScoredChunk[] = chart.map((text, i) => ({ id: `row-${i}`, text, score: 0.5, metadata: { source: 'ukuran.md', title: 'Ukuran', position: i } }));
const sizeOf = (id: string | undefined) => readRow(passages.find((passage) => passage.id === id)?.text ?? '')?.key;

describe('readRow', () => {
  it('reads back the key and the header/value pairs the chunker wrote, and nothing else', () => {
    expect(readRow(chart[1]!)).toEqual({ key: 'M', cells: [['lingkar dada', '102 cm'], ['panjang badan', '70 cm']] });
    expect(readRow('Kemeja Batik Parang: kemeja pria — harga Rp 289.000 — varian S, M')).toBeUndefined();
    expect(readRow('Ongkos kirim dihitung saat checkout.')).toBeUndefined();
  });
});

describe('fittingSizeRow', () => {
  it('takes the smallest size at least as large as the measurement, in the column the question names', () => {
    expect(sizeOf(fittingSizeRow('lingkar dada 100 cm cocoknya size apa', passages))).toBe('M');
    expect(sizeOf(fittingSizeRow('lingkar dada aku 102 pake ukuran apa', passages))).toBe('M');
    expect(sizeOf(fittingSizeRow('lingkar dada 103cm', passages))).toBe('L');
    expect(sizeOf(fittingSizeRow('panjang badan 71 cm ukuran apa', passages))).toBe('L');
    expect(sizeOf(fittingSizeRow('lingkar dada 90', passages))).toBe('S');
  });

  it('above the largest size answers with the largest, so the customer sees how far it goes', () => {
    expect(sizeOf(fittingSizeRow('lingkar dada 125 ada?', passages))).toBe('XXL');
    expect(sizeOf(fittingSizeRow('panjang badan 80', passages))).toBe('XXL');
  });

  it('reads a number no named column could hold in the one column that could (a topic named the other)', () => {
    // After "panjangnya?" the query still names the body length; 110 cm is a chest, not a body length.
    expect(sizeOf(fittingSizeRow('ukuran L panjang badan kalo 110?', passages))).toBe('XXL');
    expect(sizeOf(fittingSizeRow('ukuran L panjang badan kalo 104?', passages))).toBe('L');
    expect(sizeOf(fittingSizeRow('ukuran L panjang badan kalo 69?', passages))).toBe('M');
  });

  it('chooses nothing without a measurement, without a column the question names, or for amounts and days', () => {
    expect(fittingSizeRow('ukuran apa aja yang ada', passages)).toBeUndefined();
    expect(fittingSizeRow('aku tinggi 170 cocoknya ukuran apa', passages)).toBeUndefined();
    expect(fittingSizeRow('lingkar dada ukuran 100rb?', passages)).toBeUndefined();
  });
});

describe('asksMissingMeasure', () => {
  it('is a measurement of a part of the body the size chart does not give', () => {
    expect(asksMissingMeasure('lingkar pinggang utk ukuran M brp', passages)).toBe(true);
    expect(asksMissingMeasure('panjang lengan kemeja ukuran L brp', passages)).toBe(true);
    expect(asksMissingMeasure('what is the sleeve length of an L', passages)).toBe(true);
  });

  it('is not one the chart gives, a long or short sleeve, or a question without a chart', () => {
    expect(asksMissingMeasure('lingkar dada ukuran M brp', passages)).toBe(false);
    expect(asksMissingMeasure('panjang badan XL?', passages)).toBe(false);
    expect(asksMissingMeasure('kemeja lengan panjang ukuran L ada?', passages)).toBe(false);
    expect(asksMissingMeasure('lingkar pinggang utk ukuran M brp', [])).toBe(false);
  });
});
