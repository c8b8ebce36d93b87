import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { efSearchFor, HnswGraph } from '../../src/knowledge/hnsw-store.js';
import { OfflineEmbeddings } from '../../src/knowledge/offline-embeddings.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const embeddings = new OfflineEmbeddings({ dimensions: 256 });
const texts = [
  'Delivery to Surabaya takes 2–3 working days.',
  'Refunds are paid to the original payment method within 7 days.',
  'Wash batik by hand in cold water with a mild soap.',
  'Customer service is open Monday to Saturday, 08:00 to 20:00.',
];
const [SHIPPING, REFUND, CARE, HOURS] = [0, 1, 2, 3];
const vector = (text: string): number[] => embeddings.embed(text);
const newDir = tempDirs('jawab-hnsw-');

function graphOf(list: readonly string[], options: { initialCapacity?: number } = {}): HnswGraph {
  const graph = HnswGraph.create(embeddings.dimensions, options);
  graph.add(list.map(vector), [...list.keys()]);
  return graph;
}

describe('HnswGraph', () => {
  it('finds the nearest labels with a similarity score, best first', () => {
    const hits = graphOf(texts).nearest(vector('how long is delivery to Surabaya'), 2);
    expect(hits.map((hit) => hit.label)[0]).toBe(SHIPPING);
    expect(hits[0]!.similarity).toBeGreaterThan(hits[1]!.similarity);
    expect(hits[0]!.similarity).toBeLessThanOrEqual(1);
  });

  it('returns no more than it holds, and nothing when empty', () => {
    expect(HnswGraph.create(embeddings.dimensions).nearest(vector('anything'), 3)).toEqual([]);
    expect(graphOf(texts).nearest(vector('refund'), 50)).toHaveLength(4);
  });

  it('never returns removed labels', () => {
    const graph = graphOf(texts);
    graph.remove([SHIPPING]);
    expect(graph.size).toBe(3);
    const hits = graph.nearest(vector('delivery to Surabaya working days'), 4);
    expect(hits.map((hit) => hit.label).sort()).toEqual([REFUND, CARE, HOURS]);
  });

  it('reuses the memory of removed points: replacing everything many times does not grow it', () => {
    const graph = graphOf(texts, { initialCapacity: 4 });
    let labels = [...texts.keys()];
    for (let round = 1; round <= 10; round += 1) {
      graph.remove(labels);
      labels = labels.map((label) => label + texts.length);
      graph.add(texts.map((text) => vector(`${text} (edition ${round})`)), labels);
    }
    expect(graph.size).toBe(4);
    expect(graph.capacity).toBeLessThanOrEqual(8);
    expect(graph.nearest(vector('wash batik edition 10'), 1)[0]?.label).toBe(labels[CARE]);
  });

  it('restricts a search to the labels accepted', () => {
    const hits = graphOf(texts).nearest(vector('delivery to Surabaya'), 2, { accept: (label) => label !== SHIPPING });
    expect(hits.map((hit) => hit.label)).not.toContain(SHIPPING);
    expect(hits).toHaveLength(2);
  });

  it('grows when full', () => {
    const many = Array.from({ length: 40 }, (_, i) => `document number ${i} about topic ${i % 7}`);
    const graph = graphOf(many, { initialCapacity: 2 });
    expect(graph.size).toBe(40);
    expect(graph.capacity).toBeGreaterThanOrEqual(40);
    expect(graph.nearest(vector('document number 39'), 40)).toHaveLength(40);
  });

  it('refuses a vector of the wrong size', () => {
    expect(() => graphOf(texts).add([[1, 2, 3]], [9])).toThrow('3 dimensions, the index has 256');
  });

  it('grows the default efSearch with the index size, within bounds', () => {
    expect(efSearchFor(100)).toBe(64);
    expect(efSearchFor(10_000)).toBe(160);
    expect(efSearchFor(100_000)).toBe(594);
    expect(efSearchFor(10_000_000)).toBe(800);
    const sizes = [1, 5_000, 20_000, 50_000, 200_000, 1_000_000];
    const efs = sizes.map(efSearchFor);
    expect(efs).toEqual([...efs].sort((a, b) => a - b));
  });

  it('keeps efSearch at least k so that large k still returns k results', () => {
    const graph = graphOf(Array.from({ length: 30 }, (_, i) => `item ${i} colour ${i % 5}`));
    expect(graph.nearest(vector('item colour'), 25, { efSearch: 2 })).toHaveLength(25);
  });

  it('writes and reads: same results, removals kept', async () => {
    const path = join(await newDir(), 'graph.hnsw');
    const graph = graphOf(texts);
    graph.remove([CARE]);
    await graph.write(path);
    const read = await HnswGraph.read(path, embeddings.dimensions, 3);
    const query = vector('wash batik cold water');
    expect(read.nearest(query, 3)).toEqual(graph.nearest(query, 3));
    expect(read.nearest(query, 3).map((hit) => hit.label)).not.toContain(CARE);
    // The read graph keeps working: an addition reuses the removed point's memory.
    read.add([vector('Gift wrapping is free.')], [4]);
    expect(read.nearest(vector('gift wrapping'), 1)[0]?.label).toBe(4);
  });
});
