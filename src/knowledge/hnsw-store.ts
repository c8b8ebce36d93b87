// The vector half of the index: hnswlib-node's HierarchicalNSW over unit vectors (cosine space), addressed by
// numeric labels; which chunk a label is lives in the chunk table (chunk-table.ts). Used directly rather than
// through LangChain's HNSWLib wrapper: that wrapper searches with ef=10 (poor recall on a few thousand chunks) and
// cannot delete, and the index must delete the chunks of changed and removed documents for good.
//
// A graph is built in the build worker (insertion is synchronous native work, about a millisecond a vector) and
// written to a file, which the server then reads off its event loop (hnswlib reads in libuv's thread pool). Deleted
// points are marked deleted (never returned again, and persisted so) and their memory is reused by later additions
// (allowReplaceDeleted), so repeated syncs do not grow the file.
import { randomUUID } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
type Graph = InstanceType<typeof HierarchicalNSW>;

export interface HnswOptions {
  m?: number;
  efConstruction?: number;
  /** Slots reserved when the graph is created; it doubles when full. */
  initialCapacity?: number;
}

// Build parameters chosen for the build rate on hashed offline embeddings (little cluster structure, which
// is hard for HNSW): M 16 keeps the graph well connected; efConstruction 100 builds about twice as fast as
// 200 for a small loss of recall that a larger efSearch makes up. Measurements in BENCHMARKS.md.
const DEFAULTS = { m: 16, efConstruction: 100, initialCapacity: 256 } as const;

// efSearch for recall@10 ≈ 0.95 against exact search on the benchmark's help-text chunks (BENCHMARKS.md):
// about 160 at 10k chunks, 220 at 20k, 600 at 100k, a power law of exponent ~0.57.
const EF_AT_10K = 160;
const EF_EXPONENT = 0.57;
const EF_MIN = 64;
const EF_MAX = 800;

/**
 * The default candidate list size for an index of `size` points. Recall at a fixed efSearch falls as the
 * graph grows, so efSearch grows with it (a search costs roughly efSearch distance computations).
 */
export function efSearchFor(size: number): number {
  const ef = EF_AT_10K * Math.pow(Math.max(1, size) / 10_000, EF_EXPONENT);
  return Math.round(Math.min(EF_MAX, Math.max(EF_MIN, ef)));
}

/** Writes through a temporary file and a rename, so a crash never leaves a half-written file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

export interface Neighbour {
  label: number;
  /** 1 - cosine distance. */
  similarity: number;
}

export class HnswGraph {
  private constructor(
    private readonly graph: Graph,
    readonly dimensions: number,
    /** Live (not deleted) points. */
    private live: number,
  ) {}

  static create(dimensions: number, options: HnswOptions = {}): HnswGraph {
    const graph = new HierarchicalNSW('cosine', dimensions);
    graph.initIndex({
      maxElements: Math.max(1, options.initialCapacity ?? DEFAULTS.initialCapacity),
      m: options.m ?? DEFAULTS.m,
      efConstruction: options.efConstruction ?? DEFAULTS.efConstruction,
      allowReplaceDeleted: true,
    });
    return new HnswGraph(graph, dimensions, 0);
  }

  /** Reads a graph written by `write`; `live` is the number of its points not deleted (the chunk table knows it). */
  static async read(path: string, dimensions: number, live: number): Promise<HnswGraph> {
    const graph = new HierarchicalNSW('cosine', dimensions);
    await graph.readIndex(path, true);
    return new HnswGraph(graph, dimensions, live);
  }

  get size(): number {
    return this.live;
  }

  /** Slots the graph holds now (grows when full). */
  get capacity(): number {
    return this.graph.getMaxElements();
  }

  /** Adds points under new labels (a label must not be in the graph already). */
  add(vectors: readonly ArrayLike<number>[], labels: readonly number[]): void {
    // Counting deleted slots as used is conservative: a resize may come a little early, never late.
    const needed = this.graph.getCurrentCount() + vectors.length;
    if (needed > this.graph.getMaxElements()) this.graph.resizeIndex(Math.max(needed, this.graph.getMaxElements() * 2));
    vectors.forEach((vector, i) => {
      if (vector.length !== this.dimensions) throw new Error(`vector ${i} has ${vector.length} dimensions, the index has ${this.dimensions}`);
      // hnswlib takes arrays only: a typed vector is copied into one, a point at a time.
      this.graph.addPoint(Array.isArray(vector) ? vector : Array.from(vector), labels[i]!, true);
      this.live += 1;
    });
  }

  /** Marks points deleted: they are never returned again and their memory is reused. */
  remove(labels: readonly number[]): void {
    for (const label of labels) {
      this.graph.markDelete(label);
      this.live -= 1;
    }
  }

  /** Marks deleted every point whose label is not in `labels` (an index written before its chunk list was). */
  keepOnly(labels: ReadonlySet<number>): void {
    for (const label of this.graph.getIdsList()) {
      if (labels.has(label)) continue;
      try {
        this.graph.markDelete(label);
      } catch {
        // Deleted already.
      }
    }
  }

  /**
   * The k nearest live points, best first. `efSearch` defaults to efSearchFor(size) and is raised to k;
   * `accept` restricts the search (a call into JS per candidate, which costs more than the distance, so
   * none is passed for an unrestricted search).
   */
  nearest(query: readonly number[], k: number, options: { efSearch?: number; accept?: (label: number) => boolean } = {}): Neighbour[] {
    const wanted = Math.min(Math.floor(k), this.live);
    if (wanted <= 0) return [];
    if (query.length !== this.dimensions) throw new Error(`search: the query has ${query.length} dimensions, the index has ${this.dimensions}`);
    this.graph.setEf(Math.max(options.efSearch ?? efSearchFor(this.live), wanted));
    const result = this.graph.searchKnn(query as number[], wanted, options.accept);
    return result.neighbors.map((label, i) => ({ label, similarity: 1 - (result.distances[i] ?? 1) }));
  }

  /** The stored vector of a point (unit length: the cosine space normalises on insert). */
  vectorOf(label: number): number[] {
    return this.graph.getPoint(label);
  }

  /** Writes the graph to `path` atomically (hnswlib writes in libuv's thread pool). */
  async write(path: string): Promise<void> {
    const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
    await this.graph.writeIndex(temporary);
    await rename(temporary, path);
  }
}
