// Retrieval with a calibrated "nothing relevant" decision. Jawab must say "I don't know" and hand off
// rather than answer "what is the capital of France?" from a batik shop's shipping page, so a passage
// counts only when all of these hold:
// - its hybrid score (index's mix of cosine similarity and IDF-weighted word coverage) >= minScore;
// - it covers at least minCoverage of the query's IDF-weighted words (when the index reports coverage);
// - it shares at least one content word with the query, after stopword removal and stemming
//   (synonym groups count: "package" shares with "parcel").
//
// Calibration (offline embeddings, the sample knowledge in knowledge/, 58 chunks; measured with 36
// in-scope questions in English and Indonesian and 24 out-of-scope ones, best passage each):
// - in scope: score 0.336 .. 0.866 (median ~0.66), coverage 0.559 .. 1.0. Lowest: "my parcel hasn't
//   arrived yet" 0.336 / 0.588, "where is my package" 0.396 / 0.75, "nomor whatsapp toko" 0.417 / 0.559.
// - out of scope: 16 of 24 share no content word at all (score <= 0.08). The others: "cuaca di jakarta
//   hari ini" 0.378 / 0.493, "berapa harga bitcoin hari ini" 0.287 / 0.396, "tolong buatkan puisi"
//   0.267 / 0.399, "how many days until christmas" 0.241 / 0.289, "jadwal kereta ke surabaya"
//   0.198 / 0.249, "best hotel in yogyakarta" 0.180 / 0.169.
// So minScore 0.30 sits between 0.287 and 0.336, and minCoverage 0.5 removes the one off-topic
// question that mentions a city the shop ships to.
// A paraphrase that shares the topic but few words ("can I swap it for a bigger one" for a page on size
// exchanges) covers little of itself; it still counts when its cosine similarity alone is high:
// minSimilarity 0.40. On the shipped eval set (test/eval/) the best off-topic passage reaches 0.32 and
// such paraphrases 0.45-0.55. With OpenAI embeddings the same defaults apply
// (the coverage half of the score does not depend on the model) but were not measured here.
import type { Language } from '../config/settings.js';
import { contentStems } from './text.js';
import type { ScoredChunk, SearchableIndex } from './types.js';

export interface RetrieveOptions {
  /** Passages to return (default 4). */
  k?: number;
  /** Minimum hybrid score of a relevant passage (default 0.30). */
  minScore?: number;
  /** Minimum share of the query's weighted words a relevant passage must contain (default 0.5)... */
  minCoverage?: number;
  /** ...unless its cosine similarity reaches this (default 0.40). */
  minSimilarity?: number;
  /** The reply language: passages in it rank ahead of near-equal ones in other languages. */
  language?: Language;
  /** Only these sources (the profile's enabled ones); all when absent. */
  sources?: ReadonlySet<string>;
}

export interface Retrieval {
  /** Relevant passages, best first; when none is relevant, the best candidates that were looked at. */
  passages: ScoredChunk[];
  relevant: boolean;
}

export const DEFAULT_RETRIEVE = { k: 4, minScore: 0.3, minCoverage: 0.5, minSimilarity: 0.4 } as const;

/** How much a passage in the reply language is preferred when ranking (not when judging relevance). */
const LANGUAGE_PREFERENCE = 0.05;

/** The content words (stems and synonym groups) the query and the passage have in common. */
export function sharedTerms(query: string, passage: ScoredChunk): string[] {
  const passageTerms = contentStems([passage.metadata.title, passage.metadata.heading ?? '', passage.text].join('\n'));
  return [...contentStems(query)].filter((term) => passageTerms.has(term));
}

export function isRelevant(query: string, passage: ScoredChunk, options: RetrieveOptions = {}): boolean {
  const minScore = options.minScore ?? DEFAULT_RETRIEVE.minScore;
  const minCoverage = options.minCoverage ?? DEFAULT_RETRIEVE.minCoverage;
  const minSimilarity = options.minSimilarity ?? DEFAULT_RETRIEVE.minSimilarity;
  if (passage.score < minScore) return false;
  const closeInMeaning = passage.similarity !== undefined && passage.similarity >= minSimilarity;
  if (passage.coverage !== undefined && passage.coverage < minCoverage && !closeInMeaning) return false;
  return sharedTerms(query, passage).length > 0;
}

/** Passages in `language` ahead of near-equal ones in other languages (the order is kept otherwise). */
export function preferLanguage(passages: readonly ScoredChunk[], language: Language | undefined): ScoredChunk[] {
  const rank = (passage: ScoredChunk): number => passage.score + (language !== undefined && passage.metadata.language === language ? LANGUAGE_PREFERENCE : 0);
  return passages
    .map((passage, order) => ({ passage, order, key: rank(passage) }))
    .sort((a, b) => b.key - a.key || a.order - b.order)
    .map(({ passage }) => passage);
}

export async function retrieve(index: SearchableIndex, query: string, options: RetrieveOptions = {}): Promise<Retrieval> {
  const k = options.k ?? DEFAULT_RETRIEVE.k;
  if (query.trim().length === 0) return { passages: [], relevant: false };
  // Fetch extra candidates so that the language preference can reorder near-equal passages.
  const candidates = await index.search(query, options.language === undefined ? k : k * 2, options.sources === undefined ? {} : { sources: options.sources });
  const ranked = preferLanguage(candidates, options.language);
  const relevant = ranked.filter((passage) => isRelevant(query, passage, options)).slice(0, k);
  return relevant.length > 0 ? { passages: relevant, relevant: true } : { passages: ranked.slice(0, k), relevant: false };
}
