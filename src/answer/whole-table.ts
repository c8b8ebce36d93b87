// "size chart nya dong", "tabel ongkirnya ada kak?", "can I see the size chart?": a question for a table as a whole.
// Each row is a chunk of its own (knowledge/chunker.ts), so the best passage is one row (the first, S) or the text
// above the table, while the customer asked for all of them: the rows of the table the best passage belongs to, in the
// table's order, one line each. A question naming one row ("size chart yg L") is about that row.
import { readRow } from '../knowledge/table-row.js';
import { tokenize } from '../knowledge/text.js';
import type { ScoredChunk } from '../knowledge/types.js';

/** Words that ask for a whole table, after tokenize. */
const WHOLE = new Set('chart tabel table daftar list lengkap lengkapnya guide panduan'.split(' '));

/** The most rows one reply lists: a chat message, not a spreadsheet. */
export const MOST_ROWS = 15;

export function asksWholeTable(question: string): boolean {
  return tokenize(question).some((token) => WHOLE.has(token));
}

/** The rows among `found` of the table `passage` belongs to (the same page and heading), each once, in the table's order. */
function rowsOfTable(passage: ScoredChunk, found: readonly ScoredChunk[]): ScoredChunk[] {
  const sameTable = (other: ScoredChunk) => other.metadata.source === passage.metadata.source && other.metadata.heading === passage.metadata.heading;
  const rows = found.filter((other) => sameTable(other) && readRow(other.text) !== undefined);
  return [...new Map(rows.map((row) => [row.id, row])).values()].sort((a, b) => a.metadata.position - b.metadata.position);
}

const keysOf = (rows: readonly ScoredChunk[]): string => rows.map((row) => readRow(row.text)!.key).join('\n');

/**
 * The rows of the table `best` belongs to among `found`, in the table's order, or undefined when there is no such table
 * or the question names one of its rows. The same table in the customer's `language` (the same row keys on that
 * language's page) is preferred: "size chart nya dong" finds the English "Size chart" by its heading.
 */
export function wholeTable(best: ScoredChunk, found: readonly ScoredChunk[], question: string, language?: string): ScoredChunk[] | undefined {
  let rows = rowsOfTable(best, found);
  if (rows.length < 2) return undefined;
  const words = new Set(tokenize(question));
  if (rows.some((row) => tokenize(readRow(row.text)!.key).every((word) => words.has(word)))) return undefined;
  if (language !== undefined && best.metadata.language !== language) {
    const twin = found.find((passage) => passage.metadata.language === language && readRow(passage.text) !== undefined && keysOf(rowsOfTable(passage, found)) === keysOf(rows));
    if (twin !== undefined) rows = rowsOfTable(twin, found);
  }
  return rows.slice(0, MOST_ROWS);
}

/** The rows as chat lines. */
export function wholeTableReply(rows: readonly ScoredChunk[]): string {
  return rows.map((row) => (/[.!?]$/.test(row.text) ? row.text : `${row.text}.`)).join('\n');
}
