// The lexical half of hybrid retrieval: which chunks contain the query's words, weighted by how rare
// each word is in the knowledge base (inverse document frequency).
//
// Hashed embeddings cannot weigh words by rarity, so "how long does shipping to Surabaya take" prefers
// any passage with "shipping" over the one that names Surabaya. Coverage fixes that: the share of the
// query's IDF mass that a chunk contains. A query word the knowledge never uses ("bitcoin", "France")
// gets the highest weight, so off-topic questions cover little of themselves in any chunk.
import { termGroups } from './text.js';

/** Weight of a match through a synonym group relative to a match of the word itself. */
const CONCEPT_MATCH = 0.75;

export interface CoverageHit {
  id: string;
  /** Share of the query's IDF weight found in the chunk, 0..1. */
  coverage: number;
}

/** Query terms, one group per query word (its stems and concepts), with the word's weight. */
export interface PreparedQuery {
  groups: { terms: string[]; weight: number }[];
  totalWeight: number;
}

export class LexicalIndex {
  private readonly termsById = new Map<string, Set<string>>();
  private readonly documentFrequency = new Map<string, number>();

  get size(): number {
    return this.termsById.size;
  }

  /** Indexes a chunk under `id` (replacing what was there). */
  add(id: string, text: string): void {
    this.remove(id);
    const terms = new Set(termGroups(text).flat());
    this.termsById.set(id, terms);
    for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
  }

  remove(id: string): void {
    const terms = this.termsById.get(id);
    if (terms === undefined) return;
    this.termsById.delete(id);
    for (const term of terms) {
      const left = (this.documentFrequency.get(term) ?? 1) - 1;
      if (left <= 0) this.documentFrequency.delete(term);
      else this.documentFrequency.set(term, left);
    }
  }

  /** BM25's inverse document frequency (never negative); an unknown term gets the maximum. */
  private idf(frequency: number): number {
    return Math.log(1 + (this.termsById.size - frequency + 0.5) / (frequency + 0.5));
  }

  prepare(query: string): PreparedQuery {
    const groups = termGroups(query).map((terms) => {
      // A word's weight is that of its most specific form the knowledge uses (the rarest known term);
      // a word the knowledge never uses in any form weighs the most.
      const frequencies = terms.map((term) => this.documentFrequency.get(term) ?? 0).filter((frequency) => frequency > 0);
      const weight = this.idf(frequencies.length === 0 ? 0 : Math.min(...frequencies));
      return { terms, weight };
    });
    return { groups, totalWeight: groups.reduce((sum, group) => sum + group.weight, 0) };
  }

  coverage(query: PreparedQuery, id: string): number {
    const terms = this.termsById.get(id);
    if (terms === undefined || query.totalWeight <= 0) return 0;
    let covered = 0;
    for (const group of query.groups) {
      if (group.terms.some((term) => !term.startsWith('~') && terms.has(term))) covered += group.weight;
      // A synonym (concept) match is weaker evidence than the word itself, and it is how an English
      // question reaches an Indonesian page: the page in the question's own words should win.
      else if (group.terms.some((term) => terms.has(term))) covered += CONCEPT_MATCH * group.weight;
    }
    return covered / query.totalWeight;
  }

  /** The n chunks that cover most of the query (only chunks that share at least one word). */
  top(query: PreparedQuery, n: number): CoverageHit[] {
    const hits: CoverageHit[] = [];
    for (const id of this.termsById.keys()) {
      const coverage = this.coverage(query, id);
      if (coverage > 0) hits.push({ id, coverage });
    }
    return hits.sort((a, b) => b.coverage - a.coverage).slice(0, n);
  }
}
