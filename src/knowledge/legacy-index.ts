// Index folders written before generations (manifest version 2): the graph in hnswlib.index and every chunk in
// docstore.json beside it. Migrated once, in the build worker, into generation 1 with the same vectors and labels, so
// an install that uses a model's embeddings does not pay to embed its knowledge again.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lexicalText } from './build-job.js';
import { buildChunkTable, emptyChunkTableData } from './chunk-table.js';
import { writeGeneration } from './generation.js';
import { HnswGraph } from './hnsw-store.js';
import { buildLexicalData, emptyLexicalData, lexicalDocument } from './lexical-build.js';
import { LEGACY_FILES } from './manifest.js';
import type { ChunkMetadata } from './types.js';

interface LegacyDocstore {
  version: 1;
  dimensions: number | null;
  nextLabel: number;
  /** label -> chunk */
  documents: Record<string, { id: string; pageContent: string; metadata: ChunkMetadata }>;
}

/** Writes the legacy index of `directory` as the generation in `folder`, with only the chunks in `owned`; returns their number. */
export async function migrateLegacyIndex(directory: string, folder: string, owned: ReadonlySet<string>): Promise<number> {
  const docstore = JSON.parse(await readFile(join(directory, LEGACY_FILES.docstore), 'utf8')) as LegacyDocstore;
  if (docstore.version !== 1) throw new Error(`docstore version ${String(docstore.version)} is unknown`);
  const chunks = Object.entries(docstore.documents)
    .map(([label, chunk]) => ({ ...chunk, label: Number(label) }))
    .filter((chunk) => owned.has(chunk.id))
    .sort((a, b) => a.label - b.label);
  const labels = Uint32Array.from(chunks, (chunk) => chunk.label);
  let graph: HnswGraph | undefined;
  if (docstore.dimensions !== null) {
    graph = await HnswGraph.read(join(directory, LEGACY_FILES.graph), docstore.dimensions, chunks.length);
    // Points the docstore no longer knew were deleted after the graph was last written.
    graph.keepOnly(new Set(labels));
  }
  const table = buildChunkTable(
    emptyChunkTableData(),
    new Int32Array(0),
    chunks.map((chunk) => ({ id: chunk.id, text: chunk.pageContent, metadata: chunk.metadata, source: chunk.metadata.sourceId ?? '', vector: graph?.vectorOf(chunk.label) ?? [] })),
  );
  const lexical = buildLexicalData(emptyLexicalData(), new Int32Array(0), chunks.map((chunk) => lexicalDocument(lexicalText(chunk.pageContent, chunk.metadata))));
  await writeGeneration(folder, { chunks: { ...table, labels, nextLabel: docstore.nextLabel }, lexical }, graph);
  return chunks.length;
}
