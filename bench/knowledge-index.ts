// The vector index at 10k and 100k chunks: build rate (offline embedding + HNSW insertion), query latency
// p50/p99 of the HNSW search (wall clock, and the CPU time of the query, which a loaded machine does not
// inflate), recall@10 against an exact brute-force search of the same vectors in the same run, and the
// process's RSS. The chunks are synthetic but shaped like help text: ~60 words drawn from a topic (help
// text clusters by topic) and a Zipf-distributed vocabulary of real shop words and generated ones;
// queries are 6 words of a chunk plus 2 random words. Seeded, so every run indexes the same data.
//
// Recall is reported twice: by id (the exact top 10 found), and as ann-benchmarks counts it (a hit is
// any result no farther than the exact 10th neighbour + 0.001), because topic siblings sit within a few
// thousandths of each other and which of two near-ties is 10th is not a retrieval failure.
import { cpuUsage } from 'node:process';
import { loadavg } from 'node:os';
import { efSearchFor, HnswGraph, type Neighbour } from '../src/knowledge/hnsw-store.js';
import { OfflineEmbeddings } from '../src/knowledge/offline-embeddings.js';
import { seededRandom } from '../test/helpers/seeded-random.js';
import { percentile } from './percentile.js';

const QUERIES = Number(process.env.BENCH_KNOWLEDGE_QUERIES ?? 200);
const SIZES = (process.env.BENCH_KNOWLEDGE_SIZES ?? '10000,100000').split(',').map(Number);

const REAL = `order shipping delivery refund return payment invoice batik shirt size exchange courier tracking parcel
  pengiriman pesanan pembayaran pengembalian ukuran kemeja kain toko harga ongkir gratis resi paket hari kerja
  jakarta surabaya bali yogyakarta voucher discount wholesale reseller care wash colour cotton silk pattern`.split(/\s+/);
const CONSONANTS = 'bcdfghjklmnprstwy';
const VOWELS = 'aeiou';

/**
 * Real shop words, then distinct generated words of 2-4 consonant-vowel syllables, some closed by a
 * consonant (Indonesian-like). The generator used to glue 18 fixed syllables, so every generated word
 * shared a tiny set of character n-grams and the n-gram half of all vectors looked alike, which no real
 * vocabulary does; it also repeated words.
 */
