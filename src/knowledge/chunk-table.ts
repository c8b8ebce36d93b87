// The chunks of one index generation, by slot (0.. in the order they were indexed, the lexical index's slots too):
// id, source, its vector and the label of that vector in the graph, and its text and metadata as one UTF-8 JSON
// record. Records are decoded only when a search returns them, so opening an index parses nothing per chunk. The
// vectors are the graph's own (normalised, 32-bit), kept here too because hnswlib hands a point out as a new array
// (about 30 µs), and a hybrid search needs the similarity of every lexical candidate the graph did not return.
import type { ChunkMetadata } from './types.js';

export interface StoredChunk {
  id: string;
  text: string;
  metadata: ChunkMetadata;
}

export interface ChunkTableData {
  ids: readonly string[];
  /** slot -> label of the chunk's vector in the graph; ascending. */
  labels: Uint32Array;
  /** slot -> index into `sources`. */
  source: Uint16Array;
  sources: readonly string[];
  /** slot -> start of its record in `records` (one more entry than slots). */
  recordStart: Uint32Array;
  records: Uint8Array;
  /** Length of each vector (0 while the index holds none). */
  dimensions: number;
  /** slot -> its vector, `dimensions` values each. */
  vectors: Float32Array;
  /** The label the next added vector gets: labels are never reused, so a slot's label is unique across generations. */
  nextLabel: number;
}

interface Record {
  text: string;
  metadata: ChunkMetadata;
}

export class ChunkTable {
  private readonly decoder = new TextDecoder();

  constructor(readonly data: ChunkTableData) {}

  get size(): number {
    return this.data.ids.length;
  }

  get ids(): readonly string[] {
    return this.data.ids;
  }

  /** The slot of a graph label, or undefined when no chunk has it (binary search: labels ascend with slots). */
  slotOfLabel(label: number): number | undefined {
    let low = 0;
    let high = this.data.labels.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.data.labels[middle]! < label) low = middle + 1;
      else high = middle;
    }
    return this.data.labels[low] === label ? low : undefined;
  }

  vectorOf(slot: number): Float32Array {
    return this.data.vectors.subarray(slot * this.data.dimensions, (slot + 1) * this.data.dimensions);
  }

  sourceOf(slot: number): string {
    return this.data.sources[this.data.source[slot]!]!;
  }

  chunk(slot: number): StoredChunk {
    const record = JSON.parse(this.decoder.decode(this.data.records.subarray(this.data.recordStart[slot], this.data.recordStart[slot + 1]))) as Record;
    return { id: this.data.ids[slot]!, text: record.text, metadata: record.metadata };
  }
}

export function emptyChunkTableData(): ChunkTableData {
  return {
    ids: [],
    labels: new Uint32Array(0),
    source: new Uint16Array(0),
    sources: [],
    recordStart: new Uint32Array(1),
    records: new Uint8Array(0),
    dimensions: 0,
    vectors: new Float32Array(0),
    nextLabel: 0,
  };
}

/** A chunk to add, with the source key it belongs to and its vector as the graph stores it. */
export interface NewChunk extends StoredChunk {
  source: string;
  vector: ArrayLike<number>;
}

/**
 * The next table: `previous`'s chunks where `kept[slot]` gives their new slot (-1: dropped; kept ones keep their
 * order and come first), then `added` with new labels from `previous.nextLabel` on.
 */
export function buildChunkTable(previous: ChunkTableData, kept: Int32Array, added: readonly NewChunk[]): ChunkTableData {
  const encoder = new TextEncoder();
  const keptSlots = [...kept.keys()].filter((slot) => kept[slot]! >= 0);
  const size = keptSlots.length + added.length;
  const encoded = added.map((chunk) => encoder.encode(JSON.stringify({ text: chunk.text, metadata: chunk.metadata } satisfies Record)));
  const keptBytes = keptSlots.reduce((sum, slot) => sum + previous.recordStart[slot + 1]! - previous.recordStart[slot]!, 0);
  const records = new Uint8Array(keptBytes + encoded.reduce((sum, bytes) => sum + bytes.length, 0));
  const recordStart = new Uint32Array(size + 1);
  const ids: string[] = [];
  const dimensions = previous.dimensions || (added[0]?.vector.length ?? 0);
  const vectors = new Float32Array(size * dimensions);
  const labels = new Uint32Array(size);
  const source = new Uint16Array(size);
  const sources: string[] = [];
  const sourceIndex = new Map<string, number>();
  const sourceOf = (key: string): number => {
    let index = sourceIndex.get(key);
    if (index === undefined) {
      index = sources.push(key) - 1;
      if (index > 0xffff) throw new Error('too many knowledge sources');
      sourceIndex.set(key, index);
    }
    return index;
  };
  let offset = 0;
  const append = (slot: number, id: string, label: number, key: string, bytes: Uint8Array, vector: ArrayLike<number>): void => {
    if (vector.length !== dimensions) throw new Error(`chunk ${id} has a vector of ${vector.length} dimensions, the index ${dimensions}`);
    vectors.set(vector, slot * dimensions);
    ids.push(id);
    labels[slot] = label;
    source[slot] = sourceOf(key);
    records.set(bytes, offset);
    offset += bytes.length;
    recordStart[slot + 1] = offset;
  };
  const table = new ChunkTable(previous);
  keptSlots.forEach((old, slot) => {
    const record = previous.records.subarray(previous.recordStart[old], previous.recordStart[old + 1]);
    append(slot, previous.ids[old]!, previous.labels[old]!, previous.sources[previous.source[old]!]!, record, table.vectorOf(old));
  });
  added.forEach((chunk, i) => append(keptSlots.length + i, chunk.id, previous.nextLabel + i, chunk.source, encoded[i]!, chunk.vector));
  return { ids, labels, source, sources, recordStart, records, dimensions, vectors, nextLabel: previous.nextLabel + added.length };
}
