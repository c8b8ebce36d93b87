// The knowledge index: the vector store of one embeddings model plus a manifest of what it holds,
// kept in DATA_DIR/index/<embeddingsId>/, and an in-memory lexical index for hybrid search.
//
// search() ranks by a mix of cosine similarity (meaning) and IDF-weighted word coverage (lexical-index.ts):
// the union of the nearest vectors and the best lexical matches is rescored, so a passage that names
// the rare word of the question ("Surabaya") beats one that only shares the common words.
//
// sync() makes the index match a knowledge folder while embedding as little as possible: a file is
// re-embedded only when its content hash changed. Chunks of changed and removed files are deleted
// from the store and the manifest in the same save, and any chunk the manifest does not own is deleted
// on every sync, so an old chunk can never come back, even after a crash between two writes.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Chunk } from './chunker.js';
import { chunkDocument } from './chunker.js';
import { HnswStore, writeFileAtomic } from './hnsw-store.js';
import { LexicalIndex } from './lexical-index.js';
import type { LoadedFile } from './loader.js';
import { loadKnowledgeFolder } from './loader.js';
import type { ChunkMetadata, KnowledgeStats, ScoredChunk, SearchableIndex, SyncReport } from './types.js';

export interface OpenKnowledgeIndexOptions {
  dataDir: string;
  embeddings: EmbeddingsInterface;
  /** Identifies the embeddings model; the index folder is named after it. */
  embeddingsId: string;
  /** Candidate list size of the HNSW search (default 64). */
  efSearch?: number;
  /** Chunks per embeddings request (default 64). */
  batchSize?: number;
  /** Where to say that an unreadable index is being rebuilt (default: console). */
  warn?: (message: string) => void;
}

export type SyncProgress = (done: number, total: number) => void;

interface ManifestEntry {
  hash: string;
  title: string;
  chunkIds: string[];
}

interface Manifest {
  version: 1;
  embeddingsId: string;
  knowledgeDir?: string;
  lastSyncAt?: string;
  files: Record<string, ManifestEntry>;
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

/** Chunk ids depend on the file and its content, so re-adding the same content is an upsert. */
function chunkId(file: LoadedFile, position: number): string {
  return `${file.path}#${file.hash.slice(0, 16)}#${position}`;
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
  ) {
    for (const document of store.documents()) {
      this.lexical.add(document.id ?? '', lexicalText(document.pageContent, document.metadata as ChunkMetadata));
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
      if (manifest.version !== 1 || manifest.embeddingsId !== options.embeddingsId) throw new Error('manifest mismatch');
    } catch (error) {
      // A missing store is a first start; an unreadable one is rebuilt from the knowledge folder.
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (!missing) (options.warn ?? console.warn)(`knowledge index in ${directory} is unreadable (${String(error)}); it will be rebuilt`);
      store = new HnswStore(options.embeddings, storeOptions);
      manifest = { version: 1, embeddingsId: options.embeddingsId, files: {} };
    }
    return new KnowledgeIndex(store, manifest, directory, options.embeddings, options.embeddingsId, options.batchSize ?? 64);
  }

