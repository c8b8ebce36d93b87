// The settings file: one small lowdb document, validated by the settings schema on every write.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import { defaultSettings, type Settings, settingsSchema } from '../config/settings.js';

export type SettingsUpdate = { ok: true; settings: Settings } | { ok: false; errors: Array<{ path: string; message: string }> };

export class SettingsStore {
  private readonly listeners: Array<(settings: Settings) => Promise<void>> = [];

  private constructor(private readonly db: Low<Settings>) {}

  static async open(dataDir: string): Promise<SettingsStore> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const db = new Low<Settings>(new JSONFile(join(dataDir, 'settings.json')), defaultSettings());
    await db.read();
    const parsed = settingsSchema.safeParse(db.data);
    if (!parsed.success) {
      throw new Error(`settings.json in ${dataDir} is invalid: ${describe(parsed.error)[0]?.path} ${describe(parsed.error)[0]?.message}`);
    }
    db.data = parsed.data;
    return new SettingsStore(db);
  }

  get(): Settings {
    return this.db.data;
  }

  async put(input: unknown): Promise<SettingsUpdate> {
    const parsed = settingsSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: describe(parsed.error) };
    this.db.data = parsed.data;
    await this.db.write();
    for (const listener of this.listeners) await listener(parsed.data);
    return { ok: true, settings: parsed.data };
  }

  /** Runs after every accepted put(): with several replicas, this shares the change with the others. */
  onChange(listener: (settings: Settings) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Settings changed elsewhere (another replica): validated and kept, not announced again. False when invalid. */
  async adopt(input: unknown): Promise<boolean> {
    const parsed = settingsSchema.safeParse(input);
    if (!parsed.success) return false;
    this.db.data = parsed.data;
    await this.db.write();
    return true;
  }
}

function describe(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
}
