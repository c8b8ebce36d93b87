// "lingkar dada 100 cm cocoknya size apa?": a size chart answers a body measurement with the smallest size that is at
// least as large (a garment must go around the body; charts advise "between two sizes, pick the larger one"), not
// with whichever row shares the most words with the question. The column is the one whose header the question names
// ("lingkar dada", "chest", "panjang badan"); rows are those keyed by a size (language/slots.ts).
import { slotOf } from '../language/slots.js';
import { readRow } from './table-row.js';
import { contentStems, tokenize } from './text.js';
import type { ScoredChunk } from './types.js';

/** A body measurement in the question: a number of two or three digits, in centimetres when a unit is given. */
const MEASURE = /(?<![\d.,])(\d{2,3})(?:[.,]\d+)?\s*(?:cm|centimeter|centimetre|senti)?(?![\d%]|\s*(?:kg|rb|ribu|k|jt|juta|hari|days?|pcs|potong)\b)/u;

/** The question gives a body measurement ("lingkar dada 110"): it asks for a size of its own. */
export function givesMeasure(query: string): boolean {
  return MEASURE.test(query);
}

/** The question's terms name a column by its header's own words ("lingkar dada"), not by a thesaurus concept. */
export function namesHeader(header: string, asked: ReadonlySet<string>): boolean {
  return [...contentStems(header)].some((term) => !term.startsWith('~') && asked.has(term));
}

/** The number a cell holds ("102 cm" -> 102). */
function cellNumber(value: string): number | undefined {
  const match = /(\d+(?:[.,]\d+)?)/.exec(value);
  return match === null ? undefined : Number(match[1]!.replace(',', '.'));
}

/** Whether a measurement is one a column's values could be: within their range widened by its own width on each side. */
function plausible(value: number, sizes: readonly number[]): boolean {
  const low = Math.min(...sizes);
  const high = Math.max(...sizes);
  const width = Math.max(high - low, high * 0.1);
  return value >= low - width && value <= high + width;
}

/**
 * The id of the size row that fits the question's measurement among `passages`, if the question gives one and names
 * a column of a size chart there. Above the largest size, the largest. A number no named column could hold is read in
 * the one column that could ("kalo 110?" after "panjangnya?" is a chest of 110 cm, not a body length of 110 cm).
 */
export function fittingSizeRow(query: string, passages: readonly ScoredChunk[]): string | undefined {
  const measure = MEASURE.exec(query);
  if (measure === null) return undefined;
  const value = Number(measure[1]);
  const asked = contentStems(query);
  /** header -> the size rows' values in that column */
  const columns = new Map<string, Array<{ id: string; size: number }>>();
  for (const passage of passages) {
    const row = readRow(passage.text);
    if (row === undefined || !tokenize(row.key).some((token) => slotOf(token) === 'size')) continue;
    for (const [header, cell] of row.cells) {
      const size = cellNumber(cell);
      if (size !== undefined) columns.set(header, [...(columns.get(header) ?? []), { id: passage.id, size }]);
    }
  }
  const named = [...columns.keys()].filter((header) => namesHeader(header, asked));
  if (named.length === 0) return undefined;
  const fits = (header: string) => plausible(value, columns.get(header)!.map((row) => row.size));
  const others = [...columns.keys()].filter((header) => !named.includes(header) && fits(header));
  const header = named.find(fits) ?? (others.length === 1 ? others[0]! : named[0]!);
  const rows = columns.get(header)!;
  const fitting = rows.filter((row) => row.size >= value).sort((a, b) => a.size - b.size)[0];
  return (fitting ?? [...rows].sort((a, b) => b.size - a.size)[0])!.id;
}