  /** Makes the index match `knowledgeDir`. Only new and changed files are embedded. */
  sync(knowledgeDir: string, onProgress?: SyncProgress): Promise<SyncReport> {
    const run = this.queue.then(() => this.runSync(knowledgeDir, onProgress));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runSync(knowledgeDir: string, onProgress?: SyncProgress): Promise<SyncReport> {
    const { files, errors } = await loadKnowledgeFolder(knowledgeDir);
    const previous = this.manifest.files;
    const seen = new Set(files.map((file) => file.path));
    let unchanged = 0;
    const pending: PendingFile[] = [];
    for (const file of files) {
      const entry = previous[file.path];
      if (entry?.hash === file.hash) {
        unchanged += 1;
        continue;
      }
      pending.push({ file, chunks: await chunkDocument(file), vectors: [], isNew: entry === undefined });
    }
    const removedPaths = Object.keys(previous).filter((path) => !seen.has(path));

    const next: Record<string, ManifestEntry> = { ...previous };
    for (const path of removedPaths) {
      await this.deleteChunks(previous[path]?.chunkIds ?? []);
      delete next[path];
    }

    let report = { added: 0, updated: 0 };
    try {
      report = await this.embedAndApply(pending, next, onProgress);
    } finally {
      // Save what was applied, even when embedding failed part-way (the rest is retried next time).
      await this.commit(next, knowledgeDir);
    }
    return {
      added: report.added,
      updated: report.updated,
      removed: removedPaths.length,
      unchanged,
      chunks: this.store.size,
      errors,
    };
  }

  /**
   * Embeds the chunks of the pending files in batches across files (few requests for many small files)
   * and applies each file once all its chunks have vectors: its old chunks out, its new chunks in.
   */
  private async embedAndApply(
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
      const ids = item.chunks.map((_, position) => chunkId(item.file, position));
      const documents = item.chunks.map(
        (chunk, position) => new Document<ChunkMetadata>({ id: ids[position], pageContent: chunk.text, metadata: chunk.metadata }),
      );
      await this.store.addVectors(item.vectors, documents, { ids });
      item.chunks.forEach((chunk, position) => this.lexical.add(ids[position]!, lexicalText(chunk.text, chunk.metadata)));
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

  /** Deletes chunks nobody owns, then writes the store and the manifest. */
  private async commit(files: Record<string, ManifestEntry>, knowledgeDir: string): Promise<void> {
    const owned = new Set(Object.values(files).flatMap((entry) => entry.chunkIds));
    await this.deleteChunks(this.store.ids().filter((id) => !owned.has(id)));
    this.manifest = {
      version: 1,
      embeddingsId: this.embeddingsId,
      knowledgeDir,
      lastSyncAt: new Date().toISOString(),
      files,
    };
    await this.store.save(this.directory);
    await writeFileAtomic(join(this.directory, MANIFEST_FILE), JSON.stringify(this.manifest, null, 2));
  }

  /** The k chunks that best match the query by hybrid score, best first. */
  async search(query: string, k: number): Promise<ScoredChunk[]> {
    if (query.trim().length === 0 || k <= 0 || this.store.size === 0) return [];
    const vector = unit(await this.embeddings.embedQuery(query));
    const candidates = Math.max(k * 5, MIN_CANDIDATES);
    const similarities = new Map<string, number>();
    for (const [document, similarity] of await this.store.similaritySearchVectorWithScore(vector, candidates)) {
      similarities.set(document.id ?? '', similarity);
    }
    const prepared = this.lexical.prepare(query);
    for (const hit of this.lexical.top(prepared, candidates)) {
      if (similarities.has(hit.id)) continue;
      const stored = this.store.vectorOf(hit.id);
      if (stored !== undefined) similarities.set(hit.id, dot(unit(stored), vector));
    }
    const scored: ScoredChunk[] = [];
    for (const [id, similarity] of similarities) {
      const document = this.store.get(id);
      if (document === undefined) continue;
      const coverage = this.lexical.coverage(prepared, id);
      scored.push({
        id,
        text: document.pageContent,
        score: SIMILARITY_WEIGHT * Math.max(0, similarity) + (1 - SIMILARITY_WEIGHT) * coverage,
        similarity,
        coverage,
        metadata: document.metadata as ChunkMetadata,
      });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, k);
  }

  stats(): KnowledgeStats {
    const stats: KnowledgeStats = {
      embeddingsId: this.embeddingsId,
      directory: this.directory,
      files: Object.keys(this.manifest.files).length,
      chunks: this.store.size,
    };
    if (this.manifest.lastSyncAt !== undefined) stats.lastSyncAt = this.manifest.lastSyncAt;
    if (this.manifest.knowledgeDir !== undefined) stats.knowledgeDir = this.manifest.knowledgeDir;
    return stats;
  }
}
