// The repository is all a user gets: nothing in it may read a file outside its own tree (a folder beside it that
// only the developers' machines have). Every relative path that climbs out of the repository, and every absolute
// path into the folder that holds it, is refused here, whichever file holds it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FOLDERS = ['src', 'test', 'bench', 'scripts', '.ci'];
const SKIP = new Set(['node_modules', 'fixtures', 'public']);
/** The folder the repository sits in, as an absolute path ending in a separator: a path under it but not under the repository is outside. */
const BESIDE = `${dirname(ROOT)}${sep}`;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.has(name)) return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Relative paths in a file ('../x', "../../y") that point outside the repository from where the file is. */
function escapes(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/['"`]((?:\.\.\/)+[^'"`\s]*)['"`]/g)) {
    const target = resolve(dirname(path), match[1]!);
    if (relative(ROOT, target).startsWith(`..${sep}`) || relative(ROOT, target) === '..') found.push(match[1]!);
  }
  for (let at = text.indexOf(BESIDE); at >= 0; at = text.indexOf(BESIDE, at + 1)) {
    const absolute = text.slice(at).split(/['"`\s)]/)[0]!;
    if (relative(ROOT, absolute).startsWith('..')) found.push(absolute);
  }
  return found;
}

describe('the repository', () => {
  it('reads nothing outside its own tree', () => {
    const offenders = FOLDERS.flatMap((folder) => files(join(ROOT, folder)))
      .map((path) => ({ path: relative(ROOT, path), escapes: escapes(path) }))
      .filter((file) => file.escapes.length > 0);
    expect(offenders).toEqual([]);
  });
});
