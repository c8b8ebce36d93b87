// The offline answerer: a reply made only of sentences copied from the relevant passages. It picks the
// sentences that share most words with the customer's messages (earlier sentences and better passages
// win ties), keeps them in document order and fits them into the persona's reply length without
// cutting a word. It can never state a fact that is not in the passages; the only words of its own
// are a short lead-in such as "Berikut informasinya:".
import type { Language, Persona } from '../config/settings.js';
import { REPLY_LENGTHS } from '../config/settings.js';
import type { ScoredChunk } from '../knowledge/types.js';
import { contentStems, normalizeText } from '../knowledge/text.js';

export interface ExtractiveInput {
  /** Relevant passages, best first. */
  passages: readonly ScoredChunk[];
  /** What the customer asked (their messages, joined). */
  query: string;
  language: Language;
  replyLength: Persona['replyLength'];
  /** Sentences that mention any of these are never used. */
  dontMention?: readonly string[];
}

export interface ExtractiveAnswer {
  text: string;
  /** The passages the sentences came from. */
  used: ScoredChunk[];
}

export const LEAD_INS: Record<Language, string> = {
  id: 'Berikut informasinya:',
  en: 'Here is what I found:',
  ms: 'Berikut maklumatnya:',
  es: 'Esto es lo que encontré:',
  pt: 'Aqui está o que encontrei:',
};

/** A passage in another language is set aside when one in the reply language scores at least this share. */
const EQUIVALENT_SCORE = 0.8;

/** Abbreviations whose dot does not end a sentence ("Jl. Prawirotaman No. 27"). */
const ABBREVIATIONS = new Set(['jl', 'no', 'nr', 'mr', 'mrs', 'ms', 'dr', 'st', 'rp', 'tel', 'telp', 'dll', 'dsb', 'dst', 'eg', 'ie', 'etc', 'vs', 'approx', 'min', 'max', 'kec', 'kab', 'prov']);

interface Sentence {
  text: string;
  passageRank: number;
  position: number;
  score: number;
}

/** Markdown decoration removed, links kept as "text (url)". */
function plain(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, '$1 ($2)')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/^\s*>\s?/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The sentences of a passage, Markdown list items and lines counting as sentences of their own. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const rawLine of text.split('\n')) {
    // Headings and table rules are structure, not statements.
    if (/^\s*#{1,6}\s/.test(rawLine) || /^\s*\|?[\s:-]*\|[\s|:-]*$/.test(rawLine)) continue;
    const line = plain(rawLine);
    if (line.length === 0) continue;
    const pieces = line.split(/(?<=[.!?])\s+(?=["'(\p{Lu}\p{N}])/u);
    let current = '';
    for (const piece of pieces) {
      current = current.length === 0 ? piece : `${current} ${piece}`;
      const lastWord = /([\p{L}.]+)\.$/u.exec(current)?.[1]?.replace(/\./g, '').toLowerCase();
      if (lastWord !== undefined && ABBREVIATIONS.has(lastWord)) continue;
      sentences.push(current);
      current = '';
    }
    if (current.length > 0) sentences.push(current);
  }
  return sentences;
}

/** Passages in the reply language, unless only another language has a passage this good. */
export function preferLanguage(passages: readonly ScoredChunk[], language: Language): ScoredChunk[] {
  const best = passages[0];
  if (best === undefined) return [];
  const inLanguage = passages.filter((passage) => passage.metadata.language === language || passage.metadata.language === undefined);
  const bestInLanguage = inLanguage[0];
  if (bestInLanguage === undefined || bestInLanguage.score < EQUIVALENT_SCORE * best.score) return [...passages];
  return inLanguage;
}

function mentionsAny(text: string, items: readonly string[]): boolean {
  const normalized = normalizeText(text);
  return items.some((item) => item.trim().length > 0 && normalized.includes(normalizeText(item.trim())));
}

/** Ends a sentence with punctuation if the source did not (list items): joining stays readable. */
function terminated(sentence: string): string {
  return /[.!?:;)"'’”]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(0, max - 1));
  const lastSpace = room.lastIndexOf(' ');
  const cut = (lastSpace > 0 ? room.slice(0, lastSpace) : room).replace(/[\s,;:–-]+$/, '');
  return `${cut}…`;
}

function scoreSentences(passages: readonly ScoredChunk[], query: string, dontMention: readonly string[]): Sentence[] {
  const queryTerms = contentStems(query);
  const sentences: Sentence[] = [];
  passages.forEach((passage, passageRank) => {
    const headingTerms = contentStems(`${passage.metadata.heading ?? ''}`);
    const headingMatch = [...queryTerms].some((term) => headingTerms.has(term)) ? 0.5 : 0;
    splitSentences(passage.text).forEach((text, position) => {
      if (dontMention.length > 0 && mentionsAny(text, dontMention)) return;
      const terms = contentStems(text);
      let overlap = 0;
      for (const term of queryTerms) if (terms.has(term)) overlap += term.startsWith('~') ? 0.5 : 1;
      const score = overlap + headingMatch + passage.score + 0.3 / (1 + position) - 0.2 * passageRank;
      sentences.push({ text, passageRank, position, score: overlap > 0 || headingMatch > 0 ? score : score - 10 });
    });
  });
  return sentences;
}

/**
 * An extractive reply from the passages, or undefined when they hold no usable sentence
 * (all of them empty or mentioning a don't-mention item).
 */
export function extractiveAnswer(input: ExtractiveInput): ExtractiveAnswer | undefined {
  const { min, max } = REPLY_LENGTHS[input.replyLength];
  const passages = preferLanguage(input.passages, input.language);
  const sentences = scoreSentences(passages, input.query, input.dontMention ?? []);
  const ranked = [...sentences].sort((a, b) => b.score - a.score);
  const anchor = ranked[0];
  if (anchor === undefined) return undefined;

  const leadIn = LEAD_INS[input.language];
  const chosen = new Set<Sentence>([anchor]);
  const length = (set: Set<Sentence>): number =>
    [...set].reduce((sum, sentence) => sum + terminated(sentence.text).length + 1, -1);
  const tryAdd = (sentence: Sentence): void => {
    if (chosen.has(sentence)) return;
    chosen.add(sentence);
    if (length(chosen) > max) chosen.delete(sentence);
  };
  // More sentences that answer the question, best first...
  for (const sentence of ranked) if (sentence.score > 0) tryAdd(sentence);
  // ...then, if the reply is still short, the sentences right after the anchor (its context).
  for (const sentence of sentences) {
    if (length(chosen) >= min) break;
    if (sentence.passageRank === anchor.passageRank && sentence.position > anchor.position) tryAdd(sentence);
  }

  const ordered = [...chosen].sort((a, b) => a.passageRank - b.passageRank || a.position - b.position);
  let body = ordered.map((sentence) => terminated(sentence.text)).join(' ');
  if (body.length > max) body = cutAtWord(body, max);
  const withLeadIn = `${leadIn} ${body}`;
  const text = withLeadIn.length <= max ? withLeadIn : body;
  const usedRanks = new Set(ordered.map((sentence) => sentence.passageRank));
  return { text, used: passages.filter((_, rank) => usedRanks.has(rank)) };
}
