// Splits a loaded document into chunks for the index, one fact each, so that an answer quotes the fact asked about
// and not the whole page around it:
// - headings split first: a chunk never straddles two sections, and knows its heading (the context of a list of
//   regions and days, of a table);
// - a table becomes one chunk per row that carries its header ("Surabaya — ongkos kirim per kg: Rp 19.000; lama
//   pengiriman: 2 hari kerja"), so a row answers alone;
// - a section whose heading is a question (an FAQ) is one chunk: the answer to that question;
// - a list of statements or of "name: value" items (a contact list) gives one chunk per item; a numbered list (steps)
//   or a list of short names stays one chunk with the sentence that introduces it;
// - a paragraph is a chunk; a very long one is cut by RecursiveCharacterTextSplitter at sentence and word boundaries.
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { Language } from '../config/settings.js';
import { detectLanguage } from './detect-language.js';
import type { LoadedFile } from './loader.js';
import { CELL_END, ROW_KEY_END } from './table-row.js';
import type { ChunkMetadata } from './types.js';

export interface Chunk {
  /** The passage as stored and shown: the fact itself, without its heading line. */
  text: string;
  /** What is embedded: title and heading in front, so a short passage keeps its topic. */
  embedText: string;
  metadata: ChunkMetadata;
}

export const CHUNK_SIZE = 800;
export const CHUNK_OVERLAP = 100;

const splitter = RecursiveCharacterTextSplitter.fromLanguage('markdown', {
  chunkSize: CHUNK_SIZE,
  chunkOverlap: CHUNK_OVERLAP,
});

interface Section {
  heading: string | undefined;
  body: string;
}

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const LIST_ITEM = /^\s*(?:[-*+]|(\d+)[.)])\s+/;
const TABLE_LINE = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
/** Items of a list shorter than this (in words) are a list of names, kept together, unless they are "name: value". */
const STATEMENT_WORDS = 4;
const NAME_VALUE = /^[^:]{1,40}:\s*\S/;

