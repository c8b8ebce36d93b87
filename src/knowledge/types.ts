// The shapes the knowledge index hands to retrieval and to the answer module.
import type { Language } from '../config/settings.js';
import type { LoadError } from './loader.js';
import type { Product } from './formats/catalog.js';

export interface ChunkMetadata {
  /** Where the chunk came from: a path relative to its folder (forward slashes), a page URL or a snippet's name. */
  source: string;
  /** Key of the source the chunk belongs to in the index ("folder", "<profile>/<source id>"). */
  sourceId?: string;
  /** Title of the document. */
  title: string;
  /** The nearest heading above the chunk, when the document has headings. */
  heading?: string;
  /** Detected language of the chunk (falls back to the document's). */
  language?: Language;
  /** Position of the chunk in its document, from 0. */
  position: number;
  /** The catalog product the chunk is, so an answer can write it in the customer's language. */
  product?: Product & { currency: string; language: Language };
}

export interface ScoredChunk {
  /** Chunk id in the index (stable for unchanged content). */
  id: string;
  text: string;
  /** Relevance to the query in 0..1: the hybrid of `similarity` and `coverage` the index ranks by. */
  score: number;
  /** Cosine similarity of the embeddings, when the index computed it. */
  similarity?: number;
  /** Share of the query's IDF-weighted words found in the chunk, when the index computed it. */
  coverage?: number;
  /** The chunk's BM25 score for the query, when the index computed it (unbounded: for ranking only). */
  bm25?: number;
  metadata: ChunkMetadata;
}

export type SearchMode = 'hybrid' | 'vector' | 'bm25';

export interface SearchOptions {
  /** Only chunks of these source keys (all sources when absent). */
  sources?: ReadonlySet<string>;
  /** hybrid (default), or one side alone (the eval compares them). */
  mode?: SearchMode;
}

/** What retrieval needs from an index: lets tests and the engine pass anything that can search. */
export interface SearchableIndex {
  search(query: string, k: number, options?: SearchOptions): Promise<ScoredChunk[]>;
  /** The catalog's product chunks (within some sources), for a question about what the shop sells. */
  products?(sources?: ReadonlySet<string>): Promise<ScoredChunk[]>;
  /** Whether the knowledge uses a term (a word or its stem, text.ts) anywhere. */
  knows?(term: string): boolean;
  /** The embeddings model: its fitted "nothing relevant" thresholds apply (knowledge/calibration.ts). */
  readonly embeddingsId?: string;
}

/** What the index knows of one source. */
export interface SourceStatus {
  documents: number;
  chunks: number;
  /** ISO time of the last sync that finished. */
  lastSyncAt?: string;
  /** Documents (or rows, or pages) the last sync could not load. */
  errors: LoadError[];
}

export interface SyncReport {
  /** Files indexed for the first time. */
  added: number;
  /** Files whose content changed and were re-embedded. */
  updated: number;
  /** Files gone from the folder (or now unreadable) whose chunks were deleted. */
  removed: number;
  unchanged: number;
  /** Chunks in the index after the sync. */
  chunks: number;
  /** Files that could not be read or decoded; the rest were indexed. */
  errors: LoadError[];
}

export interface KnowledgeStats {
  embeddingsId: string;
  /** Where the index lives: DATA_DIR/index/<embeddingsId>. */
  directory: string;
  files: number;
  chunks: number;
  /** ISO time of the last sync that finished, if any. */
  lastSyncAt?: string;
  /** The knowledge folder of the last sync. */
  knowledgeDir?: string;
}
