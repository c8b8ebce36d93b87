// `npm run index` as a user runs it (a child process): it indexes KNOWLEDGE_DIR into DATA_DIR where the server finds
// it (same embeddings id), updates it incrementally, and a bad configuration stops it with the server's one line.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { embeddingsOf } from '../../src/knowledge/embeddings.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { retrieve } from '../../src/knowledge/retrieve.js';
import { REPO_DIR, runScript } from '../helpers/child.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs('jawab-index-cli-');

async function knowledge(): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'hours.md'), '# Opening hours\n\nThe shop is open from 9:00 to 17:00, Monday to Friday. On Saturday it opens at 10:00.\n');
  await writeFile(join(dir, 'returns.md'), '# Returns\n\nItems can be returned within 14 days of delivery with the receipt.\n');
  return dir;
}

describe('npm run index', () => {
  it('is wired to src/knowledge/cli.ts', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.index).toBe('tsx src/knowledge/cli.ts');
  });

  it('indexes KNOWLEDGE_DIR into DATA_DIR, where the server looks, and only re-reads what changed', async () => {
    const dataDir = await tempDir();
    const knowledgeDir = await knowledge();
    const env = { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir };
    // The server's choice for the same environment: the CLI must build that very index.
    const choice = embeddingsOf(loadConfig(env));
    const directory = join(dataDir, 'index', choice.id);

    const first = await runScript('src/knowledge/cli.ts', [], env, 45_000);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe(`indexing ${knowledgeDir} with offline embeddings (${choice.id})\n`);
    const chunks = Number(/^chunks in the index: (\d+)$/m.exec(first.stdout)?.[1]);
    expect(first.stdout).toBe(`index: ${directory} (${choice.id})\nfiles: 2 added, 0 updated, 0 removed, 0 unchanged\nchunks in the index: ${chunks}\n`);
    expect(chunks).toBeGreaterThanOrEqual(2);

    const index = await KnowledgeIndex.open({ dataDir, embeddings: choice.embeddings, embeddingsId: choice.id });
    expect(index.directory).toBe(directory);
    expect(index.stats()).toMatchObject({ files: 2, chunks });
    const found = await retrieve(index, 'how many days do I have to return an item?');
    expect(found.passages[0]?.metadata.title).toBe('Returns');

    await writeFile(join(knowledgeDir, 'hours.md'), '# Opening hours\n\nThe shop is open every day from 8:00 to 20:00.\n');
    const second = await runScript('src/knowledge/cli.ts', [], env, 45_000);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('\nfiles: 0 added, 1 updated, 0 removed, 1 unchanged\n');
  }, 60_000);

  it('stops on a bad configuration with the one line the server gives, and builds nothing', async () => {
    const dataDir = join(await tempDir(), 'data');
    const env = { DATA_DIR: dataDir, KNOWLEDGE_DIR: await knowledge(), OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'not a url' };
    expect(() => loadConfig(env)).toThrow(new Error('configuration error: OPENAI_BASE_URL must be an http(s) URL'));
    const run = await runScript('src/knowledge/cli.ts', [], env, 45_000);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'configuration error: OPENAI_BASE_URL must be an http(s) URL\n' });
    await expect(stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 60_000);
});
