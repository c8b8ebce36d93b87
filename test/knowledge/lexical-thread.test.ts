// BM25 on its own thread (lexical-thread.ts): the hybrid search's lexical side ranked there must give what it gives
// on the main thread, to the bit, and follow the generation in force.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { OfflineEmbeddings } from '../../src/knowledge/offline-embeddings.js';
import { runScript } from '../helpers/child.js';
import { SAMPLE_KNOWLEDGE_DIR } from './sample-index.js';

const QUERIES = ['test/eval/faq-test.jsonl', 'test/eval/faq-tune.jsonl'].flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { query: string }).query),
);

const embeddings = new OfflineEmbeddings();
const open = (dataDir: string, lexicalThreadFrom: number) => KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: embeddings.id, lexicalThreadFrom });

/** Searches until the thread has opened the generation in force (it opens it in the background). */
async function threadReady(index: KnowledgeIndex): Promise<void> {
  const before = index.searchesOnThread;
  for (let i = 0; i < 200 && index.searchesOnThread === before; i += 1) {
    await index.search('ongkir ke surabaya', 8);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(index.searchesOnThread).toBeGreaterThan(before);
}

describe('BM25 on a thread of its own', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'jawab-lexical-thread-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('ranks every query as the main thread does, scoped or not, once the index is large enough', async () => {
    const threaded = await open(dataDir, 0);
    await threaded.sync(SAMPLE_KNOWLEDGE_DIR);
    await threadReady(threaded);
    // The same generation read by an index that keeps BM25 on the main thread.
    const main = await open(dataDir, Number.POSITIVE_INFINITY);
    const scope = new Set(['folder']);
    const before = threaded.searchesOnThread;
    for (const query of QUERIES) {
      expect(await threaded.search(query, 8)).toEqual(await main.search(query, 8));
      expect(await threaded.search(query, 8, { sources: scope })).toEqual(await main.search(query, 8, { sources: scope }));
    }
    expect(threaded.searchesOnThread - before).toBe(QUERIES.length * 2);
    expect(main.searchesOnThread).toBe(0);
  });

  it('starts the thread when a sync makes the index large enough, and searches the new generation there', async () => {
    const folderOnly = (await open(dataDir, Number.POSITIVE_INFINITY)).stats().chunks;
    const index = await open(dataDir, folderOnly + 1);
    await index.search('ongkir ke surabaya', 8);
    expect(index.searchesOnThread).toBe(0);
    const files = [{ path: 'promo.md', title: 'Promo', text: '# Promo 12.12\n\nDiskon 12% untuk semua kain batik tulis Lasem pada tanggal 12 Desember.', format: 'markdown' as const, hash: 'p1' }];
    await index.syncSource('snippets', { files, errors: [] });
    await threadReady(index);
    const main = await open(dataDir, Number.POSITIVE_INFINITY);
    const found = await index.search('promo 12.12 batik lasem', 3);
    expect(found[0]!.id).toBe((await main.search('promo 12.12 batik lasem', 3))[0]!.id);
    expect(found).toEqual(await main.search('promo 12.12 batik lasem', 3));
    expect(found[0]!.text).toContain('Lasem');
  });

  it('lets a command that searches end by itself, and not before its last search is answered', async () => {
    const own = await mkdtemp(join(tmpdir(), 'jawab-lexical-thread-command-'));
    try {
      const run = await runScript('test/knowledge/scripts/search-once.ts', [own, SAMPLE_KNOWLEDGE_DIR], {});
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const printed = JSON.parse(run.stdout) as { onThread: number; first: string };
      expect(printed.onThread).toBeGreaterThan(1);
      expect(printed.first).toMatch(/^folder:id\/ongkos-kirim\.md#/);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
