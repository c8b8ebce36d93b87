import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document } from '@langchain/core/documents';
import { afterEach, describe, expect, it } from 'vitest';
import { efSearchFor, HnswStore } from '../../src/knowledge/hnsw-store.js';
import { OfflineEmbeddings } from '../../src/knowledge/offline-embeddings.js';

const embeddings = new OfflineEmbeddings({ dimensions: 256 });
const texts = {
  shipping: 'Delivery to Surabaya takes 2–3 working days.',
  refund: 'Refunds are paid to the original payment method within 7 days.',
  care: 'Wash batik by hand in cold water with a mild soap.',
  hours: 'Customer service is open Monday to Saturday, 08:00 to 20:00.',
};
const docs = (): Document[] => Object.entries(texts).map(([id, pageContent]) => new Document({ id, pageContent, metadata: { topic: id } }));

let directory: string | undefined;
afterEach(async () => {
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  directory = undefined;
});

describe('HnswStore', () => {
  it('adds documents and finds the nearest with a similarity score', async () => {
    const store = new HnswStore(embeddings);
    expect(await store.addDocuments(docs())).toEqual(['shipping', 'refund', 'care', 'hours']);
    const hits = await store.similaritySearchWithScore('how long is delivery to Surabaya', 2);
    expect(hits[0]?.[0].id).toBe('shipping');
    expect(hits[0]?.[0].metadata).toEqual({ topic: 'shipping' });
    expect(hits[0]?.[1]).toBeGreaterThan(hits[1]?.[1] ?? 1);
    expect(hits[0]?.[1]).toBeLessThanOrEqual(1);
  });

  it('returns no more than it holds, and nothing when empty', async () => {
    const store = new HnswStore(embeddings);
    expect(await store.similaritySearch('anything', 3)).toEqual([]);
    await store.addDocuments(docs());
    expect(await store.similaritySearch('refund', 50)).toHaveLength(4);
  });

  it('never returns deleted ids', async () => {
    const store = new HnswStore(embeddings);
    await store.addDocuments(docs());
    await store.delete({ ids: ['shipping', 'unknown-id'] });
    expect(store.size).toBe(3);
    const hits = await store.similaritySearch('delivery to Surabaya working days', 4);
    expect(hits.map((hit) => hit.id)).not.toContain('shipping');
    expect(hits).toHaveLength(3);
  });

  it('treats adding an existing id as a replacement', async () => {
    const store = new HnswStore(embeddings);
    await store.addDocuments(docs());
    await store.addDocuments([new Document({ id: 'shipping', pageContent: 'Shipping to Bali takes 3–5 days.', metadata: {} })]);
    expect(store.size).toBe(4);
    const hits = await store.similaritySearch('shipping Bali', 4);
    expect(hits.filter((hit) => hit.id === 'shipping').map((hit) => hit.pageContent)).toEqual(['Shipping to Bali takes 3–5 days.']);
  });

  it('grows when full', async () => {
    const store = new HnswStore(embeddings, { initialCapacity: 2 });
    const many = Array.from({ length: 40 }, (_, i) => new Document({ id: `d${i}`, pageContent: `document number ${i} about topic ${i % 7}` }));
    await store.addDocuments(many);
    expect(store.size).toBe(40);
    expect(store.capacity).toBeGreaterThanOrEqual(40);
    expect((await store.similaritySearch('document number 39', 40)).length).toBe(40);
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

  it('keeps efSearch at least k so that large k still returns k results', async () => {
    const store = new HnswStore(embeddings, { efSearch: 2 });
    await store.addDocuments(Array.from({ length: 30 }, (_, i) => new Document({ id: `d${i}`, pageContent: `item ${i} colour ${i % 5}` })));
    expect(await store.similaritySearch('item colour', 25)).toHaveLength(25);
  });

  it('saves and loads: same results, deletions kept', async () => {
    directory = await mkdtemp(join(tmpdir(), 'jawab-hnsw-'));
    const store = new HnswStore(embeddings);
    await store.addDocuments(docs());
    await store.delete({ ids: ['care'] });
    await store.save(directory);
    const loaded = await HnswStore.load(directory, embeddings);
    expect(loaded.size).toBe(3);
    expect(loaded.ids().sort()).toEqual(['hours', 'refund', 'shipping']);
    const before = await store.similaritySearchWithScore('wash batik cold water', 3);
    const after = await loaded.similaritySearchWithScore('wash batik cold water', 3);
    expect(after.map(([doc]) => doc.id)).toEqual(before.map(([doc]) => doc.id));
    expect(after.map(([doc]) => doc.id)).not.toContain('care');
    // The loaded store keeps working: new additions reuse the deleted slot.
    await loaded.addDocuments([new Document({ id: 'new', pageContent: 'Gift wrapping is free.' })]);
    expect((await loaded.similaritySearch('gift wrapping', 1))[0]?.id).toBe('new');
  });
});
