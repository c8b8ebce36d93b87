// One generation of the index on disk: DATA_DIR/index/<embeddings>/generation-<n>/ holds the graph of vectors
// (graph.hnsw, absent while there is none) and chunks.bin (the chunk table and the lexical index, binary-sections.ts).
// A generation is written whole by the build worker and never changed afterwards; the manifest names the current
// one, so replacing the manifest is the one atomic step of a save and a crash at any point leaves the previous
// generation in force. Older generations are deleted once the manifest no longer names them.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeStrings, packSections, readMeta } from './binary-sections.js';
import type { GenerationData, Meta } from './chunks-file.js';
import { CHUNKS_FILE, FORMAT, parseGenerationData, readShared } from './chunks-file.js';
import { ChunkTable, emptyChunkTableData } from './chunk-table.js';
import { HnswGraph } from './hnsw-store.js';
import { emptyLexicalData } from './lexical-build.js';
import { LexicalIndex } from './lexical-index.js';
import { writeFileAtomic } from './hnsw-store.js';

const GRAPH_FILE = 'graph.hnsw';
const PREFIX = 'generation-';

export type { GenerationData } from './chunks-file.js';

/** What searches read: immutable, replaced whole when a sync finishes. */
export interface Snapshot {
  chunks: ChunkTable;
  lexical: LexicalIndex;
  graph: HnswGraph | undefined;
  /** The chunks.bin it was read from, in shared memory: what the search thread opens (absent for an empty index). */
  file?: Uint8Array;
}

export function emptyGenerationData(): GenerationData {
  return { chunks: emptyChunkTableData(), lexical: emptyLexicalData() };
}

export function snapshotOf(data: GenerationData, graph: HnswGraph | undefined, file?: Uint8Array): Snapshot {
  const chunks = new ChunkTable(data.chunks);
  return { chunks, lexical: new LexicalIndex(data.lexical, data.chunks), graph, ...(file ? { file } : {}) };
}

export function generationFolder(directory: string, generation: number): string {
  return join(directory, `${PREFIX}${generation}`);
}

/** Writes a new generation's files (the folder must not be in use: a leftover of a crashed build is replaced). */
export async function writeGeneration(folder: string, data: GenerationData, graph: HnswGraph | undefined): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  if (graph !== undefined) await graph.write(join(folder, GRAPH_FILE));
  const { chunks, lexical } = data;
  const meta: Meta = {
    format: FORMAT,
    dimensions: chunks.dimensions,
    chunks: chunks.ids.length,
    sources: chunks.sources.length,
    terms: lexical.terms.length,
    nextLabel: chunks.nextLabel,
    totalLength: lexical.totalLength,
  };
  const bytes = packSections(meta, {
    ids: encodeStrings(chunks.ids),
    labels: chunks.labels,
    source: chunks.source,
    sources: encodeStrings(chunks.sources),
    recordStart: chunks.recordStart,
    records: chunks.records,
    vectors: chunks.vectors,
    terms: encodeStrings(lexical.terms),
    postingStart: lexical.postingStart,
    postingSlot: lexical.postingSlot,
    postingTf: lexical.postingTf,
    maxSaturation: lexical.maxSaturation,
    length: lexical.length,
  });
  await writeFileAtomic(join(folder, CHUNKS_FILE), bytes);
}

export async function readGenerationData(folder: string): Promise<GenerationData> {
  const path = join(folder, CHUNKS_FILE);
  return parseGenerationData(await readShared(path), path);
}

/** The generation's graph, or undefined when it has no vectors. */
export async function readGraph(folder: string, data: GenerationData): Promise<HnswGraph | undefined> {
  return data.chunks.dimensions === 0 ? undefined : HnswGraph.read(join(folder, GRAPH_FILE), data.chunks.dimensions, data.chunks.ids.length);
}

/**
 * Opens a generation for searching: its two files are read at once, off the event loop, and nothing is parsed per
 * chunk. The graph's size is read from the chunk file's header first.
 */
export async function readSnapshot(folder: string): Promise<Snapshot> {
  const meta = (await readMeta(join(folder, CHUNKS_FILE))) as Partial<Meta>;
  const dimensions = meta.dimensions ?? 0;
  const path = join(folder, CHUNKS_FILE);
  const [file, graph] = await Promise.all([readShared(path), dimensions === 0 ? undefined : HnswGraph.read(join(folder, GRAPH_FILE), dimensions, meta.chunks ?? 0)]);
  const data = parseGenerationData(file, path);
  if (data.chunks.dimensions !== dimensions) throw new Error(`${folder}: the chunk file changed while it was read`);
  return snapshotOf(data, graph, file);
}

/**
 * Deletes every generation folder but `keep`, and temporary files: what replaced generations leave, and builds and
 * writes cut short by a crash.
 */
export async function removeLeftovers(directory: string, keep: number | undefined): Promise<void> {
  for (const name of await readdir(directory).catch(() => [] as string[])) {
    const stale = (name.startsWith(PREFIX) && name !== `${PREFIX}${keep}`) || name.endsWith('.tmp');
    if (stale) await rm(join(directory, name), { recursive: true, force: true });
  }
}
