// The small JSON files Jawab rewrites whole (settings, the draft, the settings history, analytics, round robin):
// written atomically (a temporary file, flushed to disk, then renamed over the old one), so a crash mid-write leaves
// the old file or the new one, never half of one; read with an error that names the file and what is wrong with it.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import type { z } from 'zod';
import type { Logger } from '../log.js';

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

/** A parser that throws DataFileError naming the file, `what` it is not, and the first problem zod found. */
export function parseWith<T>(schema: z.ZodType<T>, what: string, path: string): (data: unknown) => T {
  return (data) => {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new DataFileError(`${path} is not ${what}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  };
}

export interface SideFileOptions {
  log: Logger;
  now: () => number;
  /** What Jawab does without the file, for the warning: "the analytics start again from empty counters". */
  instead: string;
}

/**
 * Reads a file Jawab can rebuild or do without (analytics, round robin, the draft, the settings history): one that
 * is not valid JSON, or that `parse` refuses, is moved aside (nothing is lost) with a warning naming it and what is
 * wrong, and `fallback` is used, so it never stops the start. A missing file is the fallback too.
 */
export async function readOrMoveAside<T>(path: string, parse: (data: unknown) => T, fallback: T, options: SideFileOptions): Promise<T> {
  try {
    const data = await readJsonFile(path);
    return data === undefined ? fallback : parse(data);
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    const aside = await moveAside(path, options.now());
    options.log.warn(`${error.message}: moved aside to ${aside}; ${options.instead}`, { file: path, movedTo: aside });
    return fallback;
  }
}
