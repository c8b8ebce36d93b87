// The work of one sync, run in the build worker (build-worker.ts) so that none of it holds up the server's event
// loop: load a folder, compare the documents with the manifest (a document is re-embedded only when its content hash
// changed), chunk the new and changed ones, embed them in batches across documents, and write the next generation of
// index files (generation.ts) from the one in force: its kept chunks, minus those of changed and removed documents
// and any chunk no source owns, plus the new ones. Nothing the server searches is touched; it swaps to the new
// generation once the manifest names it.
//
// Embedding fails part-way (a model service down): the documents embedded so far are still written, the others
// keep their previous version, and the failure is reported with the result, so the next sync embeds only the rest.
import type { Chunk } from './chunker.js';
import { chunkDocument } from './chunker.js';
import { buildChunkTable, type NewChunk } from './chunk-table.js';
import type { GenerationData } from './generation.js';
import { emptyGenerationData, generationFolder, readGenerationData, readGraph, writeGeneration } from './generation.js';
import { HnswGraph } from './hnsw-store.js';
import { buildLexicalData, lexicalDocument } from './lexical-build.js';
import type { LoadedFile, LoadError, LoadOptions } from './loader.js';
import { loadKnowledgeFolder } from './loader.js';
import type { ManifestEntry, SourceEntry } from './manifest.js';
import { chunkId, ownedChunkIds } from './manifest.js';
import type { ChunkMetadata } from './types.js';

/** What a source holds now, for a sync. */
export interface SourceDocuments {
  files: LoadedFile[];
  /** Documents that could not be loaded, and skipped parts (catalog rows): the source's status shows them. */
  errors: LoadError[];
  /** Paths absent from `files` whose indexed version must be kept (a page that timed out), or all of them. */
  keep?: string[] | 'all';
  /** Where the documents came from (a folder, a URL), for the status. */
  origin?: string;
}

export type SyncInput =
  | { kind: 'documents'; documents: SourceDocuments }
  /** A folder the worker loads itself (KNOWLEDGE_DIR): parsing PDFs and the like stays off the event loop too. */
  | { kind: 'folder'; folder: string; options: LoadOptions; origin: string }
  | { kind: 'remove' };

/** How the worker gets vectors: computes the offline ones itself, or asks the server for a model's. */
export type EmbedderSpec = { kind: 'offline'; dimensions: number } | { kind: 'caller' };

export interface BuildJob {
  /** The index folder (DATA_DIR/index/<embeddings>). */
  directory: string;
  /** The generation in force (undefined: none yet) and the number of the one to write. */
  current: number | undefined;
  next: number;
  source: string;
  /** What the manifest holds for the source now. */
  previous: SourceEntry | undefined;
  /** The keys of every source in the manifest: a chunk of any other source is no source's and goes. */
  sourceKeys: string[];
  input: SyncInput;
  embeddings: EmbedderSpec;
  /** Chunks per embeddings request. */
  batchSize: number;
}

export interface BuildResult {
  /** The source's entry after the sync (no lastSyncAt: the server keeps the time); undefined once removed. */
  entry: SourceEntry | undefined;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Whether generation `next` was written; false when no chunk changed. */
  written: boolean;
  /** Chunks in the index after the sync. */
  chunks: number;
  /** Why embedding stopped part-way, if it did. */
  failure?: string;
}

/** What the job needs from where it runs. */
export interface BuildContext {
  embed(texts: string[]): Promise<number[][]>;
  progress(done: number, total: number): void;
}

interface PendingFile {
  file: LoadedFile;
  chunks: Chunk[];
  /** 32-bit, as the graph stores them (half the memory of arrays of numbers, on a build of 100k chunks). */
  vectors: Float32Array[];
  isNew: boolean;
}

/** What the lexical index sees of a chunk: its words plus the title and heading it sits under. */
export function lexicalText(text: string, metadata: Partial<ChunkMetadata>): string {
  return [metadata.title, metadata.heading, text].filter((part) => part !== undefined).join('\n');
}

async function documentsOf(input: SyncInput): Promise<SourceDocuments | undefined> {
  switch (input.kind) {
    case 'documents':
      return input.documents;
    case 'folder':
      return { ...(await loadKnowledgeFolder(input.folder, input.options)), origin: input.origin };
    case 'remove':
      return undefined;
  }
}

