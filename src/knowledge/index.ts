// The knowledge module's public surface: what the rest of Jawab imports.
export { createEmbeddings, DEFAULT_EMBEDDING_MODEL } from './embeddings.js';
export type { EmbeddingsChoice, EmbeddingsEnv } from './embeddings.js';
export { HnswGraph } from './hnsw-store.js';
export type { HnswOptions } from './hnsw-store.js';
export { KnowledgeIndex } from './knowledge-index.js';
export type { OpenKnowledgeIndexOptions, SyncProgress } from './knowledge-index.js';
export { loadKnowledgeFolder } from './loader.js';
export type { LoadedFile, LoadError, LoadResult } from './loader.js';
export { OfflineEmbeddings } from './offline-embeddings.js';
export { DEFAULT_RETRIEVE, isRelevant, retrieve, sharedTerms } from './retrieve.js';
export type { Retrieval, RetrieveOptions } from './retrieve.js';
export type { ChunkMetadata, KnowledgeStats, ScoredChunk, SearchableIndex, SyncReport } from './types.js';
