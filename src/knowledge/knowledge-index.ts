// The knowledge index: the vector store of one embeddings model plus a manifest of what it holds, kept in
// DATA_DIR/index/<embeddingsId>/, and an in-memory lexical (BM25) index rebuilt from the store at start.
//
// Chunks belong to sources (the KNOWLEDGE_DIR folder, a profile's uploaded files, snippets or website).
// syncSource() makes one source's chunks match a list of documents while embedding as little as possible:
// a document is re-embedded only when its content hash changed. Chunks of changed and removed documents
// are deleted from the store and the manifest in the same save, and any chunk the manifest does not own
// is deleted on every commit, so an old chunk can never come back, even after a crash between two writes.
//
// search() ranks in one of three modes (the eval compares them): `vector` (cosine similarity), `bm25`
// (lexical-index.ts), and `hybrid`, the default: the union of the nearest vectors and the best BM25
// matches, rescored by a calibrated fusion of cosine similarity and IDF-weighted coverage (both in 0..1,
// so the score can be compared with the fixed "nothing relevant" thresholds of retrieve.ts).
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Chunk } from './chunker.js';
import { chunkDocument } from './chunker.js';
import { HnswStore, writeFileAtomic } from './hnsw-store.js';
import type { PreparedQuery } from './lexical-index.js';
import { LexicalIndex } from './lexical-index.js';
import type { LoadedFile, LoadError, LoadOptions } from './loader.js';
import { loadKnowledgeFolder } from './loader.js';
import type { ChunkMetadata, KnowledgeStats, ScoredChunk, SearchableIndex, SearchOptions, SourceStatus, SyncReport } from './types.js';

export interface OpenKnowledgeIndexOptions {
  dataDir: string;
  embeddings: EmbeddingsInterface;
  /** Identifies the embeddings model; the index folder is named after it. */
  embeddingsId: string;
  /** Candidate list size of the HNSW search (default 128, see hnsw-store.ts). */
  efSearch?: number;
  /** Chunks per embeddings request (default 64). */
  batchSize?: number;
  /** Where to say that an unreadable index is being rebuilt (default: console). */
  warn?: (message: string) => void;
  /** The clock of `lastSyncAt` (website re-sync schedules compare against it). */
  now?: () => number;
}

export type SyncProgress = (done: number, total: number) => void;

/** The source key of the KNOWLEDGE_DIR folder. */
export const FOLDER_SOURCE = 'folder';

/** What a source holds now, for syncSource. */
export interface SourceDocuments {
  files: LoadedFile[];
  /** Documents that could not be loaded, and skipped parts (catalog rows): the source's status shows them. */
  errors: LoadError[];
  /** Paths absent from `files` whose indexed version must be kept (a page that timed out), or all of them. */
  keep?: string[] | 'all';
  /** Where the documents came from (a folder, a URL), for the status. */
  origin?: string;
}

interface ManifestEntry {
  hash: string;
  title: string;
  chunkIds: string[];
}

interface SourceEntry {
  origin?: string;
  lastSyncAt?: string;
  errors: LoadError[];
  documents: Record<string, ManifestEntry>;
}

interface Manifest {
  version: 2;
  embeddingsId: string;
  sources: Record<string, SourceEntry>;
}

const MANIFEST_FILE = 'manifest.json';

/** Share of cosine similarity in the hybrid score; the rest is lexical coverage. */
export const SIMILARITY_WEIGHT = 0.5;
/** Candidates taken from each side before rescoring. */
const MIN_CANDIDATES = 25;

/** What the lexical index sees of a chunk: its words plus the title and heading it sits under. */
function lexicalText(text: string, metadata: Partial<ChunkMetadata>): string {
  return [metadata.title, metadata.heading, text].filter((part) => part !== undefined).join('\n');
}

function unit(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return norm > 0 ? vector.map((value) => value / norm) : vector;
}

function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * (b[i] ?? 0);
  return sum;
}

