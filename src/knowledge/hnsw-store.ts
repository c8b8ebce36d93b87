// A vector store over hnswlib-node's HierarchicalNSW, used directly rather than through LangChain's
// HNSWLib wrapper: that wrapper searches with ef=10 (poor recall on a few thousand chunks) and cannot
// delete, and the knowledge index must delete the chunks of changed and removed files for good.
//
// Deleted points are marked deleted in the graph (never returned again) and dropped from the docstore;
// their slots are reused by later additions (allowReplaceDeleted), so repeated syncs do not grow the file.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentInterface } from '@langchain/core/documents';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { VectorStore } from '@langchain/core/vectorstores';
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
type Graph = InstanceType<typeof HierarchicalNSW>;

export interface HnswStoreOptions {
  /** Candidate list size at query time; raised to k when k is larger. */
  efSearch?: number;
  m?: number;
  efConstruction?: number;
  /** Slots reserved when the graph is created; it doubles when full. */
  initialCapacity?: number;
}

export type StoredMetadata = Record<string, unknown>;

export interface StoredDocument {
  id: string;
  pageContent: string;
  metadata: StoredMetadata;
}

/** The JSON written next to the graph file. */
interface DocstoreFile {
  version: 1;
  dimensions: number | null;
  nextLabel: number;
  options: Required<Omit<HnswStoreOptions, 'initialCapacity'>>;
  /** label -> document */
  documents: Record<string, StoredDocument>;
}

export const INDEX_FILE = 'hnswlib.index';
export const DOCSTORE_FILE = 'docstore.json';

// Chosen for recall on hashed offline embeddings (1024 dimensions, little cluster structure, which is hard
// for HNSW): M 16 and efConstruction 200 build a well-connected graph; efSearch 128 reaches recall@10
// ≈ 0.95 against exact search at 10k chunks, where 64 (and LangChain's 10) stop near 0.92 (0.5).
// The measurements, and what larger indexes cost, are in BENCHMARKS.md (`npm run bench`).
const DEFAULTS = { efSearch: 128, m: 16, efConstruction: 200, initialCapacity: 256 } as const;

