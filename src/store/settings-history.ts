// The history of published settings (issue 15): the last HISTORY_KEPT versions, each with when it was published and
// by whom as the admin API saw it (the route, the client's address and user agent), to list, compare and restore.
// Embedded: DATA_DIR/settings-history.json, written atomically. With Redis the history lives beside the shared
// settings (src/redis/shared-settings.ts), so every replica lists the same versions.
import { join } from 'node:path';
import { z } from 'zod';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../log.js';
import { parseWith, readOrMoveAside, writeJsonFile } from './json-file.js';

export const HISTORY_KEPT = 20;
export const HISTORY_FILE = 'settings-history.json';

/** Who published, as far as the admin API can tell: there is one admin token, so the route and the client. */
export interface SettingsAuthor {
  /** The route or part of Jawab that published, e.g. `PUT /api/settings`, `restore of version 4`. */
  via: string;
  address?: string;
  userAgent?: string;
}

export interface SettingsVersion {
  version: number;
  at: number;
  by: SettingsAuthor;
  /** As published (validated again when restored: an old version may not pass a newer schema). */
  settings: Settings;
}

export interface SettingsHistory {
  /** Records a published version under the next number, keeping the newest HISTORY_KEPT; resolves with its number. */
  add(entry: Omit<SettingsVersion, 'version'>): Promise<number>;
  /** Newest first. */
  list(): Promise<SettingsVersion[]>;
}

const versionSchema = z.object({
  version: z.number().int().positive(),
  at: z.number(),
  by: z.object({ via: z.string(), address: z.string().optional(), userAgent: z.string().optional() }),
  settings: z.record(z.string(), z.unknown()),
});
const historyFileSchema = z.object({ versions: z.array(versionSchema) });

/** Parses stored versions; throws DataFileError with the first problem. */
export function parseVersions(data: unknown, where: string): SettingsVersion[] {
  return parseWith(historyFileSchema, 'a settings history', where)(data).versions as SettingsVersion[];
}

export class FileSettingsHistory implements SettingsHistory {
  private constructor(
    private readonly file: string,
    private versions: SettingsVersion[],
  ) {}

  /** A file that cannot be used is moved aside with a warning (the history is worth keeping, not stopping for). */
  static async open(dataDir: string, log: Logger, now: () => number): Promise<FileSettingsHistory> {
    const file = join(dataDir, HISTORY_FILE);
    const instead = 'the history starts again from the settings found at start';
    return new FileSettingsHistory(file, await readOrMoveAside(file, (data) => parseVersions(data, file), [], { log, now, instead }));
  }

  async add(entry: Omit<SettingsVersion, 'version'>): Promise<number> {
    const version = (this.versions[0]?.version ?? 0) + 1;
    const versions = [{ version, ...entry }, ...this.versions].slice(0, HISTORY_KEPT);
    await writeJsonFile(this.file, { versions });
    this.versions = versions;
    return version;
  }

  async list(): Promise<SettingsVersion[]> {
    return this.versions;
  }
}
