// Builds the lexical index's arrays (lexical-index.ts) in the build worker: the terms of new chunks (tokenising and
// stemming, the costly part), merged with the postings of the chunks kept from the previous index. A build costs
// one pass over the kept postings and the new chunks' terms, whatever changed.
import { phraseConcepts } from './concepts.js';
import type { LexicalData } from './lexical-index.js';
import { averageLengthOf, compareTerms, saturation } from './lexical-index.js';
import { isContentToken, termsOf, tokenize } from './text.js';

/** A chunk as the lexical index sees it. */
export interface LexicalDocument {
  terms: Map<string, number>;
  /** Content tokens. */
  length: number;
}

/** Stemming is the costly part of indexing; a vocabulary is small, so each token is stemmed once. */
const TERMS_CACHE = new Map<string, string[]>();
const TERMS_CACHE_LIMIT = 200_000;
/** Term frequencies are stored in 16 bits; a higher count saturates BM25 long before. */
const MAX_TF = 0xffff;

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
export function lexicalDocument(text: string): LexicalDocument {
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

/** An index with no chunk. */
export function emptyLexicalData(): LexicalData {
  return {
    terms: [],
    postingStart: new Uint32Array(1),
    postingSlot: new Uint32Array(0),
    postingTf: new Uint16Array(0),
    maxSaturation: new Float64Array(0),
    length: new Uint32Array(0),
    totalLength: 0,
  };
}

/**
 * The next index: `previous`'s chunks where `kept[slot]` gives their new slot (-1: dropped; kept slots keep their
 * order and come first), then `added` in order. Terms no chunk holds any more are dropped.
 */
export function buildLexicalData(previous: LexicalData, kept: Int32Array, added: readonly LexicalDocument[]): LexicalData {
  const keptCount = kept.reduce((count, slot) => (slot >= 0 ? count + 1 : count), 0);
  const size = keptCount + added.length;
  if (size > 0xffffffff) throw new Error('too many chunks');

  const length = new Uint32Array(size);
  let totalLength = 0;
  kept.forEach((slot, old) => {
    if (slot >= 0) length[slot] = previous.length[old]!;
  });
  added.forEach((document, i) => (length[keptCount + i] = document.length));
  for (const value of length) totalLength += value;

  // Term ids: the previous terms in their order, then new ones as they come; counted, then laid out.
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const counts: number[] = [];
  previous.terms.forEach((term, id) => {
    let count = 0;
    for (let p = previous.postingStart[id]!; p < previous.postingStart[id + 1]!; p += 1) if (kept[previous.postingSlot[p]!]! >= 0) count += 1;
    termIds.set(term, terms.push(term) - 1);
    counts.push(count);
  });
  for (const document of added) {
    for (const term of document.terms.keys()) {
      const id = termIds.get(term);
      if (id !== undefined) counts[id]! += 1;
      else {
        termIds.set(term, terms.push(term) - 1);
        counts.push(1);
      }
    }
  }
  // Final ids: only terms some chunk holds, in sorted order (the server looks them up by binary search).
  const liveTerms = terms.filter((_, id) => counts[id]! > 0).sort(compareTerms);
  const compact = new Int32Array(terms.length).fill(-1);
  const finalIds = new Map(liveTerms.map((term, id) => [term, id]));
  terms.forEach((term, id) => {
    if (counts[id]! > 0) compact[id] = finalIds.get(term)!;
  });
  const postingStart = new Uint32Array(liveTerms.length + 1);
  terms.forEach((_, id) => {
    if (compact[id]! >= 0) postingStart[compact[id]! + 1] = counts[id]!;
  });
  for (let t = 0; t < liveTerms.length; t += 1) postingStart[t + 1]! += postingStart[t]!;
  const postings = postingStart[liveTerms.length]!;
  const postingSlot = new Uint32Array(postings);
  const postingTf = new Uint16Array(postings);
  const fill = postingStart.slice(0, liveTerms.length);
  const put = (term: number, slot: number, tf: number): void => {
    const p = fill[term]!;
    fill[term] = p + 1;
    postingSlot[p] = slot;
    postingTf[p] = Math.min(tf, MAX_TF);
  };
  previous.terms.forEach((_, id) => {
    const term = compact[id]!;
    if (term < 0) return;
    for (let p = previous.postingStart[id]!; p < previous.postingStart[id + 1]!; p += 1) {
      const slot = kept[previous.postingSlot[p]!]!;
      if (slot >= 0) put(term, slot, previous.postingTf[p]!);
    }
  });
  added.forEach((document, i) => {
    for (const [term, tf] of document.terms) put(compact[termIds.get(term)!]!, keptCount + i, tf);
  });
  // The bounds are exact for this index: its average length is fixed once built.
  const averageLength = averageLengthOf(totalLength, size);
  const maxSaturation = new Float64Array(liveTerms.length);
  for (let term = 0; term < liveTerms.length; term += 1) {
    for (let p = postingStart[term]!; p < postingStart[term + 1]!; p += 1) {
      maxSaturation[term] = Math.max(maxSaturation[term]!, saturation(postingTf[p]!, length[postingSlot[p]!]!, averageLength));
    }
  }
  return { terms: liveTerms, postingStart, postingSlot, postingTf, maxSaturation, length, totalLength };
}
