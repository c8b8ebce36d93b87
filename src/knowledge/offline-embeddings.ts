// Embeddings computed in-process, without model weights, so Jawab works offline and tests are
// deterministic: signed feature hashing of word stems and character n-grams.
//
// Two groups of features, each L2-normalised before they are mixed:
// - word stems (with the Indonesian root alternatives from text.ts) and their concepts (concepts.ts,
//   a small bilingual thesaurus, so "package" is near "paket" and "parcel"): topical overlap;
// - character 3..5-grams of each word's stem, with boundary marks: fuzzy overlap for spelling variants,
//   inflections the stemmer misses ("invoice"/"invoicing") and typos.
// Stopwords are dropped first, term weights are sublinear (1 + ln tf) so a word repeated in a long
// page does not drown the rest. The output is L2-normalised, so cosine similarity is a dot product.
//
// Each feature lands in two buckets with independent signs (a sparse random projection): at 384
// dimensions the hybrid eval stays within the hash noise of 1024 dimensions with one bucket (BENCHMARKS.md),
// while the HNSW index does 2.7 times less work per distance. A token's features (stems, concepts,
// n-grams) are hashed once and cached, since help text repeats the same few thousand words.
import { Embeddings } from '@langchain/core/embeddings';
import { conceptsOf, phraseConcepts } from './concepts.js';
import { isContentToken, stemVariants, tokenize } from './text.js';

export interface OfflineEmbeddingsOptions {
  /** Vector size. Larger means fewer hash collisions (see BENCHMARKS.md for the trade-off). */
  dimensions?: number;
}

const DEFAULT_DIMENSIONS = 384;
/** Share of the word-stem group in the final vector; the rest is the character n-gram group. */
const WORD_WEIGHT = 0.5;
/** Tokens whose features are cached; the cache starts over when full (a bound on memory, not an LRU). */
const TOKEN_CACHE_SIZE = 50_000;
const MIN_GRAM = 3;
const MAX_GRAM = 5;

// FNV-1a, 32 bit. Two different offset bases keep word and n-gram features apart.
const FNV_PRIME = 0x01000193;
const WORD_BASIS = 0x811c9dc5;
const GRAM_BASIS = 0x050c5d1f;

function hashString(text: string, basis: number): number {
  let hash = basis;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** Adds one count of each hashed feature to a term-frequency map (hash -> count). */
function count(counts: Map<number, number>, hashes: readonly number[]): void {
  for (const hash of hashes) counts.set(hash, (counts.get(hash) ?? 0) + 1);
}

/** Hashes every 3..5-gram of `<stem>` without building substrings. */
function gramHashes(stemmed: string): number[] {
  const marked = `<${stemmed}>`;
  const hashes: number[] = [];
  for (let start = 0; start + MIN_GRAM <= marked.length; start += 1) {
    let hash = GRAM_BASIS;
    for (let length = 1; length <= MAX_GRAM && start + length <= marked.length; length += 1) {
      hash ^= marked.charCodeAt(start + length - 1);
      hash = Math.imul(hash, FNV_PRIME);
      if (length >= MIN_GRAM) hashes.push((hash ^ (length << 24)) >>> 0);
    }
  }
  return hashes;
}

/** The hashed features of one token: its stems and concepts, and the n-grams of its main stem. */
interface TokenFeatures {
  words: number[];
  grams: number[];
}

function tokenFeatures(token: string): TokenFeatures {
  const variants = stemVariants(token);
  return {
    words: [...variants, ...conceptsOf(variants)].map((term) => hashString(term, WORD_BASIS)),
    grams: gramHashes(variants[0] ?? token),
  };
}

/** A second, independent hash of a feature (murmur3's finaliser), for its second bucket and sign. */
function rehash(hash: number): number {
  let h = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Projects hashed term counts into a normalised vector: each feature adds ±weight in two buckets. */
function project(counts: Map<number, number>, dimensions: number): Float64Array {
  const vector = new Float64Array(dimensions);
  for (const [hash, tf] of counts) {
    const weight = 1 + Math.log(tf);
    const second = rehash(hash);
    vector[hash % dimensions]! += hash >>> 31 === 1 ? -weight : weight;
    vector[second % dimensions]! += second >>> 31 === 1 ? -weight : weight;
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dimensions; i += 1) vector[i]! /= norm;
  return vector;
}

export class OfflineEmbeddings extends Embeddings {
  readonly dimensions: number;
  /** Keys the index folder: change it whenever the features change, so old indexes are rebuilt. */
  readonly id: string;
  private readonly tokenCache = new Map<string, TokenFeatures>();

  constructor(options: OfflineEmbeddingsOptions = {}) {
    super({});
    this.dimensions = options.dimensions ?? DEFAULT_DIMENSIONS;
    this.id = `offline-hash-v4-dim${this.dimensions}`;
  }

  private featuresOf(token: string): TokenFeatures {
    let features = this.tokenCache.get(token);
    if (features === undefined) {
      if (this.tokenCache.size >= TOKEN_CACHE_SIZE) this.tokenCache.clear();
      features = tokenFeatures(token);
      this.tokenCache.set(token, features);
    }
    return features;
  }

  /** The vector of one text, synchronously (the async methods wrap this). */
  embed(text: string): number[] {
    const wordCounts = new Map<number, number>();
    const gramCounts = new Map<number, number>();
    const tokens = tokenize(text);
    count(wordCounts, phraseConcepts(tokens).map((concept) => hashString(concept, WORD_BASIS)));
    for (const token of tokens) {
      if (!isContentToken(token)) continue;
      const features = this.featuresOf(token);
      count(wordCounts, features.words);
      count(gramCounts, features.grams);
    }
    const words = project(wordCounts, this.dimensions);
    const grams = project(gramCounts, this.dimensions);
    const mixed = new Array<number>(this.dimensions);
    let norm = 0;
    for (let i = 0; i < this.dimensions; i += 1) {
      const value = WORD_WEIGHT * words[i]! + (1 - WORD_WEIGHT) * grams[i]!;
      mixed[i] = value;
      norm += value * value;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < this.dimensions; i += 1) mixed[i] = mixed[i]! / norm;
    return mixed;
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => this.embed(document));
  }

  override async embedQuery(document: string): Promise<number[]> {
    return this.embed(document);
  }
}
