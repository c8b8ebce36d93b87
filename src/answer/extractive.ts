// The offline answerer: a reply made only of sentences copied from the relevant passages. It picks the
// sentences that share most words with the customer's messages (earlier sentences and better passages
// win ties), keeps them in document order and fits them into the persona's reply length without
// cutting a word. It can never state a fact that is not in the passages; the only words of its own
// are a short lead-in such as "Berikut informasinya:".
import type { Language, Persona } from '../config/settings.js';
import { REPLY_LENGTHS } from '../config/settings.js';
import type { ScoredChunk } from '../knowledge/types.js';
import { contentStems, normalizeText, termGroups } from '../knowledge/text.js';

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
  /** How much of the question the sentence contains (rarity-weighted). */
  overlap: number;
  /** overlap plus the passage's score and a bonus for coming early. */
  score: number;
}

/** Sentences matching at least this share of the best sentence's overlap are part of the answer. */
const STRONG_MATCH = 0.6;

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
  // A link at the end stays clickable: no period glued to it.
  return /[.!?:;)"'’”]$/.test(sentence) || /https?:\/\/\S+$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(0, max - 1));
  const lastSpace = room.lastIndexOf(' ');
  const cut = (lastSpace > 0 ? room.slice(0, lastSpace) : room).replace(/[\s,;:–-]+$/, '');
  return `${cut}…`;
}

/**
 * Scores every sentence of the passages against the query: the query words it contains (a synonym
 * counts half), each weighted by how rare it is among these sentences, so "Surabaya" outweighs
 * "shipping" when every sentence is about shipping. Better passages and earlier sentences win ties.
 */
function scoreSentences(passages: readonly ScoredChunk[], query: string, dontMention: readonly string[]): Sentence[] {
  const groups = termGroups(query);
  const sentences: (Sentence & { terms: Set<string> })[] = [];
  passages.forEach((passage, passageRank) => {
    splitSentences(passage.text).forEach((text, position) => {
      if (dontMention.length > 0 && mentionsAny(text, dontMention)) return;
      sentences.push({ text, passageRank, position, score: 0, overlap: 0, terms: contentStems(text) });
    });
  });
  const matches = (terms: Set<string>, group: string[]): number => {
    if (group.some((term) => !term.startsWith('~') && terms.has(term))) return 1;
    return group.some((term) => terms.has(term)) ? 0.5 : 0;
  };
  const weights = groups.map((group) => {
    const frequency = sentences.filter((sentence) => matches(sentence.terms, group) > 0).length;
    return Math.log(1 + sentences.length / (1 + frequency));
  });
  const overlapOf = (terms: Set<string>): number => groups.reduce((sum, group, i) => sum + matches(terms, group) * weights[i]!, 0);
  // A section heading says what its sentences are about ("Estimasi lama pengiriman" over a list of
  // regions and days): its overlap counts for them at half weight.
  const headingOverlap = passages.map((passage) => overlapOf(contentStems(passage.metadata.heading ?? '')) / 2);
  for (const sentence of sentences) {
    const passage = passages[sentence.passageRank]!;
    sentence.overlap = overlapOf(sentence.terms) + headingOverlap[sentence.passageRank]!;
    sentence.score = sentence.overlap + passage.score + 0.3 / (1 + sentence.position) - 0.2 * sentence.passageRank;
  }
  return sentences.map(({ terms: _terms, ...sentence }) => sentence);
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

  const chosen = new Set<Sentence>([anchor]);
  const length = (): number => [...chosen].reduce((sum, sentence) => sum + terminated(sentence.text).length + 1, -1);
  const tryAdd = (sentence: Sentence | undefined): void => {
    if (sentence === undefined || chosen.has(sentence)) return;
    chosen.add(sentence);
    if (length() > max) chosen.delete(sentence);
  };
  const following = (sentence: Sentence): Sentence | undefined =>
    sentences.find((other) => other.passageRank === sentence.passageRank && other.position === sentence.position + 1);

  // 1. Other sentences of the same passage that answer the question about as well as the best one
  //    (another passage's sentence would lose its context: "Delivery takes 7–14 days" is international).
  for (const sentence of ranked) {
    if (sentence.passageRank === anchor.passageRank && anchor.overlap > 0 && sentence.overlap >= STRONG_MATCH * anchor.overlap) tryAdd(sentence);
  }
  // 2. While the reply is short: the sentences that follow the best one in its passage (its context)...
  for (let next = following(anchor); next !== undefined && length() < min; next = following(next)) tryAdd(next);
  // 3. ...then the remaining sentences that share any word with the question.
  for (const sentence of ranked) {
    if (length() >= min) break;
    if (sentence.overlap > 0) tryAdd(sentence);
  }

  const ordered = [...chosen].sort((a, b) => a.passageRank - b.passageRank || a.position - b.position);
  let body = ordered.map((sentence) => terminated(sentence.text)).join(' ');
  if (body.length > max) body = cutAtWord(body, max);
  const withLeadIn = `${LEAD_INS[input.language]} ${body}`;
  const text = withLeadIn.length <= max ? withLeadIn : body;
  const usedRanks = new Set(ordered.map((sentence) => sentence.passageRank));
  return { text, used: passages.filter((_, rank) => usedRanks.has(rank)) };
}
