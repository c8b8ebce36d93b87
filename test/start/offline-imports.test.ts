// Offline mode (no OPENAI_API_KEY, no REDIS_URL) loads neither the model client, nor Redis and BullMQ, nor the
// document parsers: they cost a start about a second and tens of MiB, and only a start that uses them pays for them.
// The process is a real one (`node --import tsx src/main.ts`) with a resolve hook that records every module it and
// its worker threads load (test/helpers/import-recorder.mjs).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startJawabProcess } from '../helpers/child.js';
import { makePdf } from '../helpers/documents.js';

const RECORDER = fileURLToPath(new URL('../helpers/import-recorder.mjs', import.meta.url));
const ADMIN = 'child-process-admin-token-000';

/** Packages and modules of model mode, of the Redis backend and of the PDF and DOCX parsers. */
const MODEL = ['node_modules/@langchain/openai/', 'node_modules/openai/', '/src/answer/model-answerer.ts', '/src/rules/model-classifier.ts', '/src/answer/prompt.ts'];
const REDIS = ['node_modules/ioredis/', 'node_modules/bullmq/', 'node_modules/redis-semaphore/', '/src/redis/'];
const PARSERS = ['node_modules/unpdf/', 'node_modules/mammoth/', '/src/knowledge/formats/pdf.ts', '/src/knowledge/formats/docx.ts'];

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'jawab-imports-'));
  dirs.push(dir);
  return dir;
}

/** Starts Jawab offline on `knowledge`, has one sandbox conversation answered, and returns the modules it loaded. */
async function modulesOfAnOfflineRun(knowledge: Record<string, string | Buffer>): Promise<string[]> {
  const dataDir = await tempDir();
  const knowledgeDir = await tempDir();
  for (const [name, content] of Object.entries(knowledge)) await writeFile(join(knowledgeDir, name), content);
  const file = join(await tempDir(), 'imports.txt');
  const jawab = await startJawabProcess(
    { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, ADMIN_TOKEN: ADMIN, JAWAB_IMPORTS_FILE: file, NODE_OPTIONS: `--import=${RECORDER}` },
    await freePort(),
  );
  try {
    const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const started = await fetch(`${jawab.url}/api/sandbox/conversations`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Sari' }) });
    const { id } = (await started.json()) as { id: number };
    await fetch(`${jawab.url}/api/sandbox/conversations/${id}/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ text: 'berapa lama pengiriman?' }) });
    // The answer shows in the sandbox conversation: the offline answer path has run.
    for (let i = 0; i < 100; i++) {
      const seen = (await (await fetch(`${jawab.url}/api/sandbox/conversations/${id}`, { headers: auth })).json()) as { conversation: { messages: Array<{ from: string }> } };
      if (seen.conversation.messages.some((m) => m.from === 'bot')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await jawab.stop();
  }
  return (await readFile(file, 'utf8')).split('\n').filter(Boolean);
}

const loadedOf = (modules: string[], names: string[]) => names.filter((name) => modules.some((url) => url.includes(name)));

describe('an offline start', () => {
  it('loads no model-mode, Redis or document-parser module, while it answers from the knowledge', { timeout: 60_000 }, async () => {
    const modules = await modulesOfAnOfflineRun({ 'shipping.md': '# Pengiriman\n\nPengiriman ke seluruh Indonesia memakan waktu 2 sampai 4 hari kerja.\n' });
    // The recorder sees what the process loads: the web server, the store, the index (on its worker thread).
    expect(loadedOf(modules, ['node_modules/express/', 'node_modules/lowdb/', 'node_modules/hnswlib-node/', '/src/answer/extractive.ts'])).toHaveLength(4);
    expect({ model: loadedOf(modules, MODEL), redis: loadedOf(modules, REDIS), parsers: loadedOf(modules, PARSERS) }).toEqual({ model: [], redis: [], parsers: [] });
  });

  it('loads the PDF parser, and only it, once the knowledge holds a PDF', { timeout: 60_000 }, async () => {
    const modules = await modulesOfAnOfflineRun({ 'returns.pdf': makePdf(['Returns are accepted within 14 days.']) });
    expect(loadedOf(modules, PARSERS)).toEqual(['node_modules/unpdf/', '/src/knowledge/formats/pdf.ts']);
    expect({ model: loadedOf(modules, MODEL), redis: loadedOf(modules, REDIS) }).toEqual({ model: [], redis: [] });
  });
});
