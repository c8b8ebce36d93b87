// `npm start` runs the compiled server, as the Docker image does, and compiles it only when dist/ is missing or was
// built from other sources: a fresh clone builds once and starts; the next start does not build again. Whether to
// build is decided by a hash of the build's inputs (scripts/source-hash.mjs), which must change with any source and
// not with the build's own output.
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtHash, sourceHash } from '../../scripts/source-hash.mjs';
import { freePort, REPO_DIR } from '../helpers/child.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs('jawab-start-');

/** The files the hash reads, with some content. */
async function sourceTree(): Promise<string> {
  const root = await tempDir();
  const files: Record<string, string> = {
    'src/main.ts': 'console.log(1);\n',
    'src/web/public/app.html': '<html></html>\n',
    'package-lock.json': '{}\n',
    'tsconfig.json': '{}\n',
    'tsconfig.build.json': '{}\n',
    'scripts/build.mjs': '\n',
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

describe('the hash npm start compares with the build', () => {
  it('changes with a source, a page, the lockfile or the build settings, and not with what the build writes', async () => {
    const root = await sourceTree();
    const first = sourceHash(root);
    expect(sourceHash(root)).toBe(first);
    // The build's output: the UI bundle among the sources, and dist/.
    await mkdir(join(root, 'src/web/public/ui'), { recursive: true });
    await writeFile(join(root, 'src/web/public/ui/settings.js'), 'bundle');
    await mkdir(join(root, 'dist'), { recursive: true });
    await writeFile(join(root, 'dist/main.js'), 'compiled');
    expect(sourceHash(root)).toBe(first);

    const seen = new Set([first]);
    for (const [path, content] of [
      ['src/main.ts', 'console.log(2);\n'],
      ['src/knowledge/new-file.ts', 'export {};\n'],
      ['src/web/public/app.html', '<html>changed</html>\n'],
      ['package-lock.json', '{"lockfileVersion":3}\n'],
      ['tsconfig.build.json', '{"compilerOptions":{}}\n'],
    ] as const) {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), content);
      const hash = sourceHash(root);
      expect(seen.has(hash)).toBe(false);
      seen.add(hash);
    }
  });

  it('reads the hash a build left, and none where there is no build', async () => {
    const root = await tempDir();
    expect(builtHash(join(root, 'dist/.source-hash'))).toBeUndefined();
    await mkdir(join(root, 'dist'));
    await writeFile(join(root, 'dist/.source-hash'), 'abc123\n');
    expect(builtHash(join(root, 'dist/.source-hash'))).toBe('abc123');
  });
});

/** `npm start` in `dir` until /healthz answers; its output, and a way to stop it. */
async function npmStart(dir: string, dataDir: string, knowledgeDir: string): Promise<{ output: () => string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npm, the start script and the server stop together.
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  // A first start compiles the whole project: on a busy 2-core machine that can take a minute.
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return { output: () => output, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`npm start did not answer /healthz:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start in a fresh clone', () => {
  it('builds once, serves the compiled code, and starts the next time without building', { timeout: 300_000 }, async () => {
    // What a clone holds (no dist/, no UI bundle), and the installed dependencies.
    const clone = await tempDir();
    for (const path of ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
      await cp(join(REPO_DIR, path), join(clone, path), { recursive: true, filter: (from) => !from.includes(join('src', 'web', 'public', 'ui')) });
    }
    await symlink(join(REPO_DIR, 'node_modules'), join(clone, 'node_modules'));
    const knowledgeDir = await tempDir();
    await writeFile(join(knowledgeDir, 'shipping.md'), '# Shipping\n\nWe ship within 2 days.\n');
    const dataDir = await tempDir();

    const first = await npmStart(clone, dataDir, knowledgeDir);
    await first.stop();
    expect(first.output()).toContain('Building Jawab');
    expect((await readFile(join(clone, 'dist/.source-hash'), 'utf8')).trim()).toBe(sourceHash(clone));
    // The settings page's bundle was built too, and is served from dist/.
    await readFile(join(clone, 'dist/web/public/ui/settings.js'));

    const second = await npmStart(clone, dataDir, knowledgeDir);
    await second.stop();
    expect(second.output()).not.toContain('Building Jawab');
    expect(second.output()).toContain('Jawab listening on');
  });
});
