// How the index is built and saved: off the event loop, without touching the files when nothing changed, swapped
// whole so searches never see a half-applied sync, and consistent after any number of kill -9s mid-build.
import { createHash } from 'node:crypto';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Embeddings } from '@langchain/core/embeddings';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HnswGraph } from '../../src/knowledge/hnsw-store.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import type { LoadedFile } from '../../src/knowledge/loader.js';
import { OfflineEmbeddings } from '../../src/knowledge/offline-embeddings.js';
import { runScript } from '../helpers/child.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { CountingEmbeddings } from '../helpers/counting-embeddings.js';

const newDir = tempDirs('jawab-index-build-');
afterEach(() => {
  vi.restoreAllMocks();
});

const WORDS = 'order shipping delivery refund return payment invoice batik shirt size exchange courier tracking parcel pengiriman pesanan pembayaran ukuran kemeja kain harga ongkir paket voucher discount cotton silk pattern'.split(' ');

/** A word of its own for article i ("xqbhq" for 17), so a search can ask for one article. */
const nameOf = (i: number): string => `xq${[...String(i)].map((digit) => 'abcdefghij'[Number(digit)]).join('')}q`;

/** `count` documents of a few paragraphs each; `edition` is written into every sentence. */
function documents(count: number, edition: string): LoadedFile[] {
  const next = seededRandom(count);
  return Array.from({ length: count }, (_, i) => {
    const sentences = Array.from({ length: 12 }, () => `Article ${nameOf(i)} ${edition}: ${Array.from({ length: 10 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ')}.`);
    const text = `# Article ${i}\n\n${sentences.slice(0, 6).join(' ')}\n\n## More\n\n${sentences.slice(6).join(' ')}\n`;
    return { path: `article-${i}.md`, title: `Article ${i}`, text, format: 'markdown', hash: `${edition}-${i}` };
  });
}

/** A data folder, and a knowledge folder holding `count` documents of `edition` (none when 0). */
async function folders(count: number, edition: string): Promise<{ dataDir: string; knowledgeDir: string }> {
  const dataDir = await newDir();
  const knowledgeDir = join(await newDir(), 'knowledge');
  await mkdir(knowledgeDir);
  for (const file of documents(count, edition)) await writeFile(join(knowledgeDir, file.path), file.text);
  return { dataDir, knowledgeDir };
}

/** Every file under a folder with its size, modification time and inode: any write shows. */
async function fileSignatures(folder: string): Promise<Record<string, string>> {
  const signatures: Record<string, string> = {};
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path, { bigint: true });
    signatures[path.slice(folder.length)] = `${info.size}/${info.mtimeNs}/${info.ino}`;
  }
  return signatures;
}

