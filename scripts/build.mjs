// npm run build: the web UI bundle, the server compiled into dist/ (what the Docker image and `npm start` run), and
// dist/.source-hash, the hash of the sources it was compiled from. The hash is taken before compiling and written
// last: a build interrupted, or sources edited while it ran, leave dist/ marked stale for the next `npm start`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPO, sourceHash, STAMP } from './source-hash.mjs';

function run(args) {
  const { status, error } = spawnSync(process.execPath, args, { cwd: REPO, stdio: 'inherit' });
  if (status !== 0) throw new Error(`build failed: node ${args.join(' ')} ${error ? `(${error.message})` : `exited with ${status}`}`);
}

const hash = sourceHash();
rmSync(STAMP, { force: true });
run(['--import', 'tsx', 'src/web/ui/build.ts']);
run([createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
cpSync(join(REPO, 'src', 'web', 'public'), join(REPO, 'dist', 'web', 'public'), { recursive: true });
mkdirSync(dirname(STAMP), { recursive: true });
writeFileSync(STAMP, `${hash}\n`);
