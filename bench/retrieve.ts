// Retrieval at 10k and 100k chunks through the knowledge index itself (KnowledgeIndex.search, as the answerer calls
// it): hybrid, BM25 alone and vectors alone, p50/p99 of the wall time and of the query's CPU time, and how each grows
// from the smaller index to the larger (the ratio: a linear scan grows with the chunks, 10× here). Synthetic
// help-text chunks and queries of bench/knowledge-index.ts (one chunk per document), indexed by the build worker.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuUsage } from 'node:process';
import { KnowledgeIndex } from '../src/knowledge/knowledge-index.js';
import type { LoadedFile } from '../src/knowledge/loader.js';
import { OfflineEmbeddings } from '../src/knowledge/offline-embeddings.js';
import type { SearchMode } from '../src/knowledge/types.js';
import { helpChunks } from './knowledge-index.js';
import { percentile } from './percentile.js';

const SIZES = (process.env.BENCH_RETRIEVE_SIZES ?? '10000,100000').split(',').map(Number);
const QUERIES = Number(process.env.BENCH_RETRIEVE_QUERIES ?? 500);
const MODES: SearchMode[] = ['hybrid', 'bm25', 'vector'];
/** Passages asked for, as retrieval asks (k 4, twice that with a reply language). */
const K = 8;

interface Timing {
  p50: number;
  p99: number;
  cpuP50: number;
  cpuP99: number;
}

async function measure(count: number): Promise<{ buildSeconds: number; timings: Record<SearchMode, Timing> }> {
  const { texts, query } = helpChunks(count);
  const files: LoadedFile[] = texts.map((text, i) => ({ path: `chunk-${i}.md`, title: `Chunk ${i}`, text, format: 'markdown', hash: String(i) }));
  const dataDir = await mkdtemp(join(tmpdir(), 'jawab-bench-retrieve-'));
  try {
    const embeddings = new OfflineEmbeddings();
    const index = await KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: embeddings.id });
    const started = performance.now();
    const report = await index.syncSource('bench', { files, errors: [] });
    const buildSeconds = (performance.now() - started) / 1000;
    if (report.chunks !== count) throw new Error(`indexed ${report.chunks} chunks, expected ${count}`);
    const queries = Array.from({ length: QUERIES }, query);
    const timings = {} as Record<SearchMode, Timing>;
    for (const mode of MODES) {
      for (const text of queries.slice(0, 50)) await index.search(text, K, { mode }); // warm-up
      const wall: number[] = [];
      const cpu: number[] = [];
      for (const text of queries) {
        const t = performance.now();
        const before = cpuUsage();
        await index.search(text, K, { mode });
        const used = cpuUsage(before);
        wall.push(performance.now() - t);
        cpu.push((used.user + used.system) / 1000);
      }
      timings[mode] = { p50: percentile(wall, 0.5), p99: percentile(wall, 0.99), cpuP50: percentile(cpu, 0.5), cpuP99: percentile(cpu, 0.99) };
    }
    return { buildSeconds, timings };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function measureRetrieve(): Promise<string[]> {
  const rows = ['| chunks | build s | mode | p50 ms | p99 ms | CPU p50 ms | CPU p99 ms | p99 × smallest | load |', '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  const first: Partial<Record<SearchMode, Timing>> = {};
  for (const size of SIZES) {
    const { buildSeconds, timings } = await measure(size);
    for (const mode of MODES) {
      const t = timings[mode];
      first[mode] ??= t;
      rows.push(
        `| ${size} | ${buildSeconds.toFixed(0)} | ${mode} | ${t.p50.toFixed(2)} | ${t.p99.toFixed(2)} | ${t.cpuP50.toFixed(2)} | ${t.cpuP99.toFixed(2)} | ${(t.p99 / first[mode]!.p99).toFixed(2)} | ${loadavg()[0]!.toFixed(1)} |`,
      );
    }
  }
  rows.push(
    '',
    `KnowledgeIndex.search, k = ${K}, ${QUERIES} queries per mode (6 words of a chunk and 2 random words), offline embeddings; the hybrid search ` +
      'takes max(5k, 25) candidates from each side. Build: the sync of all chunks in the build worker (chunking, embedding, BM25, HNSW, files written). ' +
      'Targets: hybrid p99 ≤ 10 ms at 100k chunks, growing sublinearly from 10k.',
  );
  return rows;
}

if (process.argv[1]?.endsWith('retrieve.ts')) {
  measureRetrieve().then((rows) => console.log(rows.join('\n')));
}
