// The lexical half of hybrid retrieval, over an inverted index (term -> chunks), with two scores:
//
// - BM25 (Okapi, k1 1.2, b 0.75) ranks: term frequency with saturation, length normalisation, and
//   inverse document frequency, so the rare word of the question ("Surabaya") outweighs the common
//   ones. A query word counts once, through its best form: the word, one of its Indonesian stem
//   variants ("pengembalian" -> "kembali"), or, at CONCEPT_MATCH weight, a synonym group (concepts.ts).
// - coverage judges relevance: the share of the query's IDF weight that a chunk contains, in 0..1, so
//   it can be compared with a fixed threshold whatever the size of the knowledge base. A query word the
//   knowledge never uses ("bitcoin", "France") weighs the most, so off-topic questions cover little.
import { phraseConcepts } from './concepts.js';
import { isContentToken, termGroups, termsOf, tokenize } from './text.js';

/** Weight of a match through a synonym group relative to a match of the word itself. */
const CONCEPT_MATCH = 0.75;
const K1 = 1.2;
const B = 0.75;

export interface LexicalHit {
  id: string;
  bm25: number;
  /** Share of the query's IDF weight found in the chunk, 0..1. */
  coverage: number;
}

/** Query terms, one group per query word (its stems and concepts), with the word's weight. */
export interface PreparedQuery {
  groups: { terms: string[]; weight: number }[];
  totalWeight: number;
}

interface IndexedChunk {
  terms: Map<string, number>;
  length: number;
  /** The source the chunk belongs to, for scoped searches. */
  source: string;
}

/** Stemming is the costly part of indexing; a vocabulary is small, so each token is stemmed once. */
const TERMS_CACHE = new Map<string, string[]>();
const TERMS_CACHE_LIMIT = 200_000;

function cachedTerms(token: string): string[] {
  let terms = TERMS_CACHE.get(token);
  if (terms === undefined) {
    terms = termsOf(token);
    if (TERMS_CACHE.size >= TERMS_CACHE_LIMIT) TERMS_CACHE.clear();
    TERMS_CACHE.set(token, terms);
  }
  return terms;
}

/** Term frequencies of a text: every form of every content token, plus phrase concepts. */
export function termFrequencies(text: string): { terms: Map<string, number>; length: number } {
  const terms = new Map<string, number>();
  const tokens = tokenize(text);
  let length = 0;
  for (const token of tokens) {
    if (!isContentToken(token)) continue;
    length += 1;
    for (const term of cachedTerms(token)) terms.set(term, (terms.get(term) ?? 0) + 1);
  }
  for (const concept of phraseConcepts(tokens)) terms.set(concept, (terms.get(concept) ?? 0) + 1);
  return { terms, length };
}

export class LexicalIndex {
  private readonly chunks = new Map<string, IndexedChunk>();
  private readonly postings = new Map<string, Set<string>>();
  private totalLength = 0;

  get size(): number {
    return this.chunks.size;
  }

  /** Indexes a chunk under `id` (replacing what was there). */
  add(id: string, text: string, source = ''): void {
    this.remove(id);
    const { terms, length } = termFrequencies(text);
    this.chunks.set(id, { terms, length, source });
    this.totalLength += length;
    for (const term of terms.keys()) {
      let ids = this.postings.get(term);
      if (ids === undefined) this.postings.set(term, (ids = new Set()));
      ids.add(id);
    }
  }

  remove(id: string): void {
    const chunk = this.chunks.get(id);
    if (chunk === undefined) return;
    this.chunks.delete(id);
    this.totalLength -= chunk.length;
    for (const term of chunk.terms.keys()) {
      const ids = this.postings.get(term);
      ids?.delete(id);
      if (ids?.size === 0) this.postings.delete(term);
    }
  }

  private frequency(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  /** BM25's inverse document frequency (never negative); an unknown term gets the maximum. */
  private idf(frequency: number): number {
    return Math.log(1 + (this.chunks.size - frequency + 0.5) / (frequency + 0.5));
  }

  prepare(query: string): PreparedQuery {
    const groups = termGroups(query).map((terms) => {
      // A word's weight is that of its most specific form the knowledge uses (the rarest known term);
      // a word the knowledge never uses in any form weighs the most.
      const frequencies = terms.map((term) => this.frequency(term)).filter((frequency) => frequency > 0);
      return { terms, weight: this.idf(frequencies.length === 0 ? 0 : Math.min(...frequencies)) };
    });
    return { groups, totalWeight: groups.reduce((sum, group) => sum + group.weight, 0) };
  }

  /** How a chunk matches one query group: the word or a stem variant (1), a synonym (CONCEPT_MATCH), or not (0); with its tf. */
  private static match(terms: Map<string, number>, group: string[]): { strength: number; tf: number } {
    let exact = 0;
    let concept = 0;
    for (const term of group) {
      const tf = terms.get(term) ?? 0;
      if (tf === 0) continue;
      if (term.startsWith('~')) concept = Math.max(concept, tf);
      else exact = Math.max(exact, tf);
    }
    if (exact > 0) return { strength: 1, tf: exact };
    return concept > 0 ? { strength: CONCEPT_MATCH, tf: concept } : { strength: 0, tf: 0 };
  }

  private score(query: PreparedQuery, chunk: IndexedChunk): { bm25: number; coverage: number } {
    const averageLength = this.chunks.size === 0 ? 1 : Math.max(1, this.totalLength / this.chunks.size);
    let bm25 = 0;
    let covered = 0;
    for (const group of query.groups) {
      const { strength, tf } = LexicalIndex.match(chunk.terms, group.terms);
      if (strength === 0) continue;
      covered += strength * group.weight;
      bm25 += strength * group.weight * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * chunk.length) / averageLength)));
    }
    return { bm25, coverage: query.totalWeight > 0 ? covered / query.totalWeight : 0 };
  }

  /** BM25 and coverage of one chunk (zero for an unknown id). */
  scoreOf(query: PreparedQuery, id: string): { bm25: number; coverage: number } {
    const chunk = this.chunks.get(id);
    return chunk === undefined ? { bm25: 0, coverage: 0 } : this.score(query, chunk);
  }

  /** The n chunks with the best BM25 score (only chunks that share a term), optionally within some sources. */
  top(query: PreparedQuery, n: number, sources?: ReadonlySet<string>): LexicalHit[] {
    const candidates = new Set<string>();
    for (const group of query.groups) for (const term of group.terms) for (const id of this.postings.get(term) ?? []) candidates.add(id);
    const hits: LexicalHit[] = [];
    for (const id of candidates) {
      const chunk = this.chunks.get(id)!;
      if (sources !== undefined && !sources.has(chunk.source)) continue;
      hits.push({ id, ...this.score(query, chunk) });
    }
    return hits.sort((a, b) => b.bm25 - a.bm25).slice(0, n);
  }
}