/** A folder name from an embeddings id ("openai-text-embedding-3-small@host:port" -> safe characters). */
export function indexFolderName(embeddingsId: string): string {
  return embeddingsId.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** Chunk ids depend on the source, the document and its content, so re-adding the same content is an upsert. */
function chunkId(source: string, file: LoadedFile, position: number): string {
  return `${source}:${file.path}#${file.hash.slice(0, 16)}#${position}`;
}

interface PendingFile {
  file: LoadedFile;
  chunks: Chunk[];
  vectors: number[][];
  isNew: boolean;
}

export class KnowledgeIndex implements SearchableIndex {
  /** Serialises syncs: two at once would both read the same manifest. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly lexical = new LexicalIndex();

  private constructor(
    private readonly store: HnswStore,
    private manifest: Manifest,
    readonly directory: string,
    private readonly embeddings: EmbeddingsInterface,
    readonly embeddingsId: string,
    private readonly batchSize: number,
    private readonly now: () => number,
  ) {
    for (const document of store.documents()) {
      const metadata = document.metadata as ChunkMetadata;
      this.lexical.add(document.id ?? '', lexicalText(document.pageContent, metadata), metadata.sourceId);
    }
  }

  private async deleteChunks(ids: string[]): Promise<void> {
    await this.store.delete({ ids });
    for (const id of ids) this.lexical.remove(id);
  }

  static async open(options: OpenKnowledgeIndexOptions): Promise<KnowledgeIndex> {
    const directory = join(options.dataDir, 'index', indexFolderName(options.embeddingsId));
    await mkdir(directory, { recursive: true });
    const storeOptions = options.efSearch === undefined ? {} : { efSearch: options.efSearch };
    let store: HnswStore;
    let manifest: Manifest;
    try {
      store = await HnswStore.load(directory, options.embeddings, storeOptions);
      manifest = JSON.parse(await readFile(join(directory, MANIFEST_FILE), 'utf8')) as Manifest;
      if (manifest.version !== 2) throw new Error(`index format ${String(manifest.version)} is outdated`);
      if (manifest.embeddingsId !== options.embeddingsId) throw new Error('manifest mismatch');
    } catch (error) {
      // A missing store is a first start; an unreadable or outdated one is rebuilt from the sources.
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (!missing) (options.warn ?? console.warn)(`knowledge index in ${directory} is unreadable (${String(error)}); it will be rebuilt`);
      store = new HnswStore(options.embeddings, storeOptions);
      manifest = { version: 2, embeddingsId: options.embeddingsId, sources: {} };
    }
    return new KnowledgeIndex(store, manifest, directory, options.embeddings, options.embeddingsId, options.batchSize ?? 64, options.now ?? Date.now);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Makes the FOLDER_SOURCE match `knowledgeDir` (KNOWLEDGE_DIR). Only new and changed files are embedded. */
  async sync(knowledgeDir: string, onProgress?: SyncProgress, options: LoadOptions = {}): Promise<SyncReport> {
    const loaded = await loadKnowledgeFolder(knowledgeDir, options);
    return this.syncSource(FOLDER_SOURCE, { ...loaded, origin: knowledgeDir }, onProgress);
  }

  /** Makes one source's chunks match `documents`. Only new and changed documents are embedded. */
  syncSource(source: string, documents: SourceDocuments, onProgress?: SyncProgress): Promise<SyncReport> {
    return this.enqueue(() => this.runSync(source, documents, onProgress));
  }

  /** Deletes every chunk of a source and forgets it (disconnected or deleted). */
  removeSource(source: string): Promise<void> {
    return this.enqueue(async () => {
      const sources = { ...this.manifest.sources };
      delete sources[source];
      await this.commit(sources);
    });
  }

  private async runSync(source: string, documents: SourceDocuments, onProgress?: SyncProgress): Promise<SyncReport> {
    const previous = this.manifest.sources[source]?.documents ?? {};
    const keep = documents.keep === 'all' ? Object.keys(previous) : (documents.keep ?? []);
    const seen = new Set([...documents.files.map((file) => file.path), ...keep]);
    let unchanged = 0;
    const pending: PendingFile[] = [];
    for (const file of documents.files) {
      const entry = previous[file.path];
      if (entry?.hash === file.hash) {
        unchanged += 1;
        continue;
      }
      const chunks = (await chunkDocument(file)).map((chunk) => ({ ...chunk, metadata: { ...chunk.metadata, sourceId: source } }));
      pending.push({ file, chunks, vectors: [], isNew: entry === undefined });
    }
    const removedPaths = Object.keys(previous).filter((path) => !seen.has(path));

    const next: Record<string, ManifestEntry> = { ...previous };
    for (const path of removedPaths) {
      await this.deleteChunks(previous[path]?.chunkIds ?? []);
      delete next[path];
    }

    let report = { added: 0, updated: 0 };
    const entry: SourceEntry = { errors: documents.errors, documents: next };
    if (documents.origin !== undefined) entry.origin = documents.origin;
    try {
      report = await this.embedAndApply(source, pending, next, onProgress);
      entry.lastSyncAt = new Date(this.now()).toISOString();
    } finally {
      // Save what was applied, even when embedding failed part-way (the rest is retried next time).
      const last = this.manifest.sources[source]?.lastSyncAt;
      if (entry.lastSyncAt === undefined && last !== undefined) entry.lastSyncAt = last;
      await this.commit({ ...this.manifest.sources, [source]: entry });
    }
    return {
      added: report.added,
      updated: report.updated,
      removed: removedPaths.length,
      unchanged,
      chunks: this.store.size,
      errors: documents.errors,
    };
  }

  /**
   * Embeds the chunks of the pending files in batches across files (few requests for many small files)
   * and applies each file once all its chunks have vectors: its old chunks out, its new chunks in.
   */
  private async embedAndApply(
    source: string,
    pending: PendingFile[],
    next: Record<string, ManifestEntry>,
    onProgress?: SyncProgress,
  ): Promise<{ added: number; updated: number }> {
    const queue = pending.flatMap((item) => item.chunks.map((chunk) => ({ item, chunk })));
    const total = queue.length;
    let done = 0;
    let added = 0;
    let updated = 0;
    onProgress?.(0, total);
    const apply = async (item: PendingFile): Promise<void> => {
      const old = next[item.file.path]?.chunkIds ?? [];
      await this.deleteChunks(old);
      const ids = item.chunks.map((_, position) => chunkId(source, item.file, position));
      const documents = item.chunks.map(
        (chunk, position) => new Document<ChunkMetadata>({ id: ids[position], pageContent: chunk.text, metadata: chunk.metadata }),
      );
      await this.store.addVectors(item.vectors, documents, { ids });
      item.chunks.forEach((chunk, position) => this.lexical.add(ids[position]!, lexicalText(chunk.text, chunk.metadata), source));
      next[item.file.path] = { hash: item.file.hash, title: item.file.title, chunkIds: ids };
      if (item.isNew) added += 1;
      else updated += 1;
    };
    // Files that split into no chunks (only headings) still replace their old version.
    for (const item of pending) if (item.chunks.length === 0) await apply(item);

    for (let start = 0; start < total; start += this.batchSize) {
      const batch = queue.slice(start, start + this.batchSize);
      const vectors = await this.embeddings.embedDocuments(batch.map(({ chunk }) => chunk.embedText));
      if (vectors.length !== batch.length) throw new Error(`embeddings returned ${vectors.length} vectors for ${batch.length} texts`);
      const completed = new Set<PendingFile>();
      batch.forEach(({ item }, i) => {
        item.vectors.push(vectors[i]!);
        if (item.vectors.length === item.chunks.length) completed.add(item);
      });
      for (const item of completed) await apply(item);
      done += batch.length;
      onProgress?.(done, total);
    }
    return { added, updated };
  }

  /** Deletes chunks no source owns, then writes the store and the manifest. */
  private async commit(sources: Record<string, SourceEntry>): Promise<void> {
    const owned = new Set(Object.values(sources).flatMap((source) => Object.values(source.documents).flatMap((entry) => entry.chunkIds)));
    await this.deleteChunks(this.store.ids().filter((id) => !owned.has(id)));
    this.manifest = { version: 2, embeddingsId: this.embeddingsId, sources };
    await this.store.save(this.directory);
    await writeFileAtomic(join(this.directory, MANIFEST_FILE), JSON.stringify(this.manifest));
  }

  /**
   * A chunk with its scores. Without a `score` it gets the hybrid one (needs `similarity`); the bm25
   * mode has no similarity and passes the coverage as its score.
   */
  private toScored(id: string, query: PreparedQuery, similarity: number | undefined, score?: number): ScoredChunk | undefined {
    const document = this.store.get(id);
    if (document === undefined) return undefined;
    const { bm25, coverage } = this.lexical.scoreOf(query, id);
    const chunk: ScoredChunk = {
      id,
      text: document.pageContent,
      score: score ?? SIMILARITY_WEIGHT * Math.max(0, similarity ?? 0) + (1 - SIMILARITY_WEIGHT) * coverage,
      coverage,
      bm25,
      metadata: document.metadata as ChunkMetadata,
    };
    if (similarity !== undefined) chunk.similarity = similarity;
    return chunk;
  }

  /** The k chunks that best match the query, best first (hybrid unless `options.mode` says otherwise). */
  async search(query: string, k: number, options: SearchOptions = {}): Promise<ScoredChunk[]> {
    if (query.trim().length === 0 || k <= 0 || this.store.size === 0) return [];
    const mode = options.mode ?? 'hybrid';
    const sources = options.sources;
    const prepared = this.lexical.prepare(query);
    const scored: ScoredChunk[] = [];
    if (mode === 'bm25') {
      // Ranked by BM25; the score is the coverage, the calibrated lexical relevance.
      for (const hit of this.lexical.top(prepared, k, sources)) {
        const chunk = this.toScored(hit.id, prepared, undefined, hit.coverage);
        if (chunk !== undefined) scored.push(chunk);
      }
      return scored;
    }
    const vector = unit(await this.embeddings.embedQuery(query));
    const accept = sources === undefined ? undefined : (stored: { metadata: Record<string, unknown> }) => sources.has(String(stored.metadata.sourceId));
    const candidates = mode === 'vector' ? k : Math.max(k * 5, MIN_CANDIDATES);
    const similarities = new Map<string, number>();
    for (const hit of this.store.nearest(vector, candidates, accept)) similarities.set(hit.id, hit.similarity);
    if (mode === 'hybrid') {
      for (const hit of this.lexical.top(prepared, candidates, sources)) {
        if (similarities.has(hit.id)) continue;
        const stored = this.store.vectorOf(hit.id);
        if (stored !== undefined) similarities.set(hit.id, dot(unit(stored), vector));
      }
    }
    for (const [id, similarity] of similarities) {
      const chunk = this.toScored(id, prepared, similarity, mode === 'vector' ? similarity : undefined);
      if (chunk !== undefined) scored.push(chunk);
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, k);
  }

  /** True when `files` differ from what the index holds for the source (a sync would change something). */
  differs(source: string, files: readonly LoadedFile[]): boolean {
    const indexed = this.manifest.sources[source]?.documents;
    if (indexed === undefined || Object.keys(indexed).length !== files.length) return true;
    return files.some((file) => indexed[file.path]?.hash !== file.hash);
  }

  /** The keys of the sources the index holds chunks or a status for. */
  sourceKeys(): string[] {
    return Object.keys(this.manifest.sources);
  }

  sourceStatus(source: string): SourceStatus | undefined {
    const entry = this.manifest.sources[source];
    if (entry === undefined) return undefined;
    const documents = Object.values(entry.documents);
    const status: SourceStatus = {
      documents: documents.length,
      chunks: documents.reduce((sum, document) => sum + document.chunkIds.length, 0),
      errors: entry.errors,
    };
    if (entry.lastSyncAt !== undefined) status.lastSyncAt = entry.lastSyncAt;
    return status;
  }

  stats(): KnowledgeStats {
    const sources = Object.values(this.manifest.sources);
    const syncs = sources.flatMap((source) => (source.lastSyncAt === undefined ? [] : [source.lastSyncAt])).sort();
    const stats: KnowledgeStats = {
      embeddingsId: this.embeddingsId,
      directory: this.directory,
      files: sources.reduce((sum, source) => sum + Object.keys(source.documents).length, 0),
      chunks: this.store.size,
    };
    const lastSyncAt = syncs.at(-1);
    if (lastSyncAt !== undefined) stats.lastSyncAt = lastSyncAt;
    const knowledgeDir = this.manifest.sources[FOLDER_SOURCE]?.origin;
    if (knowledgeDir !== undefined) stats.knowledgeDir = knowledgeDir;
    return stats;
  }
}
