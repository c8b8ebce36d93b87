// The knowledge index: for one embeddings model, the chunks of every source with their vectors (an HNSW graph) and
// their words (an inverted index for BM25), kept in DATA_DIR/index/<embeddingsId>/ as immutable generations
// (generation.ts) and a manifest of what the sources hold (manifest.ts).
//
// Chunks belong to sources (the KNOWLEDGE_DIR folder, a profile's uploaded files, snippets or website).
// syncSource() makes one source's chunks match a list of documents while embedding as little as possible:
// a document is re-embedded only when its content hash changed. The work runs on a worker thread
// (build-runner.ts, build-job.ts), which writes the next generation from the one in force; the manifest then
// names it (the commit) and searches switch to it at once. Until then they use the last complete generation,
// so a search never sees a half-applied document, and the server's event loop stays free throughout. A sync
// that changes nothing writes nothing, so a start with unchanged knowledge reads the index and writes no byte.
//
// search() ranks in one of three modes (the eval compares them): `vector` (cosine similarity), `bm25`
// (lexical-index.ts), and `hybrid`, the default: the union of the nearest vectors and the best BM25
// matches, rescored by a calibrated fusion of cosine similarity and IDF-weighted coverage (both in 0..1,
// so the score can be compared with the fixed "nothing relevant" thresholds of retrieve.ts).
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { BuildJob, BuildResult, EmbedderSpec, SourceDocuments, SyncInput } from './build-job.js';
import { folderUnchanged } from './folder-check.js';
import { runBuild, runMigration } from './build-runner.js';
import type { Snapshot } from './generation.js';
import { emptyGenerationData, generationFolder, readSnapshot, removeLeftovers, snapshotOf } from './generation.js';
import type { LexicalHit, PreparedQuery } from './lexical-index.js';
import { LEXICAL_THREAD_FROM, LexicalThread } from './lexical-thread.js';
import type { LoadOptions } from './loader.js';
import type { LegacyManifest, Manifest, SourceEntry } from './manifest.js';
import { fromLegacy, LEGACY_FILES, ownedChunkIds, readManifest, writeManifest } from './manifest.js';
import { OfflineEmbeddings } from './offline-embeddings.js';
import type { KnowledgeStats, ScoredChunk, SearchableIndex, SearchOptions, SourceStatus, SyncReport } from './types.js';

export type { SourceDocuments } from './build-job.js';

export interface OpenKnowledgeIndexOptions {
  dataDir: string;
  embeddings: EmbeddingsInterface;
  /** Identifies the embeddings model; the index folder is named after it. */
  embeddingsId: string;
  /** Candidate list size of the HNSW search (default: grows with the index, efSearchFor in hnsw-store.ts). */
  efSearch?: number;
  /** Chunks per embeddings request (default 64). */
  batchSize?: number;
  /** Where to say that an unreadable index is being rebuilt (default: console). */
  warn?: (message: string) => void;
  /** The clock of `lastSyncAt` (website re-sync schedules compare against it). */
  now?: () => number;
  /** Chunks from which BM25 ranks on a thread of its own beside the vector search (default LEXICAL_THREAD_FROM). */
  lexicalThreadFrom?: number;
}

export type SyncProgress = (done: number, total: number) => void;

/** The source key of the KNOWLEDGE_DIR folder. */
export const FOLDER_SOURCE = 'folder';

/** Share of cosine similarity in the hybrid score; the rest is lexical coverage. */
export const SIMILARITY_WEIGHT = 0.5;
/** Candidates taken from each side before rescoring. */
const MIN_CANDIDATES = 25;

function unit(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return norm > 0 ? vector.map((value) => value / norm) : vector;
}

/** dot(unit(stored), query) without the copy: the same operations in the same order, so the same bits. */
function cosine(stored: Float32Array, query: Float64Array): number {
  let squares = 0;
  for (let i = 0; i < stored.length; i += 1) squares += stored[i]! * stored[i]!;
  const norm = Math.sqrt(squares);
  let sum = 0;
  for (let i = 0; i < stored.length; i += 1) sum += (norm > 0 ? stored[i]! / norm : stored[i]!) * (i < query.length ? query[i]! : 0);
  return sum;
}

