// Website sources against a site served on 127.0.0.1: same host, depth and page caps, robots.txt, a page
// that times out is reported while the rest is indexed, re-syncs (on demand and on schedule) re-embed only
// changed pages, and without the allow-list the loopback site is refused.
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { KnowledgeSources } from '../../src/knowledge/sources/manager.js';
import { SettingsStore } from '../../src/store/settings-store.js';
import { CountingEmbeddings } from '../helpers/counting-embeddings.js';

const page = (title: string, body: string, links: string[] = []) =>
  `<html><head><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p>${links.map((href) => `<a href="${href}">${href}</a>`).join(' ')}</body></html>`;

let site: Record<string, string>;
let server: Server;
let base: string;
let hits: string[];
/** Paths that answer too late. */
let slow: Set<string>;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.push(path);
    const body = site[path];
    if (slow.has(path)) return void setTimeout(() => response.end(body ?? 'late'), 3000).unref();
    if (body === undefined) return void response.writeHead(404).end('not found');
    response.writeHead(200, { 'content-type': path === '/robots.txt' ? 'text/plain' : 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let dir: string;
let embeddings: CountingEmbeddings;
let index: KnowledgeIndex;
let settings: SettingsStore;
let now: number;
const manager = (allowPrivateHosts: string[] = ['127.0.0.1:*']) =>
  new KnowledgeSources({ index, dataDir: dir, settings, allowPrivateHosts, now: () => now });

beforeEach(async () => {
  hits = [];
  slow = new Set(['/slow']);
  now = Date.parse('2026-05-01T00:00:00Z');
  site = {
    '/robots.txt': 'User-agent: *\nDisallow: /private\n',
    '/': page('Home', 'Welcome to the batik shop.', ['/shipping', '/returns', '/private/admin', 'https://elsewhere.example/x', '/slow']),
    '/shipping': page('Shipping', 'Delivery to Surabaya takes two working days.', ['/deep1']),
    '/returns': page('Returns', 'Returns are accepted within 14 days.', ['/']),
    '/private/admin': page('Admin', 'secret staff page'),
    '/deep1': page('Deep one', 'Level two page about packaging.', ['/deep2']),
    '/deep2': page('Deep two', 'Level three page about gift wrapping.', ['/deep3']),
    '/deep3': page('Deep three', 'Level four page that is too deep.'),
  };
  dir = await mkdtemp(join(tmpdir(), 'jawab-website-'));
  embeddings = new CountingEmbeddings();
  index = await KnowledgeIndex.open({ dataDir: dir, embeddings, embeddingsId: 'counting', now: () => now });
  settings = await SettingsStore.open(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const addSite = (sources: KnowledgeSources, extra: Record<string, unknown> = {}) =>
  sources.add('default', { type: 'website', name: 'Shop site', url: `${base}/`, maxDepth: 2, pageTimeoutSeconds: 1, ...extra });

describe('website sources', () => {
  it('crawls the same host to the depth cap, honours robots.txt, reports the page that timed out and indexes the rest', async () => {
    const view = await addSite(manager(), { maxDepth: 3 });
    const indexed = (await index.search('page', 20)).map((hit) => hit.metadata.source);
    expect(new Set(indexed)).toEqual(new Set([`${base}/`, `${base}/shipping`, `${base}/returns`, `${base}/deep1`, `${base}/deep2`]));
    expect(hits).not.toContain('/private/admin');
    expect(hits).not.toContain('/deep3');
    expect(view.status.documents).toBe(5);
    expect(hits).toContain('/deep2');
    expect(view.status.errors).toEqual([
      { path: `${base}/private/admin`, reason: 'disallowed by robots.txt' },
      { path: `${base}/slow`, reason: expect.stringContaining('timed out') },
    ]);
    const [hit] = await index.search('how long is delivery to Surabaya', 1);
    expect(hit?.metadata).toMatchObject({ source: `${base}/shipping`, title: 'Shipping' });
  });

  it('stops at the page cap', async () => {
    const view = await addSite(manager(), { maxPages: 2, maxDepth: 3 });
    expect(view.status.documents).toBe(2);
    expect(hits.filter((path) => path !== '/robots.txt')).toHaveLength(2);
  });

  it('crawls a site added once, even when the settings write outlasts the crawl the reconcile started', async () => {
    const put = settings.put.bind(settings);
    settings.put = async (...args: Parameters<typeof put>) => {
      const result = await put(...args);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return result;
    };
    const view = await addSite(manager(), { maxPages: 2, maxDepth: 3 });
    expect(view.status.documents).toBe(2);
    expect(hits.filter((path) => path !== '/robots.txt')).toEqual(['/', '/shipping']);
  });

  it('re-embeds only the pages whose text changed, removes pages that are gone, keeps pages that timed out', async () => {
    const sources = manager();
    const { id } = await addSite(sources);
    embeddings.documents = [];
    site['/returns'] = page('Returns', 'Returns are accepted within 30 days.', ['/']);
    site['/shipping'] = page('Shipping', 'Delivery to Surabaya takes two working days.', ['/deep1']).replace('<body>', '<body><!-- build 2 -->');
    delete site['/deep2'];
    const view = await sources.sync('default', id);
    expect(embeddings.documents).toHaveLength(1);
    expect(embeddings.documents[0]).toContain('30 days');
    expect(view.status.documents).toBe(4);

    // The returns page now times out: its indexed version stays.
    slow.add('/returns');
    const slowed = await sources.sync('default', id);
    expect(slowed.status.errors.map((error) => error.path).sort()).toEqual([`${base}/private/admin`, `${base}/returns`, `${base}/slow`]);
    expect(slowed.status.documents).toBe(4);
    expect((await index.search('returns accepted days', 3)).map((hit) => hit.text).join(' ')).toContain('30 days');
  });

  it('re-crawls on schedule when the interval has passed, not before', async () => {
    const sources = manager();
    await addSite(sources, { resyncHours: 24 });
    hits = [];
    now += 23 * 3_600_000;
    await sources.reconcile();
    expect(hits).toEqual([]);
    now += 2 * 3_600_000;
    await sources.reconcile();
    expect(hits).toContain('/');
  });

  it('refuses the loopback site without the allow-list and keeps nothing from it', async () => {
    const view = await addSite(manager([]));
    expect(hits).toEqual([]);
    expect(view.status).toMatchObject({ documents: 0, chunks: 0 });
    expect(view.status.errors).toEqual([{ path: `${base}/`, reason: expect.stringContaining('127.0.0.1 is a loopback address') }]);
  });
});