/** Cuts Markdown at its headings. Headings inside fenced code blocks are text, not headings. */
export function splitSections(text: string, title: string): Section[] {
  const sections: Section[] = [];
  let heading: string | undefined;
  let lines: string[] = [];
  let inFence = false;
  const flush = (): void => {
    const body = lines.join('\n').trim();
    if (body.length > 0) sections.push({ heading, body });
    lines = [];
  };
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : HEADING.exec(line);
    if (match === null) {
      lines.push(line);
      continue;
    }
    flush();
    const text = (match[2] ?? '').replace(/[*_`]/g, '').trim();
    // The document's own title heading adds nothing to metadata.title.
    heading = text === title ? undefined : text;
  }
  flush();
  return sections;
}

type Block = { kind: 'paragraph'; lines: string[] } | { kind: 'list'; ordered: boolean; items: string[] } | { kind: 'table'; rows: string[][] };

/** The cells of a Markdown table line, trimmed ("| a | b |" -> ["a", "b"]). */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** A section's body as paragraphs, lists and tables (blank lines and block kinds separate them). */
export function blocksOf(body: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  const close = (): void => {
    if (current !== undefined) blocks.push(current);
    current = undefined;
  };
  for (const line of body.split('\n')) {
    if (line.trim() === '') {
      // A blank line ends a paragraph; a list or a table may go on after one.
      if (current?.kind === 'paragraph') close();
      continue;
    }
    if (TABLE_LINE.test(line)) {
      if (current?.kind !== 'table') close();
      current ??= { kind: 'table', rows: [] };
      if (current.kind === 'table' && !TABLE_RULE.test(line)) current.rows.push(cells(line));
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item !== null) {
      const ordered = item[1] !== undefined;
      if (current?.kind !== 'list' || current.ordered !== ordered) close();
      current ??= { kind: 'list', ordered, items: [] };
      if (current.kind === 'list') current.items.push(line.trim());
      continue;
    }
    // An indented line goes on with the list item above it; anything else starts or continues a paragraph.
    if (current?.kind === 'list' && /^\s{2,}\S/.test(line)) {
      current.items[current.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    if (current?.kind !== 'paragraph') close();
    current ??= { kind: 'paragraph', lines: [] };
    if (current.kind === 'paragraph') current.lines.push(line);
  }
  close();
  return blocks;
}

/** "Ongkos kirim per kg" -> "ongkos kirim per kg" inside a sentence; "JNE REG" and "QRIS" keep their case. */
function inSentence(header: string): string {
  return /^\p{Lu}\p{Ll}/u.test(header) ? header[0]!.toLowerCase() + header.slice(1) : header;
}

/**
 * One line per data row, each carrying the header: "Surabaya — ongkos kirim per kg: Rp 19.000; lama pengiriman:
 * 2 hari kerja". A table without a header row of text (a single row) reads its cells in order.
 */
export function tableRows(rows: readonly string[][]): string[] {
  const [header, ...data] = rows;
  if (header === undefined) return [];
  if (data.length === 0) return [header.filter(Boolean).join(', ')];
  return data
    .map((row) => {
      const [first = '', ...rest] = row;
      const pairs = rest.flatMap((cell, i) => {
        const name = header[i + 1]?.trim() ?? '';
        if (cell === '') return [];
        return [name === '' ? cell : `${inSentence(name)}: ${cell}`];
      });
      return pairs.length === 0 ? first : `${first}${ROW_KEY_END}${pairs.join(CELL_END)}`;
    })
    .filter((line) => line.trim() !== '');
}

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** A paragraph that is one short line with no sentence end: a title in a plain-text file. */
function isTitleLine(block: Extract<Block, { kind: 'paragraph' }>): boolean {
  const line = block.lines[0]?.trim() ?? '';
  return block.lines.length === 1 && line.length <= 80 && !/[.!?:;,]$/.test(line);
}

/** The facts of a section: its text cut into the units described at the top of this file. */
export function unitsOf(section: Section): string[] {
  // An FAQ entry answers its heading's question: all of it is the answer.
  if (section.heading?.trim().endsWith('?') && section.body.length <= CHUNK_SIZE) return [section.body];
  const units: string[] = [];
  const blocks = blocksOf(section.body);
  let carried: string | undefined;
  blocks.forEach((block, i) => {
    if (block.kind === 'table') {
      const rows = tableRows(block.rows);
      if (carried !== undefined && rows.length) rows[0] = `${carried}\n${rows[0]}`;
      carried = undefined;
      units.push(...rows);
      return;
    }
    if (block.kind === 'paragraph') {
      const next = blocks[i + 1];
      // "We accept:" introduces the list after it, which then carries it (below).
      if (next?.kind === 'list' && /:\s*$/.test(block.lines.at(-1) ?? '')) return;
      const text = [carried, block.lines.join('\n')].filter((part) => part !== undefined).join('\n');
      carried = undefined;
      // A lone short line without a full stop ("Opening hours" in a text file) titles what follows.
      if (next !== undefined && isTitleLine(block)) carried = text;
      else units.push(text);
      return;
    }
    const previous = blocks[i - 1];
    const intro = previous?.kind === 'paragraph' && /:\s*$/.test(previous.lines.at(-1) ?? '') ? previous.lines.join('\n') : undefined;
    const facts = block.items.map((item) => item.replace(LIST_ITEM, ''));
    const statements = !block.ordered && facts.length > 1 && (facts.every((fact) => words(fact) >= STATEMENT_WORDS) || facts.every((fact) => NAME_VALUE.test(fact)));
    const title = carried;
    carried = undefined;
    if (statements && intro === undefined) units.push(...block.items.map((item, n) => (n === 0 && title !== undefined ? `${title}\n${item}` : item)));
    else units.push([title, intro, ...block.items].filter((line) => line !== undefined).join('\n'));
  });
  if (carried !== undefined) units.push(carried);
  return units;
}

/**
 * A chunk is in its document's language unless it reads clearly as another: Indonesian and Malay share too many words
 * for a short passage to tell them apart ("Di mana nomor resi saya" reads Malay), so that pair follows the document.
 */
function chunkLanguage(detected: Language | undefined, documentLanguage: Language | undefined): Language | undefined {
  if (detected === undefined) return documentLanguage;
  const malayPair = (language: Language | undefined): boolean => language === 'id' || language === 'ms';
  return malayPair(detected) && malayPair(documentLanguage) ? documentLanguage : detected;
}

export async function chunkDocument(file: LoadedFile): Promise<Chunk[]> {
  const documentLanguage = detectLanguage(file.text);
  const chunks: Chunk[] = [];
  for (const section of splitSections(file.text, file.title)) {
    for (const unit of unitsOf(section)) {
      const pieces = unit.length > CHUNK_SIZE ? await splitter.splitText(unit) : [unit];
      for (const piece of pieces) {
        const text = piece.trim();
        // A link's bare address or a lone symbol ("/") is no fact.
        if (!/[\p{L}\p{N}]{2}/u.test(text.replace(/https?:\/\/\S+/g, ''))) continue;
        const language = chunkLanguage(detectLanguage(`${section.heading ?? ''} ${text}`), documentLanguage);
        const metadata: ChunkMetadata = { source: file.path, title: file.title, position: chunks.length };
        if (section.heading !== undefined) metadata.heading = section.heading;
        const product = file.catalog?.products.find((candidate) => candidate.name === section.heading);
        if (product !== undefined && file.catalog !== undefined) metadata.product = { ...product, ...file.catalog.options };
        if (language !== undefined) metadata.language = language;
        const embedText = [file.title, section.heading, text].filter((part) => part !== undefined).join('\n');
        chunks.push({ text, embedText, metadata });
      }
    }
  }
  return chunks;
}
