import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { CountingEmbeddings } from '../helpers/counting-embeddings.js';

let root: string;
let knowledgeDir: string;
let dataDir: string;
let embeddings: CountingEmbeddings;
const open = (): Promise<KnowledgeIndex> => KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: 'counting-v1' });
const write = async (path: string, text: string | Buffer): Promise<void> => {
  await mkdir(join(knowledgeDir, path, '..'), { recursive: true });
  await writeFile(join(knowledgeDir, path), text);
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'jawab-index-'));
  knowledgeDir = join(root, 'knowledge');
  dataDir = join(root, 'data');
  embeddings = new CountingEmbeddings();
  await write('shipping.md', '# Shipping\n\nDelivery to Surabaya takes 2–3 working days with JNE.\n');
  await write('returns.md', '# Returns\n\nYou can return an item within 14 days. Refunds take 3–7 working days.\n');
  await write('faq/hours.txt', 'Opening hours\n\nWe are open Monday to Saturday from 08:00 to 20:00.\n');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('KnowledgeIndex.sync', () => {
  it('indexes a folder and reports what it did', async () => {
    const index = await open();
    const progress: [number, number][] = [];
    const report = await index.sync(knowledgeDir, (done, total) => progress.push([done, total]));
    expect(report).toEqual({ added: 3, updated: 0, removed: 0, unchanged: 0, chunks: 3, errors: [] });
    expect(progress.at(-1)).toEqual([3, 3]);
    const [hit] = await index.search('how long does delivery to Surabaya take', 1);
    expect(hit?.metadata).toMatchObject({ source: 'shipping.md', title: 'Shipping', language: 'en' });
    expect(index.stats()).toMatchObject({ embeddingsId: 'counting-v1', files: 3, chunks: 3 });
  });

  it('re-embeds only the changed file', async () => {
    await (await open()).sync(knowledgeDir);
    embeddings.documents = [];
    await write('returns.md', '# Returns\n\nYou can return an item within 30 days. Refunds take 3–7 working days.\n');
    const index = await open();
    const report = await index.sync(knowledgeDir);
    expect(report).toMatchObject({ added: 0, updated: 1, removed: 0, unchanged: 2, chunks: 3 });
    expect(embeddings.documents).toHaveLength(1);
    expect(embeddings.documents[0]).toContain('30 days');
    const hits = await index.search('return an item within days', 5);
    expect(hits.map((hit) => hit.text).join('\n')).not.toContain('14 days');
  });

  it('embeds nothing when nothing changed', async () => {
    await (await open()).sync(knowledgeDir);
    embeddings.documents = [];
    const report = await (await open()).sync(knowledgeDir);
    expect(report).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 3 });
    expect(embeddings.documents).toEqual([]);
  });

  it('deletes the chunks of a removed file for good, also after reopening', async () => {
    const index = await open();
    await index.sync(knowledgeDir);
    await unlink(join(knowledgeDir, 'shipping.md'));
    const report = await index.sync(knowledgeDir);
    expect(report).toMatchObject({ removed: 1, chunks: 2 });
    const sources = async (ix: KnowledgeIndex): Promise<string[]> =>
      (await ix.search('delivery Surabaya JNE working days', 10)).map((hit) => hit.metadata.source);
    expect(await sources(index)).not.toContain('shipping.md');
    const reopened = await open();
    expect(await sources(reopened)).not.toContain('shipping.md');
    expect(reopened.stats().chunks).toBe(2);
  });

  it('reports a broken file and indexes the rest', async () => {
    await write('broken.md', Buffer.from([0x23, 0x20, 0xc3, 0x28, 0xa0, 0xa1, 0x0a]));
    await write('image.html', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    const report = await (await open()).sync(knowledgeDir);
    expect(report.added).toBe(3);
    expect(report.errors).toEqual([
      { path: 'broken.md', reason: expect.stringContaining('UTF-8') },
      { path: 'image.html', reason: expect.stringContaining('binary') },
    ]);
  });

  it('drops a file that became unreadable', async () => {
    const index = await open();
    await index.sync(knowledgeDir);
    await write('returns.md', Buffer.from([0xff, 0xff, 0xc3, 0x28]));
    const report = await index.sync(knowledgeDir);
    expect(report).toMatchObject({ removed: 1, chunks: 2 });
    expect(report.errors.map((error) => error.path)).toEqual(['returns.md']);
  });

  it('keeps a consistent index when embedding fails, and finishes on the next sync', async () => {
    const index = await open();
    await index.sync(knowledgeDir);
    await write('returns.md', '# Returns\n\nReturns are accepted within 30 days.\n');
    embeddings.failNext = true;
    await expect(index.sync(knowledgeDir)).rejects.toThrow('embeddings service down');
    // The old version is still served until the new one is embedded...
    expect((await open()).stats().chunks).toBe(3);
    // ...and the next sync picks the change up.
    const report = await (await open()).sync(knowledgeDir);
    expect(report).toMatchObject({ updated: 1, chunks: 3 });
  });

  it('splits long documents and keeps headings', async () => {
    const section = (name: string): string => `## ${name}\n\n${`The ${name.toLowerCase()} rules are explained here in detail. `.repeat(30)}\n`;
    await write('long.md', `# Handbook\n\n${section('Payments')}\n${section('Deliveries')}`);
    const index = await open();
    const report = await index.sync(knowledgeDir);
    expect(report.chunks).toBeGreaterThan(5);
    const [hit] = await index.search('deliveries rules', 1);
    expect(hit?.metadata).toMatchObject({ source: 'long.md', title: 'Handbook', heading: 'Deliveries' });
    expect(hit?.text.length).toBeLessThanOrEqual(800);
  });
});