/** A folder name from an embeddings id ("openai-text-embedding-3-small@host:port" -> safe characters). */
export function indexFolderName(embeddingsId: string): string {
  return embeddingsId.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** Whether two states of a source differ in more than the time of their last sync. */
function sameEntry(a: SourceEntry | undefined, b: SourceEntry | undefined): boolean {
  const timeless = (entry: SourceEntry | undefined) => (entry === undefined ? undefined : JSON.stringify({ ...entry, lastSyncAt: undefined }));
  return timeless(a) === timeless(b);
}

function chunksOf(source: SourceEntry): number {
  return Object.values(source.documents).reduce((sum, document) => sum + document.chunks, 0);
}

/** A candidate of a search, scored before its text is read. */
interface Candidate {
  slot: number;
  score: number;
  similarity?: number;
  coverage: number;
  bm25: number;
}

const productsBySnapshot = new WeakMap<Snapshot, Array<{ chunk: ScoredChunk; source: string }>>();

export class KnowledgeIndex implements SearchableIndex {
  /** Serialises syncs: each one builds on the generation the one before it committed. */
  private queue: Promise<unknown> = Promise.resolve();
  private snapshot = snapshotOf(emptyGenerationData(), undefined);
  /** Settles once the generation in force is read (or found unreadable, and the index reset to be rebuilt). */
  private loaded: Promise<void> = Promise.resolve();

  private constructor(
    private manifest: Manifest,
    readonly directory: string,
    private readonly embeddings: EmbeddingsInterface,
    readonly embeddingsId: string,
    private readonly batchSize: number,
    private readonly now: () => number,
    private readonly efSearch: number | undefined,
    private readonly lexicalThread: LexicalThread,
  ) {}

  /** Puts a generation in force: searches read it from now on, and the lexical thread opens it when it is large. */
  private inForce(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    this.lexicalThread.use(snapshot);
  }

  /** Hybrid searches whose BM25 side the lexical thread ranked (the others ranked it on the main thread). */
  get searchesOnThread(): number {
    return this.lexicalThread.answered;
  }

  /**
   * Opens the index of `options.dataDir`: reads its manifest and starts reading the generation in force, which
   * searches and syncs wait for (a start meanwhile compares KNOWLEDGE_DIR with the manifest).
   */
  static async open(options: OpenKnowledgeIndexOptions): Promise<KnowledgeIndex> {
    const directory = join(options.dataDir, 'index', indexFolderName(options.embeddingsId));
    await mkdir(directory, { recursive: true });
    const warn = options.warn ?? console.warn;
    const fresh = (): Manifest => ({ version: 3, embeddingsId: options.embeddingsId, sources: {} });
    let manifest = fresh();
    try {
      const stored = await readManifest(directory, options.embeddingsId);
      manifest = stored.version === 3 ? stored : await KnowledgeIndex.migrate(directory, stored);
    } catch (error) {
      // A missing manifest is a first start; an unreadable or outdated index is rebuilt from the sources.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') KnowledgeIndex.unreadable(warn, directory, error);
    }
    // What a build or a write cut short by a crash left, and the files of an index migrated or given up.
    await removeLeftovers(directory, manifest.generation);
    for (const file of Object.values(LEGACY_FILES)) await rm(join(directory, file), { force: true });
    const thread = new LexicalThread(options.lexicalThreadFrom ?? LEXICAL_THREAD_FROM, warn);
    const index = new KnowledgeIndex(manifest, directory, options.embeddings, options.embeddingsId, options.batchSize ?? 64, options.now ?? Date.now, options.efSearch, thread);
    const generation = manifest.generation;
    if (generation !== undefined) {
      index.loaded = readSnapshot(generationFolder(directory, generation)).then(
        (snapshot) => index.inForce(snapshot),
        (error: unknown) => {
          KnowledgeIndex.unreadable(warn, directory, error);
          index.manifest = fresh();
        },
      );
    }
    return index;
  }

  private static unreadable(warn: (message: string) => void, directory: string, error: unknown): void {
    warn(`knowledge index in ${directory} is unreadable (${String(error)}); it will be rebuilt`);
  }

  /** Turns an index written before generations into generation 1 (its vectors are kept: nothing is embedded again). */
  private static async migrate(directory: string, legacy: LegacyManifest): Promise<Manifest> {
    const manifest = fromLegacy(legacy, 1);
    await runMigration(directory, generationFolder(directory, 1), [...ownedChunkIds(manifest.sources)]);
    await writeManifest(directory, manifest);
    return manifest;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Makes the FOLDER_SOURCE match `knowledgeDir` (KNOWLEDGE_DIR). Only new and changed files are embedded. */
  async sync(knowledgeDir: string, onProgress?: SyncProgress, options: LoadOptions = {}): Promise<SyncReport> {
    return this.syncFolder(FOLDER_SOURCE, knowledgeDir, options, onProgress);
  }

  /** Makes a source's chunks match the files of a folder, read by the build worker. Only new and changed files are embedded. */
  syncFolder(source: string, folder: string, options: LoadOptions = {}, onProgress?: SyncProgress): Promise<SyncReport> {
    return this.enqueue(() => this.runSync(source, { kind: 'folder', folder, options, origin: folder }, onProgress));
  }

  /** Makes one source's chunks match `documents`. Only new and changed documents are embedded. */
  syncSource(source: string, documents: SourceDocuments, onProgress?: SyncProgress): Promise<SyncReport> {
    return this.enqueue(() => this.runSync(source, { kind: 'documents', documents }, onProgress));
  }

  /** Deletes every chunk of a source and forgets it (disconnected or deleted). */
  async removeSource(source: string): Promise<void> {
    await this.enqueue(() => this.runSync(source, { kind: 'remove' }));
  }

  private embedder(): EmbedderSpec {
    // Offline vectors are computed in the worker; a model's are requested from here (network I/O).
    return this.embeddings instanceof OfflineEmbeddings ? { kind: 'offline', dimensions: this.embeddings.dimensions } : { kind: 'caller' };
  }

  /** Whether a folder sync has nothing to do: the folder holds what the source indexed (no worker needed then). */
  private async folderUnchanged(source: string, input: SyncInput): Promise<boolean> {
    if (input.kind !== 'folder') {
      await this.loaded;
      return false;
    }
    // Read while the generation in force is still being read at start; a reset index (unreadable) changes nothing.
    const previous = this.manifest.sources[source];
    const [unchanged] = await Promise.all([folderUnchanged(input.folder, previous, input.options), this.loaded]);
    return unchanged && this.manifest.sources[source] === previous;
  }

  private async runSync(source: string, input: SyncInput, onProgress?: SyncProgress): Promise<SyncReport> {
    const unchanged = await this.folderUnchanged(source, input);
    const job: BuildJob = {
      directory: this.directory,
      current: this.manifest.generation,
      next: (this.manifest.generation ?? 0) + 1,
      source,
      previous: this.manifest.sources[source],
      sourceKeys: Object.keys(this.manifest.sources),
      input,
      embeddings: this.embedder(),
      batchSize: this.batchSize,
    };
    const previous = this.manifest.sources[source];
    const result: BuildResult =
      unchanged && previous !== undefined
        ? { entry: { ...previous }, added: 0, updated: 0, removed: 0, unchanged: Object.keys(previous.documents).length, written: false, chunks: this.snapshot.chunks.size }
        : await runBuild(job, { embed: (texts) => this.embeddings.embedDocuments(texts), ...(onProgress ? { progress: onProgress } : {}) });
    const entry = result.entry;
    if (entry !== undefined) {
      // A sync that failed part-way has not finished: the source keeps the time of the last one that did.
      const lastSyncAt = result.failure === undefined ? new Date(this.now()).toISOString() : previous?.lastSyncAt;
      if (lastSyncAt !== undefined) entry.lastSyncAt = lastSyncAt;
    }
    const sources = { ...this.manifest.sources };
    if (entry === undefined) delete sources[source];
    else sources[source] = entry;
    const manifest: Manifest = { ...this.manifest, sources };
    if (result.written) manifest.generation = job.next;
    // The folder is synced at every start: when nothing in it changed, its time is not worth a write. Other
    // sources keep their time on disk (a website's re-sync schedule counts from it).
    const changed = result.written || !sameEntry(previous, entry) || (source !== FOLDER_SOURCE && entry !== undefined);
    // The new generation is opened before the manifest names it: an unreadable one leaves the old in force.
    const snapshot = result.written ? await readSnapshot(generationFolder(this.directory, job.next)) : this.snapshot;
    if (changed) await writeManifest(this.directory, manifest);
    this.manifest = manifest;
    this.inForce(snapshot);
    if (result.written) await removeLeftovers(this.directory, job.next);
    if (result.failure !== undefined) throw new Error(result.failure);
    return {
      added: result.added,
      updated: result.updated,
      removed: result.removed,
      unchanged: result.unchanged,
      chunks: result.chunks,
      errors: entry?.errors ?? [],
    };
  }

  /**
   * A candidate's lexical scores (`lexical` when top() gave them already) and hybrid score (the bm25 mode passes
   * the coverage as its score).
   */
  private candidate(snapshot: Snapshot, slot: number, query: PreparedQuery, similarity: number | undefined, score?: number, lexical?: { bm25: number; coverage: number }): Candidate {
    const { bm25, coverage } = lexical ?? snapshot.lexical.scoreAt(query, slot);
    const candidate: Candidate = {
      slot,
      score: score ?? SIMILARITY_WEIGHT * Math.max(0, similarity ?? 0) + (1 - SIMILARITY_WEIGHT) * coverage,
      coverage,
      bm25,
    };
    if (similarity !== undefined) candidate.similarity = similarity;
    return candidate;
  }

  private static scored(snapshot: Snapshot, candidate: Candidate): ScoredChunk {
    const { id, text, metadata } = snapshot.chunks.chunk(candidate.slot);
    const chunk: ScoredChunk = { id, text, score: candidate.score, coverage: candidate.coverage, bm25: candidate.bm25, metadata };
    if (candidate.similarity !== undefined) chunk.similarity = candidate.similarity;
    return chunk;
  }

  /**
   * The catalog's product chunks, in index order, optionally within some sources: what "jual apa aja?" lists. Read
   * once per generation (every record is decoded to find them), then kept with it.
   */
  async products(sources?: ReadonlySet<string>): Promise<ScoredChunk[]> {
    await this.loaded;
    const snapshot = this.snapshot;
    let all = productsBySnapshot.get(snapshot);
    if (all === undefined) {
      all = [];
      for (let slot = 0; slot < snapshot.chunks.size; slot += 1) {
        const { id, text, metadata } = snapshot.chunks.chunk(slot);
        if (metadata.product !== undefined) all.push({ chunk: { id, text, score: 1, metadata }, source: snapshot.chunks.sourceOf(slot) });
      }
      productsBySnapshot.set(snapshot, all);
    }
    return all.filter((product) => sources === undefined || sources.has(product.source)).map((product) => product.chunk);
  }

  /** Whether the current generation's chunks use a term anywhere. */
  knows(term: string): boolean {
    return this.snapshot.lexical.knows(term);
  }

  /** The k chunks that best match the query, best first (hybrid unless `options.mode` says otherwise). */
  async search(query: string, k: number, options: SearchOptions = {}): Promise<ScoredChunk[]> {
    await this.loaded;
    // One generation for the whole search, even if a sync commits a newer one while it waits for the query vector.
    const snapshot = this.snapshot;
    const { chunks, lexical, graph } = snapshot;
    if (query.trim().length === 0 || k <= 0 || chunks.size === 0) return [];
    const mode = options.mode ?? 'hybrid';
    const sources = options.sources;
    const prepared = lexical.prepare(query);
    if (mode === 'bm25') {
      // Ranked by BM25; the score is the coverage, the calibrated lexical relevance.
      return lexical.top(prepared, k, sources).map((hit) => KnowledgeIndex.scored(snapshot, this.candidate(snapshot, hit.slot, prepared, undefined, hit.coverage, hit)));
    }
    const wanted = mode === 'vector' ? k : Math.max(k * 5, MIN_CANDIDATES);
    // The BM25 side starts on its thread (a large index) and ranks while this one embeds and walks the graph.
    const onThread = mode === 'hybrid' && graph !== undefined ? this.lexicalThread.top(snapshot, prepared, wanted, sources)?.catch(() => undefined) : undefined;
    const vector = unit(await this.embeddings.embedQuery(query));
    const accept =
      sources === undefined
        ? undefined
        : (label: number): boolean => {
            const slot = chunks.slotOfLabel(label);
            return slot !== undefined && sources.has(chunks.sourceOf(slot));
          };
    const similarities = new Map<number, number>();
    const efSearch = this.efSearch === undefined ? {} : { efSearch: this.efSearch };
    for (const hit of graph?.nearest(vector, wanted, { ...efSearch, ...(accept ? { accept } : {}) }) ?? []) {
      // A label without a chunk was deleted: never returned, whatever the graph says.
      const slot = chunks.slotOfLabel(hit.label);
      if (slot !== undefined) similarities.set(slot, hit.similarity);
    }
    const lexicalHits = new Map<number, LexicalHit>();
    if (mode === 'hybrid' && graph !== undefined) {
      // A typed copy: the number[] from the embedder changes its element kind with the values, and each change
      // made the optimised cosine() start over (allocating a number per step meanwhile).
      const typed = Float64Array.from(vector);
      for (const hit of (onThread && (await onThread)) ?? lexical.top(prepared, wanted, sources)) {
        lexicalHits.set(hit.slot, hit);
        if (!similarities.has(hit.slot)) similarities.set(hit.slot, cosine(chunks.vectorOf(hit.slot), typed));
      }
    }
    const candidates = [...similarities].map(([slot, similarity]) =>
      this.candidate(snapshot, slot, prepared, similarity, mode === 'vector' ? similarity : undefined, lexicalHits.get(slot)),
    );
    return candidates
      .sort((a, b) => b.score - a.score)
      .slice(0, k)
      .map((candidate) => KnowledgeIndex.scored(snapshot, candidate));
  }

  /** True when `files` differ from what the index holds for the source (a sync would change something). */
  differs(source: string, files: readonly { path: string; hash: string }[]): boolean {
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
      chunks: chunksOf(entry),
      errors: entry.errors,
    };
    if (entry.lastSyncAt !== undefined) status.lastSyncAt = entry.lastSyncAt;
    return status;
  }

  /** The documents of one source, by path, with their title and chunk count (the Knowledge tab's folder card). */
  sourceDocuments(source: string): Array<{ path: string; title: string; chunks: number }> {
    const entry = this.manifest.sources[source];
    if (entry === undefined) return [];
    return Object.entries(entry.documents)
      .map(([path, document]) => ({ path, title: document.title, chunks: document.chunks }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  stats(): KnowledgeStats {
    const sources = Object.values(this.manifest.sources);
    const syncs = sources.flatMap((source) => (source.lastSyncAt === undefined ? [] : [source.lastSyncAt])).sort();
    const stats: KnowledgeStats = {
      embeddingsId: this.embeddingsId,
      directory: this.directory,
      files: sources.reduce((sum, source) => sum + Object.keys(source.documents).length, 0),
      // From the manifest, which names the chunks of the generation in force: known before that is read.
      chunks: sources.reduce((sum, source) => sum + chunksOf(source), 0),
    };
    const lastSyncAt = syncs.at(-1);
    if (lastSyncAt !== undefined) stats.lastSyncAt = lastSyncAt;
    const knowledgeDir = this.manifest.sources[FOLDER_SOURCE]?.origin;
    if (knowledgeDir !== undefined) stats.knowledgeDir = knowledgeDir;
    return stats;
  }
}
