// The small JSON files Jawab rewrites whole (settings, the draft, the settings history, analytics, round robin):
// written atomically (a temporary file, flushed to disk, then renamed over the old one), so a crash mid-write leaves
// the old file or the new one, never half of one; read with an error that names the file and what is wrong with it.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import type { z } from 'zod';

/** A data file that cannot be used as it is; the message names the file and what is wrong. */
export class DataFileError extends Error {}

/** The parsed JSON, or undefined when the file does not exist. Throws DataFileError when it is not valid JSON. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataFileError(`${path} cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataFileError(`${path} is not valid JSON (${text.trim() === '' ? 'the file is empty' : (error as Error).message})`);
  }
}

export async function writeJsonFile(path: string, data: unknown): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(JSON.stringify(data, null, 2));
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Renames a file that cannot be used to `<name>.broken-<time>` beside it, so nothing is lost; returns the new path. */
export async function moveAside(path: string, now: number = Date.now()): Promise<string> {
  const aside = `${path}.broken-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, aside);
  return aside;
}

/** The first problem zod found, as `path: message` (the file's own root when the path is empty). */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}
