// The lexical half of hybrid retrieval, over an inverted index (term -> chunks), with two scores:
//
// - BM25 (Okapi, k1 1.2, b 0.75) ranks: term frequency with saturation, length normalisation, and
//   inverse document frequency, so the rare word of the question ("Surabaya") outweighs the common
//   ones. A query word counts once, through its best form: the word, one of its Indonesian stem
//   variants ("pengembalian" -> "kembali"), or, at CONCEPT_MATCH weight, a synonym group (concepts.ts).
// - coverage judges relevance: the share of the query's IDF weight that a chunk contains, in 0..1, so
//   it can be compared with a fixed threshold whatever the size of the knowledge base. A query word the
//   knowledge never uses ("bitcoin", "France") weighs the most, so off-topic questions cover little.
//
// The index is immutable (lexical-build.ts makes it, in the build worker): per term, the slots of the chunks
// that hold it in ascending order with their term frequencies, in flat typed arrays. top() is exact top-k by
// max-score (Turtle & Flood): each query word has an upper bound of what it can add to a chunk's score (its
// weight times the highest saturated frequency of its terms, exact for the index, whose average length is fixed
// once built). Once k chunks are held,
// the words whose bounds together stay below the k-th score cannot make a chunk enter on their own, so their
// postings are no longer walked, only probed for chunks that the other words bring; and a chunk is dropped as
// soon as its partial score plus the bounds of the words not yet looked at falls below the k-th. A query so
// touches the postings of its rarest words, not every chunk that shares a common one. To have a high k-th score
// from the start, the chunks of the query's strongest word (few, and the likeliest best) are scored first. Scores
// are summed in the query's word order whatever the order of the pruning, so they equal an exhaustive scoring to
// the bit, and ties rank as the exhaustive scan ranked them (TopK).
import { isTown } from '../language/regions.js';
import { slotOf } from '../language/slots.js';
import { termGroups } from './text.js';

/** Weight of a match through a synonym group relative to a match of the word itself. */
export const CONCEPT_MATCH = 0.75;
const K1 = 1.2;
const B = 0.75;
/** Pruning compares sums taken in different orders: it skips only what is below the threshold by this margin. */
const SAFETY = 1 - 1e-9;
/** The strongest word's chunks are scored first when they are at most this many, or SEED_PER_HIT per hit wanted. */
const SEED_POSTINGS = 256;
const SEED_PER_HIT = 8;

export interface LexicalHit {
  id: string;
  /** The chunk's slot (its position in the chunk table). */
  slot: number;
  bm25: number;
  /** Share of the query's IDF weight found in the chunk, 0..1. */
  coverage: number;
}

/** Query terms, one group per query word (its stems and concepts), with the word's weight. */
export interface PreparedQuery {
  groups: { terms: string[]; weight: number }[];
  totalWeight: number;
}

/** What an index holds; slots number the chunks from 0 in the order they were indexed. */
export interface LexicalData {
  /** term id -> term, sorted (compareTerms), so a term is found by binary search with nothing built at load. */
  terms: readonly string[];
  /** term id -> start of its postings (one more entry than terms). */
  postingStart: Uint32Array;
  /** Slots of each term's chunks, ascending. */
  postingSlot: Uint32Array;
  postingTf: Uint16Array;
  /** Per term, the highest saturated frequency (saturation()) of its chunks: the bound of what it can score. */
  maxSaturation: Float64Array;
  /** slot -> content tokens of the chunk */
  length: Uint32Array;
  totalLength: number;
}

/** What the index needs to know of the chunks besides their words (the chunk table holds it). */
export interface LexicalRows {
  /** slot -> chunk id */
  ids: readonly string[];
  /** slot -> index into `sources`: the source key of the chunk, for scoped searches. */
  source: Uint16Array;
  sources: readonly string[];
}

/** A prepared query with its terms looked up in one index. */
interface Resolved {
  weights: number[];
  /** Group g's terms are entries termStart[g] .. termStart[g + 1] - 1 (known terms only). */
  termStart: number[];
  termIds: number[];
  concept: boolean[];
  totalWeight: number;
  /** Working arrays of place(), reused by the chunks scored for the query (a search scores hundreds). */
  scratch: { position: Uint32Array; strength: Float64Array; tf: Float64Array };
}