export async function runBuildJob(job: BuildJob, context: BuildContext): Promise<BuildResult> {
  const { source } = job;
  const previous = job.previous?.documents ?? {};
  const documents = await documentsOf(job.input);
  const keep = documents === undefined ? [] : documents.keep === 'all' ? Object.keys(previous) : (documents.keep ?? []);
  const seen = new Set([...(documents?.files ?? []).map((file) => file.path), ...keep]);
  let unchanged = 0;
  const pending: PendingFile[] = [];
  for (const file of documents?.files ?? []) {
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
  for (const path of removedPaths) delete next[path];

  const { applied, failure } = await embed(pending, job.batchSize, context);
  for (const item of applied) {
    next[item.file.path] = { hash: item.file.hash, title: item.file.title, chunks: item.chunks.length };
  }
  let entry: SourceEntry | undefined;
  if (documents !== undefined) {
    entry = { errors: documents.errors, documents: next };
    if (documents.origin !== undefined) entry.origin = documents.origin;
  }

  // The chunks that stay: the source's as its entry now lists them, every other source's as they are.
  const owned = entry === undefined ? new Set<string>() : ownedChunkIds({ [source]: entry });
  const others = new Set(job.sourceKeys.filter((key) => key !== source));
  const { written, chunks } = await writeNext(job, (id, chunkSource) => (chunkSource === source ? owned.has(id) : others.has(chunkSource)), applied);
  const result: BuildResult = {
    entry,
    added: applied.filter((item) => item.isNew).length,
    updated: applied.filter((item) => !item.isNew).length,
    removed: removedPaths.length,
    unchanged,
    written,
    chunks,
  };
  if (failure !== undefined) result.failure = failure;
  return result;
}

/**
 * Embeds the chunks of the pending files in batches across files (few requests for many small files); a file is
 * applied once all its chunks have vectors. Stops at the first failure, with the files completed so far.
 */
async function embed(pending: PendingFile[], batchSize: number, context: BuildContext): Promise<{ applied: PendingFile[]; failure?: string }> {
  // Files that split into no chunks (only headings) still replace their old version.
  const applied = pending.filter((item) => item.chunks.length === 0);
  const queue = pending.flatMap((item) => item.chunks.map((chunk) => ({ item, chunk })));
  context.progress(0, queue.length);
  for (let start = 0; start < queue.length; start += batchSize) {
    const batch = queue.slice(start, start + batchSize);
    let vectors: number[][];
    try {
      vectors = await context.embed(batch.map(({ chunk }) => chunk.embedText));
      if (vectors.length !== batch.length) throw new Error(`embeddings returned ${vectors.length} vectors for ${batch.length} texts`);
    } catch (error) {
      return { applied, failure: error instanceof Error ? error.message : String(error) };
    }
    batch.forEach(({ item }, i) => {
      item.vectors.push(Float32Array.from(vectors[i]!));
      if (item.vectors.length === item.chunks.length) applied.push(item);
    });
    context.progress(Math.min(queue.length, start + batchSize), queue.length);
  }
  return { applied };
}

/** Writes generation `next` when a chunk changed: the current one's chunks that stay, then the new ones. */
async function writeNext(job: BuildJob, stays: (id: string, source: string) => boolean, applied: readonly PendingFile[]): Promise<{ written: boolean; chunks: number }> {
  const currentFolder = job.current === undefined ? undefined : generationFolder(job.directory, job.current);
  const data: GenerationData = currentFolder === undefined ? emptyGenerationData() : await readGenerationData(currentFolder);
  const added: NewChunk[] = applied.flatMap((item) =>
    item.chunks.map((chunk, position) => ({
      id: chunkId(job.source, item.file.path, item.file.hash, position),
      text: chunk.text,
      metadata: chunk.metadata,
      source: job.source,
      vector: item.vectors[position]!,
    })),
  );
  // A kept chunk whose id is added again (a sync retried after a partial one) is replaced, never doubled.
  const addedIds = new Set(added.map((chunk) => chunk.id));
  const kept = new Int32Array(data.chunks.ids.length);
  const dropped: number[] = [];
  let slot = 0;
  data.chunks.ids.forEach((id, old) => {
    if (stays(id, data.chunks.sources[data.chunks.source[old]!]!) && !addedIds.has(id)) kept[old] = slot++;
    else {
      kept[old] = -1;
      dropped.push(data.chunks.labels[old]!);
    }
  });
  if (added.length === 0 && dropped.length === 0) return { written: false, chunks: data.chunks.ids.length };

  let graph = currentFolder === undefined ? undefined : await readGraph(currentFolder, data);
  const first = added[0];
  if (graph === undefined && first !== undefined) graph = HnswGraph.create(first.vector.length, { initialCapacity: added.length });
  if (graph !== undefined) {
    graph.remove(dropped);
    const labels = added.map((_, i) => data.chunks.nextLabel + i);
    graph.add(
      added.map((chunk) => chunk.vector),
      labels,
    );
    // The table keeps each vector as the graph stores it (normalised, 32-bit), so similarities come out the same.
    labels.forEach((label, i) => (added[i]!.vector = graph.vectorOf(label)));
  }
  const chunks = buildChunkTable(data.chunks, kept, added);
  const lexical = buildLexicalData(data.lexical, kept, added.map((chunk) => lexicalDocument(lexicalText(chunk.text, chunk.metadata))));
  await writeGeneration(generationFolder(job.directory, job.next), { chunks, lexical }, graph);
  return { written: true, chunks: chunks.ids.length };
}
