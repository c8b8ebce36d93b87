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

/**
 * A measurement of the body or garment taken "around" or "along" one part ("lingkar pinggang", "panjang lengan",
 * "sleeve length", "waist"): the part named right after an Indonesian measure word or right before an English one.
 * The parts are the ones size charts measure (written for Jawab).
 */
// "lengan panjang" is a long sleeve, "panjang lengan" the sleeve's length.
const MEASURE_WORDS_BEFORE = new Set(['lingkar', 'panjang', 'lebar', 'tinggi']);
const MEASURE_WORDS_AFTER = new Set(['length', 'width', 'circumference', 'height']);
const BODY_PARTS = new Set(
  'dada pinggang pinggul panggul lengan bahu leher badan paha lutut kaki ketiak chest bust waist hip hips sleeve sleeves shoulder shoulders neck body thigh inseam armpit'.split(' '),
);

/** The parts of the body the question asks a measurement of ("lingkar pinggang" -> pinggang). */
function measuredParts(tokens: readonly string[]): string[] {
  return tokens.filter((token, at) => BODY_PARTS.has(token) && (MEASURE_WORDS_BEFORE.has(tokens[at - 1] ?? '') || MEASURE_WORDS_AFTER.has(tokens[at + 1] ?? '')));
}

/**
 * Whether the question asks a measurement the size chart among `passages` does not give ("lingkar pinggang ukuran M?"
 * against a chart of chest and body length): its nearest row holds other measurements, no answer to this one.
 */
export function asksMissingMeasure(query: string, passages: readonly ScoredChunk[]): boolean {
  const parts = measuredParts(tokenize(query));
  if (parts.length === 0) return false;
  const headers = passages.flatMap((passage) => {
    const row = readRow(passage.text);
    return row !== undefined && tokenize(row.key).some((token) => slotOf(token) === 'size') ? row.cells.map(([header]) => header) : [];
  });
  if (headers.length === 0) return false;
  const measured = new Set(headers.flatMap((header) => tokenize(header)));
  return parts.some((part) => !measured.has(part));
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