describe('building the knowledge index', () => {
  it('builds on a worker thread: no document is embedded on the event loop, and its timers keep firing', async () => {
    const embed = vi.spyOn(OfflineEmbeddings.prototype, 'embed');
    const embeddings = new OfflineEmbeddings();
    const index = await KnowledgeIndex.open({ dataDir: await newDir(), embeddings, embeddingsId: embeddings.id });
    const lag = monitorEventLoopDelay({ resolution: 10 });
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    lag.enable();
    const report = await index.syncSource('bulk', { files: documents(300, 'first'), errors: [] });
    lag.disable();
    clearInterval(timer);
    expect(report).toMatchObject({ added: 300, updated: 0, removed: 0, chunks: 600 });
    // The offline embeddings ran elsewhere: not one call on this thread, yet every chunk has its vector.
    expect(embed).not.toHaveBeenCalled();
    expect(ticks).toBeGreaterThan(0);
    console.info(`event loop while building 600 chunks: max lag ${(lag.max / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, ${ticks} timer ticks`);
    const [hit] = await index.search(`article ${nameOf(7)}`, 1, { mode: 'vector' });
    expect(embed).toHaveBeenCalledTimes(1);
    expect(hit?.metadata.source).toBe('article-7.md');
  });

  it('reads an unchanged index at start and writes nothing', async () => {
    const { dataDir, knowledgeDir } = await folders(20, 'first');
    const embeddings = new OfflineEmbeddings();
    const open = () => KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: embeddings.id });
    await (await open()).sync(knowledgeDir);
    const before = await fileSignatures(dataDir);
    const restarted = await open();
    const report = await restarted.sync(knowledgeDir);
    expect(report).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 20, chunks: 40 });
    expect(await fileSignatures(dataDir)).toEqual(before);
    expect((await restarted.search(`article ${nameOf(3)}`, 1))[0]?.metadata.source).toBe('article-3.md');
  });

  it('rebuilds an index whose files cannot be read, saying so, at the first sync after the start', async () => {
    const { dataDir, knowledgeDir } = await folders(10, 'first');
    const embeddings = new OfflineEmbeddings();
    const directory = join(dataDir, 'index', embeddings.id);
    const warnings: string[] = [];
    const open = () => KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: embeddings.id, warn: (message) => warnings.push(message) });
    await (await open()).sync(knowledgeDir);
    for (const damage of [() => writeFile(join(directory, 'generation-1', 'chunks.bin'), 'JWB1 cut short'), () => writeFile(join(directory, 'manifest.json'), '{"version":')]) {
      await damage();
      const index = await open();
      expect(await index.sync(knowledgeDir)).toMatchObject({ added: 10, updated: 0, removed: 0, unchanged: 0, chunks: 20 });
      expect(warnings.splice(0)).toEqual([expect.stringMatching(/^knowledge index in .* is unreadable \(.*\); it will be rebuilt$/)]);
      expect((await index.search(`article ${nameOf(4)}`, 1))[0]?.metadata.source).toBe('article-4.md');
    }
  });

  it('serves the last complete index while a sync runs: a search never sees part of one', async () => {
    // A model's embeddings answer over the network: each batch gives the event loop back, and searches run meanwhile.
    class RemoteEmbeddings extends Embeddings {
      private readonly inner = new OfflineEmbeddings();
      constructor() {
        super({});
      }
      override async embedDocuments(texts: string[]): Promise<number[][]> {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return this.inner.embedDocuments(texts);
      }
      override async embedQuery(text: string): Promise<number[]> {
        return this.inner.embedQuery(text);
      }
    }
    const index = await KnowledgeIndex.open({ dataDir: await newDir(), embeddings: new RemoteEmbeddings(), embeddingsId: 'remote', batchSize: 4 });
    await index.syncSource('articles', { files: documents(30, 'alpha'), errors: [] });
    const editions = async (): Promise<string[]> => {
      const hits = await index.search('article', 60, { mode: 'bm25' });
      return hits.map((hit) => /(alpha|beta)/.exec(hit.text)?.[1] ?? 'none');
    };
    const seen: string[][] = [];
    let done = false;
    const sync = index.syncSource('articles', { files: documents(30, 'beta'), errors: [] }).finally(() => (done = true));
    while (!done) {
      seen.push(await editions());
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await sync;
    seen.push(await editions());
    for (const found of seen) {
      expect(found).toHaveLength(60);
      expect(new Set(found).size).toBe(1);
    }
    expect(seen[0]![0]).toBe('alpha');
    expect(seen.at(-1)![0]).toBe('beta');
  });

  it('migrates an index written before generations without embedding anything again', async () => {
    // A version 2 folder as the previous release wrote it: hnswlib.index, docstore.json (label -> chunk) and a
    // manifest listing chunk ids. Label 2 is a chunk the manifest no longer owned.
    const { dataDir, knowledgeDir } = await folders(2, 'old');
    const files = documents(2, 'old').map((file) => ({ ...file, hash: createHash('sha256').update(file.text).digest('hex') }));
    const embeddings = new CountingEmbeddings();
    const directory = join(dataDir, 'index', 'counting-v1');
    await mkdir(directory, { recursive: true });
    const chunks = files.map((file) => ({ id: `folder:${file.path}#${file.hash.slice(0, 16)}#0`, pageContent: file.text.split('\n\n')[1]!, metadata: { source: file.path, title: file.title, position: 0, sourceId: 'folder' } }));
    chunks.push({ id: 'folder:gone.md#0000000000000000#0', pageContent: 'A page deleted long ago', metadata: { source: 'gone.md', title: 'Gone', position: 0, sourceId: 'folder' } });
    const graph = HnswGraph.create(256);
    graph.add(await embeddings.inner.embedDocuments(chunks.map((chunk) => chunk.pageContent)), [0, 1, 2]);
    await graph.write(join(directory, 'hnswlib.index'));
    const docstore = { version: 1, dimensions: 256, nextLabel: 3, options: { m: 16, efConstruction: 100 }, documents: Object.fromEntries(chunks.map((chunk, label) => [String(label), chunk])) };
    await writeFile(join(directory, 'docstore.json'), JSON.stringify(docstore));
    const documentsOf = Object.fromEntries(files.map((file, i) => [file.path, { hash: file.hash, title: file.title, chunkIds: [chunks[i]!.id] }]));
    await writeFile(join(directory, 'manifest.json'), JSON.stringify({ version: 2, embeddingsId: 'counting-v1', sources: { folder: { errors: [], documents: documentsOf, lastSyncAt: '2025-01-01T00:00:00.000Z' } } }));

    const index = await KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: 'counting-v1', warn: (message) => expect.fail(message) });
    expect(await readdir(directory)).toEqual(['generation-1', 'manifest.json']);
    expect(index.sourceStatus('folder')).toEqual({ documents: 2, chunks: 2, errors: [], lastSyncAt: '2025-01-01T00:00:00.000Z' });
    const hits = await index.search(`article ${nameOf(1)}`, 5);
    expect(hits.map((hit) => hit.id)).toEqual([chunks[1]!.id, chunks[0]!.id]);
    // The vectors came along with their labels: a chunk's own text is its nearest neighbour, at similarity 1.
    const [self] = await index.search(chunks[0]!.pageContent, 1, { mode: 'vector' });
    expect(self?.id).toBe(chunks[0]!.id);
    expect(self?.similarity).toBeCloseTo(1, 5);
    expect(await index.sync(knowledgeDir)).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 2, chunks: 2 });
    expect(embeddings.documents).toEqual([]);
  });

  it('stays consistent through kill -9 at random moments of a build, and the next sync completes it', async () => {
    const { dataDir, knowledgeDir } = await folders(0, '');
    const env = { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir };
    const next = seededRandom(42);
    const embeddings = new OfflineEmbeddings();
    let files: LoadedFile[] = [];
    for (let round = 0; round < 6; round += 1) {
      // Every round changes half of the articles, so each build deletes and adds.
      files = documents(120, `round${round}`).map((file, i) => (i % 2 === round % 2 || round === 0 ? file : (files[i] ?? file)));
      for (const file of files) await writeFile(join(knowledgeDir, file.path), file.text);
      await runScript('src/knowledge/cli.ts', [], env, 1500 + Math.floor(next() * 2500));
      // Whatever moment the kill came, the index opens and what it holds agrees with its manifest.
      const index = await KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: embeddings.id, warn: (message) => expect.fail(message) });
      const status = index.sourceStatus('folder');
      expect(index.stats().chunks).toBe(status?.chunks ?? 0);
      const hits = await index.search('Article', 500, { mode: 'bm25' });
      expect(hits).toHaveLength(index.stats().chunks);
    }
    const report = await (await KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: embeddings.id })).sync(knowledgeDir);
    expect(report.chunks).toBe(240);
    const index = await KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: embeddings.id });
    const texts = (await index.search('Article', 500, { mode: 'bm25' })).map((hit) => hit.text).sort();
    const expected = files.flatMap((file) => file.text.split('\n\n').filter((part) => part.startsWith('Article')).map((part) => part.trim())).sort();
    expect(texts).toEqual(expected);
    expect(await readdir(join(dataDir, 'index', embeddings.id))).toHaveLength(2);
  });
});
