// The settings: what customers get (published, settings.json) and what an admin is preparing (the draft,
// settings-draft.json). Both are small lowdb documents validated by the settings schema on every write; the engine
// only ever reads the published settings.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import { defaultSettings, type Settings, settingsSchema } from '../config/settings.js';

export interface FieldProblem {
  /** Dotted path from the settings root, e.g. `defaultProfile.persona.role`. */
  path: string;
  message: string;
}

export type SettingsUpdate = { ok: true; settings: Settings } | { ok: false; errors: FieldProblem[] };

interface DraftFile {
  draft?: Settings;
  savedAt?: number;
}

export class SettingsStore {
  private readonly listeners: ((settings: Settings) => void)[] = [];
  private readonly sharers: ((settings: Settings) => Promise<void>)[] = [];

  private constructor(
    private readonly published: Low<Settings>,
    private readonly drafts: Low<DraftFile>,
    private readonly now: () => number,
  ) {}

  /** Calls `listener` after every change of the published settings (the knowledge sources follow them). */
  onChange(listener: (settings: Settings) => void): void {
    this.listeners.push(listener);
  }

  /** Runs after every publish made here, awaited: with several replicas, this shares it with the others. */
  onPublish(share: (settings: Settings) => Promise<void>): void {
    this.sharers.push(share);
  }

  /** Settings published on another replica: validated and kept, not shared again. False when invalid. */
  async adopt(input: unknown): Promise<boolean> {
    const parsed = validate(input);
    if (parsed.ok) await this.setPublished(parsed.settings, false);
    return parsed.ok;
  }

  static async open(dataDir: string, now: () => number = Date.now): Promise<SettingsStore> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const published = new Low<Settings>(new JSONFile(join(dataDir, 'settings.json')), defaultSettings());
    const drafts = new Low<DraftFile>(new JSONFile(join(dataDir, 'settings-draft.json')), {});
    await Promise.all([published.read(), drafts.read()]);
    published.data = parseFile(published.data, 'settings.json', dataDir);
    if (drafts.data.draft) drafts.data.draft = parseFile(drafts.data.draft, 'settings-draft.json', dataDir);
    return new SettingsStore(published, drafts, now);
  }

  /** The published settings: what reaches customers. */
  get(): Settings {
    return this.published.data;
  }

  /** The draft being prepared, or the published settings when there is none. */
  draft(): Settings {
    return this.drafts.data.draft ?? this.published.data;
  }

  /** Whether the draft differs from what is published. */
  draftDiffers(): boolean {
    const draft = this.drafts.data.draft;
    return draft !== undefined && JSON.stringify(draft) !== JSON.stringify(this.published.data);
  }

  get draftSavedAt(): number | undefined {
    return this.drafts.data.savedAt;
  }

  /** Publishes at once (PUT /api/settings); a draft in progress is kept. */
  async put(input: unknown): Promise<SettingsUpdate> {
    const parsed = validate(input);
    if (!parsed.ok) return parsed;
    await this.setPublished(parsed.settings);
    return parsed;
  }

  /**
   * Publishes a change of knowledge sources made through /api/knowledge, which acts at once. A draft in progress takes
   * the new source lists too, so publishing it later neither brings back a deleted source nor undoes a state change;
   * sources are not drafted (the settings page edits them through that API only).
   */
  async putSources(input: unknown): Promise<SettingsUpdate> {
    const result = await this.put(input);
    const draft = this.drafts.data.draft;
    if (!result.ok || draft === undefined) return result;
    const published = result.settings;
    draft.defaultProfile.knowledge.sources = structuredClone(published.defaultProfile.knowledge.sources);
    for (const [inbox, profile] of Object.entries(draft.inboxes)) {
      const current = published.inboxes[inbox];
      if (current) profile.knowledge.sources = structuredClone(current.knowledge.sources);
    }
    await this.drafts.write();
    return result;
  }

  async putDraft(input: unknown): Promise<SettingsUpdate> {
    const parsed = validate(input);
    if (!parsed.ok) return parsed;
    this.drafts.data = { draft: parsed.settings, savedAt: this.now() };
    await this.drafts.write();
    return parsed;
  }

  /** The draft becomes what customers get. */
  async publish(): Promise<Settings> {
    const draft = this.drafts.data.draft;
    if (draft) await this.setPublished(draft);
    await this.discardDraft();
    return this.published.data;
  }

  private async setPublished(settings: Settings, share = true): Promise<void> {
    this.published.data = settings;
    await this.published.write();
    for (const listener of this.listeners) listener(settings);
    if (share) for (const sharer of this.sharers) await sharer(settings);
  }

  async discardDraft(): Promise<void> {
    this.drafts.data = {};
    await this.drafts.write();
  }
}

function validate(input: unknown): SettingsUpdate {
  const parsed = settingsSchema.safeParse(input);
  return parsed.success ? { ok: true, settings: parsed.data } : { ok: false, errors: describe(parsed.error) };
}

function parseFile(data: unknown, file: string, dataDir: string): Settings {
  const parsed = settingsSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const first = describe(parsed.error)[0];
  throw new Error(`${file} in ${dataDir} is invalid: ${first?.path} ${first?.message}`);
}

function describe(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
}