/** Writes through a temporary file and a rename, so a crash never leaves a half-written file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

export class HnswStore extends VectorStore {
  declare FilterType: (document: DocumentInterface) => boolean;

  private graph: Graph | undefined;
  private dimensions: number | undefined;
  private nextLabel = 0;
  private readonly byLabel = new Map<number, StoredDocument>();
  private readonly labelById = new Map<string, number>();
  private readonly efSearch: number;
  private readonly m: number;
  private readonly efConstruction: number;
  private readonly initialCapacity: number;

  constructor(embeddings: EmbeddingsInterface, options: HnswStoreOptions = {}) {
    super(embeddings, options);
    this.efSearch = options.efSearch ?? DEFAULTS.efSearch;
    this.m = options.m ?? DEFAULTS.m;
    this.efConstruction = options.efConstruction ?? DEFAULTS.efConstruction;
    this.initialCapacity = Math.max(1, options.initialCapacity ?? DEFAULTS.initialCapacity);
  }

  _vectorstoreType(): string {
    return 'hnswlib-direct';
  }

  /** Number of live (not deleted) documents. */
  get size(): number {
    return this.byLabel.size;
  }

  /** Slots the graph holds now (grows when full). */
  get capacity(): number {
    return this.graph?.getMaxElements() ?? 0;
  }

  /** Ids of the live documents. */
  ids(): string[] {
    return [...this.labelById.keys()];
  }

  has(id: string): boolean {
    return this.labelById.has(id);
  }

  /** A live document by id. */
  get(id: string): DocumentInterface | undefined {
    const label = this.labelById.get(id);
    const stored = label === undefined ? undefined : this.byLabel.get(label);
    return stored === undefined ? undefined : this.toDocument(stored);
  }

  /** All live documents (for building side indexes such as the lexical one). */
  documents(): DocumentInterface[] {
    return [...this.byLabel.values()].map((stored) => this.toDocument(stored));
  }

  /** The stored vector of a live document (unit length: the cosine space normalises on insert). */
  vectorOf(id: string): number[] | undefined {
    const label = this.labelById.get(id);
    if (label === undefined || this.graph === undefined) return undefined;
    return this.graph.getPoint(label);
  }

  private createGraph(dimensions: number, capacity: number): Graph {
    const graph = new HierarchicalNSW('cosine', dimensions);
    graph.initIndex({ maxElements: capacity, m: this.m, efConstruction: this.efConstruction, allowReplaceDeleted: true });
    return graph;
  }

  private ensureCapacity(graph: Graph, adding: number): void {
    // Counting deleted slots as used is conservative: a resize may come a little early, never late.
    const needed = graph.getCurrentCount() + adding;
    if (needed > graph.getMaxElements()) graph.resizeIndex(Math.max(needed, graph.getMaxElements() * 2));
  }

  /**
   * Adds vectors with their documents. Ids come from `options.ids`, then `document.id`, else a UUID.
   * Adding an id that exists replaces it (an upsert), so a retried sync never duplicates a chunk.
   */
  override async addVectors(
    vectors: number[][],
    documents: DocumentInterface[],
    options?: { ids?: string[] },
  ): Promise<string[]> {
    if (vectors.length !== documents.length) {
      throw new Error(`addVectors: ${vectors.length} vectors for ${documents.length} documents`);
    }
    if (vectors.length === 0) return [];
    const dimensions = vectors[0]!.length;
    if (this.dimensions !== undefined && dimensions !== this.dimensions) {
      throw new Error(`addVectors: vectors have ${dimensions} dimensions, the index has ${this.dimensions}`);
    }
    this.dimensions = dimensions;
    const graph = (this.graph ??= this.createGraph(dimensions, Math.max(this.initialCapacity, vectors.length)));

    const ids = documents.map((document, i) => options?.ids?.[i] ?? document.id ?? randomUUID());
    await this.delete({ ids: ids.filter((id) => this.labelById.has(id)) });
    this.ensureCapacity(graph, vectors.length);

    vectors.forEach((vector, i) => {
      if (vector.length !== dimensions) throw new Error(`addVectors: vector ${i} has ${vector.length} dimensions, expected ${dimensions}`);
      const id = ids[i]!;
      const document = documents[i]!;
      const label = this.nextLabel;
      this.nextLabel += 1;
      graph.addPoint(vector, label, true);
      this.byLabel.set(label, { id, pageContent: document.pageContent, metadata: { ...document.metadata } });
      this.labelById.set(id, label);
    });
    return ids;
  }

  override async addDocuments(documents: DocumentInterface[], options?: { ids?: string[] }): Promise<string[]> {
    const vectors = await this.embeddings.embedDocuments(documents.map((document) => document.pageContent));
    return this.addVectors(vectors, documents, options);
  }

  /** Deletes documents by id. Unknown ids are ignored. */
  override async delete(params?: { ids?: string[] }): Promise<void> {
    for (const id of params?.ids ?? []) {
      const label = this.labelById.get(id);
      if (label === undefined) continue;
      this.graph?.markDelete(label);
      this.labelById.delete(id);
      this.byLabel.delete(label);
    }
  }

  /**
   * The k nearest live documents by id with their similarity (1 - cosine distance), best first.
   * `accept` sees the stored document without building a Document (it runs inside the graph walk).
   */
  nearest(query: number[], k: number, accept?: (stored: StoredDocument) => boolean): { id: string; similarity: number }[] {
    const graph = this.graph;
    const wanted = Math.min(Math.floor(k), this.byLabel.size);
    if (graph === undefined || wanted <= 0) return [];
    if (query.length !== this.dimensions) {
      throw new Error(`search: the query has ${query.length} dimensions, the index has ${this.dimensions}`);
    }
    graph.setEf(Math.max(this.efSearch, wanted));
    // Deleted points are marked deleted in the graph already: a filter (a call into JS per candidate,
    // which costs more than the distance) is passed only when the caller restricts the search.
    const filter =
      accept === undefined
        ? undefined
        : (label: number): boolean => {
            const stored = this.byLabel.get(label);
            return stored !== undefined && accept(stored);
          };
    const result = graph.searchKnn(query, wanted, filter);
    const hits: { id: string; similarity: number }[] = [];
    result.neighbors.forEach((label, i) => {
      const stored = this.byLabel.get(label);
      // A label missing from the docstore was deleted: never return it, whatever the graph says.
      if (stored !== undefined) hits.push({ id: stored.id, similarity: 1 - (result.distances[i] ?? 1) });
    });
    return hits;
  }

  /** The k nearest documents with their similarity, best first (LangChain's VectorStore interface). */
  override async similaritySearchVectorWithScore(
    query: number[],
    k: number,
    filter?: this['FilterType'],
  ): Promise<[DocumentInterface, number][]> {
    const accept = filter === undefined ? undefined : (stored: StoredDocument) => filter(this.toDocument(stored));
    return this.nearest(query, k, accept).map(({ id, similarity }) => [this.get(id)!, similarity]);
  }

  private toDocument(stored: StoredDocument): DocumentInterface {
    return new Document({ id: stored.id, pageContent: stored.pageContent, metadata: { ...stored.metadata } });
  }

  /** Writes the graph and the docstore into `directory` (each atomically). */
  async save(directory: string): Promise<void> {
    await mkdir(directory, { recursive: true });
    if (this.graph !== undefined) {
      const temporary = join(directory, `${INDEX_FILE}.${process.pid}.tmp`);
      await this.graph.writeIndex(temporary);
      await rename(temporary, join(directory, INDEX_FILE));
    }
    const file: DocstoreFile = {
      version: 1,
      dimensions: this.dimensions ?? null,
      nextLabel: this.nextLabel,
      options: { efSearch: this.efSearch, m: this.m, efConstruction: this.efConstruction },
      documents: Object.fromEntries([...this.byLabel].map(([label, stored]) => [String(label), stored])),
    };
    await writeFileAtomic(join(directory, DOCSTORE_FILE), JSON.stringify(file));
  }

  /** Loads a store written by `save`. Throws when the directory holds none. */
  static async load(directory: string, embeddings: EmbeddingsInterface, options: HnswStoreOptions = {}): Promise<HnswStore> {
    const file = JSON.parse(await readFile(join(directory, DOCSTORE_FILE), 'utf8')) as DocstoreFile;
    if (file.version !== 1) throw new Error(`${join(directory, DOCSTORE_FILE)}: unknown version ${String(file.version)}`);
    const store = new HnswStore(embeddings, { ...file.options, ...options });
    store.nextLabel = file.nextLabel;
    for (const [label, stored] of Object.entries(file.documents)) {
      store.byLabel.set(Number(label), stored);
      store.labelById.set(stored.id, Number(label));
    }
    if (file.dimensions !== null) {
      store.dimensions = file.dimensions;
      const graph = new HierarchicalNSW('cosine', file.dimensions);
      await graph.readIndex(join(directory, INDEX_FILE), true);
      // Points the docstore no longer knows were deleted after the graph was last written: delete them
      // in the graph too, so their slots are reused and they can never be returned.
      for (const label of graph.getIdsList()) {
        if (!store.byLabel.has(label)) {
          try {
            graph.markDelete(label);
          } catch {
            // Already marked deleted.
          }
        }
      }
      store.graph = graph;
    }
    return store;
  }
}
