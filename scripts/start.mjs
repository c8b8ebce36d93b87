// npm start: runs the compiled server in this process, as the Docker image does (`node dist/main.js`), after building
// it when dist/ is missing or was built from other sources (a fresh clone, a pull, an edit). Compiling once instead
// of at every start (tsx) makes a start as fast as the image's.
import { spawnSync } from 'node:child_process';
import { builtHash, REPO, sourceHash } from './source-hash.mjs';

if (builtHash() !== sourceHash()) {
  process.stdout.write('Building Jawab (the sources changed since the last build)…\n');
  const { status } = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' });
  if (status !== 0) {
    process.stderr.write('Jawab could not start: the build failed (see above). `npm install` installs what it needs.\n');
    process.exit(1);
  }
}
await import('../dist/main.js');