export function vocabulary(next: () => number, size: number): string[] {
  const letter = (letters: string): string => letters[Math.floor(next() * letters.length)]!;
  const words = [...REAL];
  const seen = new Set(words);
  while (words.length < size) {
    let word = '';
    const syllables = 2 + Math.floor(next() * 3);
    for (let i = 0; i < syllables; i += 1) word += letter(CONSONANTS) + letter(VOWELS) + (next() < 0.3 ? letter(CONSONANTS) : '');
    if (seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}

/** A Zipf(1) sampler over n ranks. */
export function zipf(next: () => number, n: number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i += 1) cumulative[i] = sum += 1 / (i + 1);
  return () => {
    const target = next() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}


interface Row {
  chunks: number;
  embedPerSecond: number;
  insertPerSecond: number;
  buildPerSecond: number;
  efSearch: number;
  p50: number;
  p99: number;
  cpuP99: number;
  recall: number;
  recallEpsilon: number;
  rssMb: number;
}

/**
 * `count` synthetic help-text chunks, and a maker of queries: 6 words of a random chunk and 2 random words. Help text
 * clusters by topic: each chunk takes about half its words from one of count/100 topics (30 words each), the rest
 * from the shared Zipf background.
 */
export function helpChunks(count: number): { texts: string[]; query: () => string } {
  const next = seededRandom(count);
  const words = vocabulary(next, 20_000);
  const pick = zipf(next, words.length);
  const topics = Array.from({ length: Math.max(1, count / 100) }, () => Array.from({ length: 30 }, () => words[Math.floor(next() * words.length)]!));
  const texts = Array.from({ length: count }, () => {
    const topic = topics[Math.floor(next() * topics.length)]!;
    return Array.from({ length: 40 + Math.floor(next() * 40) }, () => (next() < 0.5 ? topic[Math.floor(next() * topic.length)] : words[pick()])).join(' ');
  });
  const query = (): string => {
    const source = texts[Math.floor(next() * count)]!.split(' ');
    const taken = Array.from({ length: 6 }, () => source[Math.floor(next() * source.length)]);
    return [...taken, words[pick()], words[pick()]].join(' ');
  };
  return { texts, query };
}

async function measure(count: number): Promise<Row> {
  const { texts, query } = helpChunks(count);
  const embeddings = new OfflineEmbeddings();
  const graph = HnswGraph.create(embeddings.dimensions, { initialCapacity: count });

  let started = performance.now();
  const vectors = texts.map((text) => embeddings.embed(text));
  const embedSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const BATCH = 1000;
  for (let start = 0; start < count; start += BATCH) {
    const slice = vectors.slice(start, start + BATCH);
    graph.add(slice, slice.map((_, i) => start + i));
  }
  const insertSeconds = (performance.now() - started) / 1000;

  const queries = Array.from({ length: QUERIES }, () => embeddings.embed(query()));
  for (const query of queries.slice(0, 20)) graph.nearest(query, 10); // warm-up
  const latencies: number[] = [];
  const cpuTimes: number[] = [];
  const found: Neighbour[][] = [];
  for (const query of queries) {
    const t = performance.now();
    const cpu = cpuUsage();
    const hits = graph.nearest(query, 10);
    const used = cpuUsage(cpu);
    latencies.push(performance.now() - t);
    cpuTimes.push((used.user + used.system) / 1000);
    found.push(hits);
  }

  // Exact top 10 by brute force over the same (unit) vectors.
  const flat = new Float32Array(count * embeddings.dimensions);
  vectors.forEach((vector, i) => flat.set(vector, i * embeddings.dimensions));
  let matched = 0;
  let withinEpsilon = 0;
  queries.forEach((query, q) => {
    const scores = new Float32Array(count);
    for (let i = 0; i < count; i += 1) {
      let dot = 0;
      const offset = i * embeddings.dimensions;
      for (let d = 0; d < embeddings.dimensions; d += 1) dot += flat[offset + d]! * query[d]!;
      scores[i] = dot;
    }
    const exact = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!).slice(0, 10);
    const got = new Set(found[q]!.map((hit) => hit.label));
    matched += exact.filter((label) => got.has(label)).length;
    const tenth = scores[exact[9]!]!;
    withinEpsilon += found[q]!.filter((hit) => hit.similarity >= tenth - 0.001).length;
  });
  return {
    chunks: count,
    embedPerSecond: count / embedSeconds,
    insertPerSecond: count / insertSeconds,
    buildPerSecond: count / (embedSeconds + insertSeconds),
    efSearch: efSearchFor(count),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    cpuP99: percentile(cpuTimes, 0.99),
    recall: matched / (QUERIES * 10),
    recallEpsilon: withinEpsilon / (QUERIES * 10),
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
}

export async function measureKnowledgeIndex(): Promise<string[]> {
  const rows = [
    '| chunks | embed chunks/s | insert chunks/s | build chunks/s | efSearch | query p50 ms | query p99 ms | query p99 CPU ms | recall@10 by id | recall@10 (ε 0.001) | RSS MB | load |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const size of SIZES) {
    const row = await measure(size);
    rows.push(
      `| ${row.chunks} | ${row.embedPerSecond.toFixed(0)} | ${row.insertPerSecond.toFixed(0)} | ${row.buildPerSecond.toFixed(0)} | ${row.efSearch} | ${row.p50.toFixed(3)} | ${row.p99.toFixed(3)} | ${row.cpuP99.toFixed(3)} | ${row.recall.toFixed(3)} | ${row.recallEpsilon.toFixed(3)} | ${row.rssMb.toFixed(0)} | ${loadavg()[0]!.toFixed(1)} |`,
    );
  }
  rows.push(
    '',
    `Offline embeddings (${new OfflineEmbeddings().dimensions} dimensions), HNSW with the index's parameters (see src/knowledge/hnsw-store.ts), k = 10, ${QUERIES} queries. ` +
      'Targets: recall@10 ≥ 0.95, p99 ≤ 2 ms at 100k, build ≥ 2,000 chunks/s.',
  );
  return rows;
}

if (process.argv[1]?.endsWith('knowledge-index.ts')) {
  measureKnowledgeIndex().then((rows) => console.log(rows.join('\n')));
}
