// Retrieval at 10k and 100k chunks through the knowledge index itself (KnowledgeIndex.search, as the answerer calls
// it): hybrid, BM25 alone and vectors alone, p50/p99 of the wall time and of the query's CPU time, and how each grows
// from the smaller index to the larger (the ratio: a linear scan grows with the chunks, 10× here). Synthetic
// help-text chunks and queries of bench/knowledge-index.ts (one chunk per document), indexed by the build worker.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuUsage } from 'node:process';
import { KnowledgeIndex } from '../src/knowledge/knowledge-index.js';
import { LEXICAL_THREAD_FROM } from '../src/knowledge/lexical-thread.js';
import type { LoadedFile } from '../src/knowledge/loader.js';
import { OfflineEmbeddings } from '../src/knowledge/offline-embeddings.js';
import { helpChunks } from './knowledge-index.js';
import { percentile } from './percentile.js';

const SIZES = (process.env.BENCH_RETRIEVE_SIZES ?? '10000,100000').split(',').map(Number);
const QUERIES = Number(process.env.BENCH_RETRIEVE_QUERIES ?? 500);
/** What is timed: the search modes, and the hybrid search with BM25 kept on the main thread (the baseline of the lexical thread). */
const MODES = ['hybrid', 'hybrid, one thread', 'bm25', 'vector'] as const;
type Mode = (typeof MODES)[number];
/** Passages asked for, as retrieval asks (k 4, twice that with a reply language). */
const K = 8;

interface Timing {
  p50: number;
  p99: number;
  cpuP50: number;
  cpuP99: number;
}

async function measure(count: number): Promise<{ buildSeconds: number; timings: Record<Mode, Timing>; onThread: number }> {
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
    // The same generation, searched with BM25 on the main thread whatever its size.
    const oneThread = await KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: embeddings.id, lexicalThreadFrom: Number.POSITIVE_INFINITY });
    const queries = Array.from({ length: QUERIES }, query);
    // A server's thread opens the generation between requests; this loop of searches gives it those turns first.
    if (count >= LEXICAL_THREAD_FROM) {
      for (let i = 0; i < 500 && index.searchesOnThread === 0; i += 1) {
        await index.search(queries[0]!, K);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    const run = (name: Mode, text: string) => (name === 'hybrid, one thread' ? oneThread.search(text, K, { mode: 'hybrid' }) : index.search(text, K, { mode: name }));
    for (const text of queries.slice(0, 50)) for (const name of MODES) await run(name, text); // warm-up
    const onThreadBefore = index.searchesOnThread;
    // Each query in every mode, the modes taken in turns (a different one first each time), so that what else the
    // machine does and the collector's pauses fall on all of them alike.
    const wall = Object.fromEntries(MODES.map((name) => [name, [] as number[]])) as Record<Mode, number[]>;
    const cpu = Object.fromEntries(MODES.map((name) => [name, [] as number[]])) as Record<Mode, number[]>;
    for (const [i, text] of queries.entries()) {
      for (let j = 0; j < MODES.length; j += 1) {
        const name = MODES[(i + j) % MODES.length]!;
        const t = performance.now();
        const before = cpuUsage();
        await run(name, text);
        const used = cpuUsage(before);
        wall[name].push(performance.now() - t);
        cpu[name].push((used.user + used.system) / 1000);
      }
    }
    const timings = Object.fromEntries(
      MODES.map((name) => [name, { p50: percentile(wall[name], 0.5), p99: percentile(wall[name], 0.99), cpuP50: percentile(cpu[name], 0.5), cpuP99: percentile(cpu[name], 0.99) }]),
    ) as Record<Mode, Timing>;
    return { buildSeconds, timings, onThread: (index.searchesOnThread - onThreadBefore) / QUERIES };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function measureRetrieve(): Promise<string[]> {
  const rows = [
    '| chunks | build s | mode | p50 ms | p99 ms | CPU p50 ms | CPU p99 ms | p99 × smallest | p99 × one thread | BM25 on the thread | load |',
    '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const first: Partial<Record<Mode, Timing>> = {};
  for (const size of SIZES) {
    const { buildSeconds, timings, onThread } = await measure(size);
    for (const mode of MODES) {
      const t = timings[mode];
      first[mode] ??= t;
      const hybrid = mode === 'hybrid';
      rows.push(
        `| ${size} | ${buildSeconds.toFixed(0)} | ${mode} | ${t.p50.toFixed(2)} | ${t.p99.toFixed(2)} | ${t.cpuP50.toFixed(2)} | ${t.cpuP99.toFixed(2)} | ${(t.p99 / first[mode]!.p99).toFixed(2)} | ` +
          `${hybrid ? (t.p99 / timings['hybrid, one thread'].p99).toFixed(2) : ''} | ${hybrid ? `${Math.round(onThread * 100)}%` : ''} | ${loadavg()[0]!.toFixed(1)} |`,
      );
    }
  }
  rows.push(
    '',
    `KnowledgeIndex.search, k = ${K}, ${QUERIES} queries per mode (6 words of a chunk and 2 random words), offline embeddings; the hybrid search ` +
      'takes max(5k, 25) candidates from each side; from 20,000 chunks its BM25 side ranks on a thread of its own while the main thread walks the vector graph ' +
      '(\'hybrid, one thread\': the same index with both on the main thread, the baseline); each query is timed in every mode, the modes in turns. CPU time is the process\'s, both threads. Build: the sync of all chunks in the build worker (chunking, embedding, BM25, HNSW, files written). ' +
      'Targets: hybrid p99 ≤ 10 ms at 100k chunks, growing sublinearly from 10k.',
  );
  return rows;
}

if (process.argv[1]?.endsWith('retrieve.ts')) {
  measureRetrieve().then((rows) => console.log(rows.join('\n')));
}