/** Saturated, length-normalised term frequency (the BM25 term factor). */
export function saturation(tf: number, length: number, averageLength: number): number {
  return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength));
}

/** The average chunk length BM25 normalises by. */
export function averageLengthOf(totalLength: number, chunks: number): number {
  return chunks === 0 ? 1 : Math.max(1, totalLength / chunks);
}

/** The order of the term dictionary (by UTF-16 code units, as the lookup compares). */
export function compareTerms(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The exact BM25 score from each group's match: summed in the query's order, so every caller gets the same bits. */
function bm25Of(query: Resolved, strength: Float64Array, tf: Float64Array, length: number, averageLength: number): number {
  let bm25 = 0;
  for (let g = 0; g < query.weights.length; g += 1) {
    const s = strength[g]!;
    if (s !== 0) bm25 += s * query.weights[g]! * saturation(tf[g]!, length, averageLength);
  }
  return bm25;
}

/** The share of the query's weight that the groups' matches cover, 0..1 (summed in the query's order). */
function coverageOf(query: Resolved, strength: Float64Array): number {
  let covered = 0;
  for (let g = 0; g < query.weights.length; g += 1) {
    const s = strength[g]!;
    if (s !== 0) covered += s * query.weights[g]!;
  }
  return query.totalWeight > 0 ? covered / query.totalWeight : 0;
}

/**
 * A min-heap of the k best chunks; the root is the worst. Better is a higher score; between equal scores, the chunk
 * that holds an earlier term of the query (`first`: its index among the query's terms in order), then the one indexed
 * first: the order in which the exhaustive scan this replaces met its candidates, so ties rank as they did.
 */
class TopK {
  readonly slots: number[] = [];
  readonly scores: number[] = [];
  readonly firsts: number[] = [];
  constructor(readonly capacity: number) {}

  get full(): boolean {
    return this.slots.length >= this.capacity;
  }

  /** The score to beat once full. */
  get threshold(): number {
    return this.scores[0]!;
  }

  /** Whether entry a ranks below (slot, score, first). */
  private below(a: number, slot: number, score: number, first: number): boolean {
    const held = this.scores[a]!;
    if (held !== score) return held < score;
    return this.firsts[a] !== first ? this.firsts[a]! > first : this.slots[a]! > slot;
  }

  private worse(a: number, b: number): boolean {
    return this.below(a, this.slots[b]!, this.scores[b]!, this.firsts[b]!);
  }

  private swap(a: number, b: number): void {
    TopK.swapIn(this.slots, a, b);
    TopK.swapIn(this.scores, a, b);
    TopK.swapIn(this.firsts, a, b);
  }

  /** Swaps two entries in place (a destructuring swap allocates an array per call until it is optimised). */
  private static swapIn(values: number[], a: number, b: number): void {
    const held = values[a]!;
    values[a] = values[b]!;
    values[b] = held;
  }

  /** Offers a chunk: it enters when the heap has room or it ranks above the worst held. */
  offer(slot: number, score: number, first: number): void {
    if (!this.full) {
      this.slots.push(slot);
      this.scores.push(score);
      this.firsts.push(first);
      for (let i = this.slots.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (!this.below(0, slot, score, first)) return;
    this.slots[0] = slot;
    this.scores[0] = score;
    this.firsts[0] = first;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.slots.length && this.worse(left, worst)) worst = left;
      if (right < this.slots.length && this.worse(right, worst)) worst = right;
      if (worst === i) break;
      this.swap(i, worst);
      i = worst;
    }
  }

  /** The entries, best first. */
  ranked(): { slot: number; first: number }[] {
    return [...this.slots.keys()]
      .sort((a, b) => (this.worse(a, b) ? 1 : this.worse(b, a) ? -1 : 0))
      .map((i) => ({ slot: this.slots[i]!, first: this.firsts[i]! }));
  }
}

export class LexicalIndex {
  private slotsById: Map<string, number> | undefined;
  private readonly resolved = new WeakMap<PreparedQuery, Resolved>();
  private readonly averageLength: number;

  constructor(
    private readonly data: LexicalData,
    private readonly rows: LexicalRows,
  ) {
    this.averageLength = averageLengthOf(data.totalLength, rows.ids.length);
  }

  get size(): number {
    return this.rows.ids.length;
  }

  /** A term's id, or undefined when no chunk holds it. */
  private termId(term: string): number | undefined {
    const terms = this.data.terms;
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareTerms(terms[middle]!, term) < 0) low = middle + 1;
      else high = middle;
    }
    return terms[low] === term ? low : undefined;
  }

  /** Whether any chunk holds the term. */
  knows(term: string): boolean {
    return this.termId(term) !== undefined;
  }

  private frequency(term: string): number {
    const id = this.termId(term);
    return id === undefined ? 0 : this.data.postingStart[id + 1]! - this.data.postingStart[id]!;
  }

  /** BM25's inverse document frequency (never negative); an unknown term gets the maximum. */
  private idf(frequency: number): number {
    return Math.log(1 + (this.size - frequency + 0.5) / (frequency + 0.5));
  }

  prepare(query: string): PreparedQuery {
    const groups = termGroups(query).map((terms) => {
      // A word's weight is that of its most specific form the knowledge uses (the rarest known term);
      // a word the knowledge never uses in any form weighs the most, unless it is a number (an amount or a date, not
      // a topic) or a place (a rate table's page says what applies to the places it does not list).
      const frequencies = terms.map((term) => this.frequency(term)).filter((frequency) => frequency > 0);
      if (frequencies.length === 0 && terms.some((term) => /^\d+$/.test(term) || slotOf(term) === 'place' || isTown(term))) return { terms, weight: 0 };
      return { terms, weight: this.idf(frequencies.length === 0 ? 0 : Math.min(...frequencies)) };
    });
    return { groups, totalWeight: groups.reduce((sum, group) => sum + group.weight, 0) };
  }

  private resolve(query: PreparedQuery): Resolved {
    let resolved = this.resolved.get(query);
    if (resolved === undefined) {
      const weights: number[] = [];
      const termStart = [0];
      const termIds: number[] = [];
      const concept: boolean[] = [];
      for (const group of query.groups) {
        weights.push(group.weight);
        for (const term of group.terms) {
          const id = this.termId(term);
          if (id === undefined) continue;
          termIds.push(id);
          concept.push(term.startsWith('~'));
        }
        termStart.push(termIds.length);
      }
      const scratch = { position: new Uint32Array(termIds.length), strength: new Float64Array(weights.length), tf: new Float64Array(weights.length) };
      resolved = { weights, termStart, termIds, concept, totalWeight: query.totalWeight, scratch };
      this.resolved.set(query, resolved);
    }
    return resolved;
  }

  /** The first posting of `term` at or after `from` whose slot is >= `slot` (the end when none is). */
  private seek(term: number, from: number, slot: number): number {
    let low = from;
    let high = this.data.postingStart[term + 1]!;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.data.postingSlot[middle]! < slot) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * Group g's match at `slot` from the postings positions in `position` (each at `slot` or past it): the word or
   * a stem variant (strength 1), else a synonym (CONCEPT_MATCH), with the best frequency of that kind.
   */
  private match(query: Resolved, g: number, position: Uint32Array, slot: number, strength: Float64Array, tf: Float64Array): void {
    let exact = 0;
    let concept = 0;
    for (let k = query.termStart[g]!; k < query.termStart[g + 1]!; k += 1) {
      const p = position[k]!;
      if (p >= this.data.postingStart[query.termIds[k]! + 1]! || this.data.postingSlot[p] !== slot) continue;
      const frequency = this.data.postingTf[p]!;
      if (query.concept[k]) concept = Math.max(concept, frequency);
      else exact = Math.max(exact, frequency);
    }
    strength[g] = exact > 0 ? 1 : concept > 0 ? CONCEPT_MATCH : 0;
    tf[g] = exact > 0 ? exact : concept;
  }

  /** BM25 and coverage of the chunk in `slot`. */
  scoreAt(query: PreparedQuery, slot: number): { bm25: number; coverage: number } {
    return this.scoreResolved(this.resolve(query), slot);
  }

  private scoreResolved(query: Resolved, slot: number): { bm25: number; coverage: number } {
    this.place(query, slot);
    const { strength, tf } = query.scratch;
    return { bm25: bm25Of(query, strength, tf, this.data.length[slot]!, this.averageLength), coverage: coverageOf(query, strength) };
  }

  /** Fills the query's scratch arrays with the chunk's matches: postings positions at `slot` or past it, each group's strength and frequency. */
  private place(query: Resolved, slot: number): void {
    const { position, strength, tf } = query.scratch;
    for (let k = 0; k < query.termIds.length; k += 1) position[k] = this.seek(query.termIds[k]!, this.data.postingStart[query.termIds[k]!]!, slot);
    for (let g = 0; g < query.weights.length; g += 1) this.match(query, g, position, slot, strength, tf);
  }

  /** The index of the query's first term the chunk holds, from postings positions at or past `slot`. */
  private firstTerm(query: Resolved, position: Uint32Array, slot: number): number {
    for (let k = 0; k < query.termIds.length; k += 1) {
      const p = position[k]!;
      if (p < this.data.postingStart[query.termIds[k]! + 1]! && this.data.postingSlot[p] === slot) return k;
    }
    return query.termIds.length;
  }

  /** BM25 and coverage of one chunk (zero for an unknown id); scoreAt() is the way without an id lookup. */
  scoreOf(query: PreparedQuery, id: string): { bm25: number; coverage: number } {
    this.slotsById ??= new Map(this.rows.ids.map((chunkId, slot) => [chunkId, slot]));
    const slot = this.slotsById.get(id);
    return slot === undefined ? { bm25: 0, coverage: 0 } : this.scoreAt(query, slot);
  }

  /** What group g can add to any chunk's score at most. */
  private bound(query: Resolved, g: number): number {
    let best = 0;
    for (let k = query.termStart[g]!; k < query.termStart[g + 1]!; k += 1) {
      const term = query.termIds[k]!;
      const most = this.data.maxSaturation[term]!;
      best = Math.max(best, query.concept[k] ? CONCEPT_MATCH * most : most);
    }
    return query.weights[g]! * best;
  }

  /** The n chunks with the best BM25 score (only chunks that share a term), optionally within some sources; ties as TopK orders them. */
  top(query: PreparedQuery, n: number, sources?: ReadonlySet<string>): LexicalHit[] {
    const wanted = Math.floor(n);
    if (wanted <= 0 || this.size === 0) return [];
    const resolved = this.resolve(query);
    const allowed = sources === undefined ? undefined : this.rows.sources.map((source) => sources.has(source));
    const groups = resolved.weights.length;
    const bounds = Array.from({ length: groups }, (_, g) => this.bound(resolved, g));
    // Groups that can score, weakest first; prefix[i] is what the groups order[0..i] can add together.
    const order = [...bounds.keys()].filter((g) => bounds[g]! > 0).sort((a, b) => bounds[a]! - bounds[b]! || a - b);
    const prefix: number[] = [];
    order.forEach((g, i) => prefix.push((prefix[i - 1] ?? 0) + bounds[g]!));
    const position = new Uint32Array(resolved.termIds.length);
    resolved.termIds.forEach((term, k) => (position[k] = this.data.postingStart[term]!));
    const strength = new Float64Array(groups);
    const tf = new Float64Array(groups);
    const best = new TopK(wanted);
    const seeded = this.seed(resolved, order.at(-1), wanted, allowed, best);
    // order[0 .. essential - 1] are the groups that cannot make a chunk enter on their own.
    let essential = 0;
    const raise = (): void => {
      if (best.full) while (essential < order.length && prefix[essential]! < best.threshold * SAFETY) essential += 1;
    };
    raise();
    for (;;) {
      let slot = Infinity;
      for (let i = essential; i < order.length; i += 1) {
        const g = order[i]!;
        for (let k = resolved.termStart[g]!; k < resolved.termStart[g + 1]!; k += 1) {
          const p = position[k]!;
          if (p < this.data.postingStart[resolved.termIds[k]! + 1]!) slot = Math.min(slot, this.data.postingSlot[p]!);
        }
      }
      if (slot === Infinity) break;
      if ((allowed === undefined || allowed[this.rows.source[slot]!]) && !seeded.has(slot)) this.consider(resolved, slot, order, prefix, essential, position, strength, tf, best);
      raise();
      // Every list that stands at this slot moves past it (the others are before it or beyond).
      for (let k = 0; k < resolved.termIds.length; k += 1) {
        const p = position[k]!;
        if (p < this.data.postingStart[resolved.termIds[k]! + 1]! && this.data.postingSlot[p] === slot) position[k] = p + 1;
      }
    }
    return best.ranked().map(({ slot }) => {
      const { bm25, coverage } = this.scoreResolved(resolved, slot);
      return { id: this.rows.ids[slot]!, slot, bm25, coverage };
    });
  }

  /**
   * Scores the chunks of the strongest group (the rarest word: few chunks, and the likeliest to rank) exactly and
   * offers them, when they are not too many; returns their slots, which the walk then skips.
   */
  private seed(query: Resolved, g: number | undefined, wanted: number, allowed: boolean[] | undefined, best: TopK): Set<number> {
    const seeded = new Set<number>();
    if (g === undefined) return seeded;
    let postings = 0;
    for (let k = query.termStart[g]!; k < query.termStart[g + 1]!; k += 1) {
      const term = query.termIds[k]!;
      postings += this.data.postingStart[term + 1]! - this.data.postingStart[term]!;
    }
    if (postings > Math.max(SEED_POSTINGS, SEED_PER_HIT * wanted)) return seeded;
    for (let k = query.termStart[g]!; k < query.termStart[g + 1]!; k += 1) {
      const term = query.termIds[k]!;
      for (let p = this.data.postingStart[term]!; p < this.data.postingStart[term + 1]!; p += 1) {
        const slot = this.data.postingSlot[p]!;
        if (seeded.has(slot) || (allowed !== undefined && !allowed[this.rows.source[slot]!])) continue;
        seeded.add(slot);
        // Scored in place (no objects): a seed is up to a few hundred chunks per query.
        this.place(query, slot);
        const { position, strength, tf } = query.scratch;
        best.offer(slot, bm25Of(query, strength, tf, this.data.length[slot]!, this.averageLength), this.firstTerm(query, position, slot));
      }
    }
    return seeded;
  }

  /** Scores one candidate, dropping it as soon as it cannot beat the k-th, and offers it. */
  private consider(
    query: Resolved,
    slot: number,
    order: readonly number[],
    prefix: readonly number[],
    essential: number,
    position: Uint32Array,
    strength: Float64Array,
    tf: Float64Array,
    best: TopK,
  ): void {
    const length = this.data.length[slot]!;
    strength.fill(0);
    let partial = 0;
    for (let i = essential; i < order.length; i += 1) {
      const g = order[i]!;
      this.match(query, g, position, slot, strength, tf);
      if (strength[g]! > 0) partial += strength[g]! * query.weights[g]! * saturation(tf[g]!, length, this.averageLength);
    }
    // The others from the strongest down, each probed at this slot; their lists only ever move forward.
    for (let i = essential - 1; i >= 0; i -= 1) {
      if (best.full && partial + prefix[i]! < best.threshold * SAFETY) return;
      const g = order[i]!;
      for (let k = query.termStart[g]!; k < query.termStart[g + 1]!; k += 1) position[k] = this.seek(query.termIds[k]!, position[k]!, slot);
      this.match(query, g, position, slot, strength, tf);
      if (strength[g]! > 0) partial += strength[g]! * query.weights[g]! * saturation(tf[g]!, length, this.averageLength);
    }
    // Every list is now at this slot or past it: the first term the chunk holds can be read off them.
    best.offer(slot, bm25Of(query, strength, tf, length, this.averageLength), this.firstTerm(query, position, slot));
  }
}
