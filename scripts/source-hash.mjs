// What `npm run build` compiles from, as one hash: the sources (without the web UI bundle the build writes among them),
// the TypeScript settings, the lockfile (the UI bundle holds its dependencies) and the build script. The build
// writes the hash it started from into dist/; `npm start` builds again only when the two differ. A content hash,
// not file times: a checkout, a copy or a clock that moved back cannot make a stale build look fresh.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../', import.meta.url));
export const STAMP = join(REPO, 'dist', '.source-hash');

const FOLDERS = ['src'];
const FILES = ['package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];
/** The build's own output inside src/. */
const OUTPUT = join('src', 'web', 'public', 'ui') + sep;

function filesIn(root, folder) {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)))
    .filter((file) => !file.startsWith(OUTPUT));
}

/** The hash of the build's inputs under `root` (the repository by default). */
export function sourceHash(root = REPO) {
  const hash = createHash('sha256');
  const files = [...FOLDERS.flatMap((folder) => filesIn(root, folder)), ...FILES].sort();
  for (const file of files) hash.update(`${file.split(sep).join('/')}\0`).update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

/** The hash dist/ was built from; undefined when there is no complete build. */
export function builtHash(stamp = STAMP) {
  try {
    return readFileSync(stamp, 'utf8').trim();
  } catch {
    return undefined;
  }
}
