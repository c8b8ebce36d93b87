// Readiness and the knowledge status: while the knowledge is being indexed (embedding requests held at the fake
// OpenAI) /readyz answers 503 and so does /api/knowledge/status, at once; after indexing both answer 200, the
// status with what the index holds.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createJawab, type Jawab } from '../../src/app.js';
import { loadConfig } from '../../src/config/env.js';
import { silentLogger } from '../../src/log.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { ADMIN_TOKEN, KNOWLEDGE_DIR, startHarness } from '../helpers/harness.js';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function knowledgeFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

async function startIndexing(openai: FakeOpenAI): Promise<Jawab> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jawab-ready-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR,
    ADMIN_TOKEN,
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: openai.url,
    OPENAI_EMBEDDING_MODEL: 'fake-embed-1',
    OPENAI_TIMEOUT_MS: '20000',
  });
  const jawab = await createJawab(config, silentLogger);
  cleanup.push(() => jawab.close());
  return jawab;
}

describe('readiness while the knowledge is indexed', () => {
  it('/readyz and /api/knowledge/status answer 503 until the index is ready, then 200', async () => {
    const openai = await startFakeOpenAI();
    cleanup.push(() => openai.close());
    const release = openai.holdEmbeddings();
    cleanup.push(async () => release());
    const jawab = await startIndexing(openai);
    await until(() => openai.requests.some((r) => r.path === '/v1/embeddings'), 'the first embedding request');

    const notReady = await request(jawab.http).get('/readyz');
    expect([notReady.status, notReady.body]).toEqual([503, { error: { code: 'not_ready', message: 'still starting (indexing knowledge, resuming work)' } }]);
    expect((await request(jawab.http).get('/healthz')).status).toBe(200);
    const status = await request(jawab.http).get('/api/knowledge/status').set(admin);
    expect([status.status, status.body]).toEqual([503, { error: { code: 'not_ready', message: 'the knowledge is still being indexed' } }]);
    expect(jawab.isReady()).toBe(false);

    release();
    await jawab.ready;
    const ready = await request(jawab.http).get('/readyz');
    expect([ready.status, ready.body]).toEqual([200, { status: 'ready' }]);
    const after = await request(jawab.http).get('/api/knowledge/status').set(admin);
    expect(after.status).toBe(200);
    expect(after.body.embeddingsId).toBe(`openai-fake-embed-1@${new URL(openai.url).host}`);
    expect(after.body.files).toBe(await knowledgeFiles(KNOWLEDGE_DIR));
  });
});

describe('GET /api/knowledge/status', () => {
  it('reports the embeddings, the files and chunks of KNOWLEDGE_DIR, behind the admin token', async () => {
    const h = await startHarness({ helpdesk: 'sandbox' });
    cleanup.push(() => h.close());
    expect((await request(h.jawab.http).get('/api/knowledge/status')).status).toBe(401);

    const response = await request(h.jawab.http).get('/api/knowledge/status').set(admin);
    expect(response.status).toBe(200);
    const body = response.body as Record<string, unknown> & { folder: { chunks: number; lastSyncAt: string } };
    const files = await knowledgeFiles(KNOWLEDGE_DIR);
    expect(body).toEqual({
      embeddingsId: expect.stringMatching(/^offline/),
      directory: join(h.dataDir, 'index', String(body.embeddingsId)),
      files,
      chunks: body.folder.chunks,
      lastSyncAt: body.folder.lastSyncAt,
      knowledgeDir: KNOWLEDGE_DIR,
      folder: { documents: files, chunks: expect.any(Number), errors: [], lastSyncAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    });
    expect(body.folder.chunks).toBeGreaterThan(files);
  });
});
