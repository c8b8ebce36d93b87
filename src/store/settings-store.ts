// The settings: what customers get (published, settings.json) and what an admin is preparing (the draft,
// settings-draft.json), and the history of what was published (settings-history.ts). Every write takes a whole
// document, validated strictly (an unknown key or a missing part is refused, nothing changes), one write at a time,
// each file replaced atomically. The engine only ever reads the published settings.
// At start a settings.json that cannot be used stops Jawab with one line naming the file and what is wrong; it is
// never replaced by defaults, and neither is a missing one where Jawab kept settings before (MARKER_FILE).
// The draft and the history are not worth stopping for: an unusable one is moved aside with a warning.
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { defaultSettings, type Settings, settingsDocumentSchema, settingsSchema } from '../config/settings.js';
import { type Logger, silentLogger } from '../log.js';
import { DataFileError, moveAside, parseWith, readJsonFile, readOrMoveAside, writeJsonFile } from './json-file.js';
import { FileSettingsHistory, type SettingsAuthor, type SettingsHistory, type SettingsVersion } from './settings-history.js';

export interface FieldProblem {
  /** Dotted path from the settings root, e.g. `defaultProfile.persona.role`. */
  path: string;
  /** For API clients and logs, in English. */
  message: string;
  /** What is wrong, for a page to say in its reader's words (absent: only the message says). */
  code?: ProblemCode;
  /** The numbers and names the code needs: `max` and `of` (string, array, number) for too_long, … */
  params?: Record<string, string | number>;
}

export type ProblemCode = 'too_long' | 'too_short' | 'required' | 'unknown_field' | 'wrong_format' | 'not_a_choice' | 'wrong_type';

export type SettingsUpdate = { ok: true; settings: Settings } | { ok: false; errors: FieldProblem[] };

/** Builds the document to write from the current one (the draft's or the published), or says what is wrong. */
export type SettingsChange = (current: Settings) => { input: unknown } | { errors: FieldProblem[] };

export const SETTINGS_FILE = 'settings.json';
export const DRAFT_FILE = 'settings-draft.json';
/** Written beside settings.json: from then on a missing settings.json is an error, not a first start. */
export const MARKER_FILE = 'settings.kept';
/** How to put back the last good settings; named by every start error about settings.json. */
export const RESTORE_HINT = 'fix it, or put back the last published version with: npm run restore-settings';

const draftFileSchema = z.object({ draft: settingsSchema.optional(), savedAt: z.number().optional() });
type DraftFile = z.infer<typeof draftFileSchema>;

/** A write the store made itself, not asked for through the admin API. */
const INTERNAL: SettingsAuthor = { via: 'Jawab' };
/** The version recorded when Jawab first starts with a history: what it found, published by nobody. */
export const FOUND_AT_START = 'found at start';
/** Whether a person published this version (not Jawab itself, at start or on its own). */
export const publishedByPerson = (version: SettingsVersion): boolean => version.by.via !== FOUND_AT_START && version.by.via !== INTERNAL.via;

export interface SettingsStoreOptions {
  now?: () => number;
  log?: Logger;
}

export class SettingsStore {
  private readonly listeners: ((settings: Settings) => void)[] = [];
  private readonly sharers: ((settings: Settings) => Promise<void>)[] = [];
  /** Writes run one at a time: a PATCH reads the document it changes, and nothing may change it in between. */
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dataDir: string,
    private published: Settings,
    private drafts: DraftFile,
    private history: SettingsHistory,
    private readonly now: () => number,
  ) {}

  static async open(dataDir: string, options: SettingsStoreOptions = {}): Promise<SettingsStore> {
    const now = options.now ?? Date.now;
    const log = options.log ?? silentLogger;
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const published = await readPublished(dataDir);
    const draftFile = join(dataDir, DRAFT_FILE);
    const drafts = await readOrMoveAside(draftFile, parseWith(draftFileSchema, 'a valid draft', draftFile), {}, { log, now, instead: 'starting without a draft' });
    const history = await FileSettingsHistory.open(dataDir, log, now);
    const store = new SettingsStore(dataDir, published, drafts, history, now);
    await store.recordIfNoHistory();
    return store;
  }

  /** Calls `listener` after every change of the published settings (the knowledge sources follow them). */
  onChange(listener: (settings: Settings) => void): void {
    this.listeners.push(listener);
  }

  /** Runs after every publish made here, awaited: with several replicas, this shares it with the others. */
  onPublish(share: (settings: Settings) => Promise<void>): void {
    this.sharers.push(share);
  }

  /** With several replicas the history lives where the shared settings do (src/redis/shared-settings.ts). */
  async useHistory(history: SettingsHistory): Promise<void> {
    this.history = history;
    await this.recordIfNoHistory();
  }

  /** Settings published on another replica: validated and kept, not shared or recorded again. False when invalid. */
  adopt(input: unknown): Promise<boolean> {
    return this.serially(async () => {
      const parsed = validate(input);
      if (parsed.ok) await this.setPublished(parsed.settings, INTERNAL, false);
      return parsed.ok;
    });
  }

  /** The published settings: what reaches customers. */
  get(): Settings {
    return this.published;
  }

  /** The draft being prepared, or the published settings when there is none. */
  draft(): Settings {
    return this.drafts.draft ?? this.published;
  }

  /** Whether the draft differs from what is published. */
  draftDiffers(): boolean {
    const draft = this.drafts.draft;
    return draft !== undefined && JSON.stringify(draft) !== JSON.stringify(this.published);
  }

  get draftSavedAt(): number | undefined {
    return this.drafts.savedAt;
  }

  /** Publishes a whole settings document at once (PUT /api/settings); a draft in progress is kept. */
  put(input: unknown, by: SettingsAuthor = INTERNAL): Promise<SettingsUpdate> {
    return this.change('published', () => ({ input }), by);
  }

  /** Saves a whole settings document as the draft. */
  putDraft(input: unknown): Promise<SettingsUpdate> {
    return this.change('draft', () => ({ input }));
  }

  /**
   * Publishes (`published`) or saves as the draft (`draft`) what `make` builds from the current document, after
   * checking it is a whole valid settings document; the one way every admin write goes (PUT, PATCH).
   */
  change(target: 'published' | 'draft', make: SettingsChange, by: SettingsAuthor = INTERNAL): Promise<SettingsUpdate> {
    return this.serially(async () => {
      const made = make(target === 'published' ? this.published : this.draft());
      if ('errors' in made) return { ok: false, errors: made.errors };
      const parsed = validate(made.input, settingsDocumentSchema);
      if (!parsed.ok) return parsed;
      if (target === 'published') await this.setPublished(parsed.settings, by);
      else await this.saveDraft({ draft: parsed.settings, savedAt: this.now() });
      return parsed;
    });
  }

  /**
   * Publishes a change of knowledge sources made through /api/knowledge, which acts at once. A draft in progress takes
   * the new source lists too, so publishing it later neither brings back a deleted source nor undoes a state change;
   * sources are not drafted (the settings page edits them through that API only).
   */
  putSources(input: unknown): Promise<SettingsUpdate> {
    return this.serially(async () => {
      const parsed = validate(input, settingsDocumentSchema);
      if (!parsed.ok) return parsed;
      await this.setPublished(parsed.settings, { via: 'knowledge sources API' });
      const draft = this.drafts.draft;
      if (draft !== undefined) await this.saveDraft({ ...this.drafts, draft: withSourcesOf(draft, parsed.settings) });
      return parsed;
    });
  }

  /** The draft becomes what customers get. */
  publish(by: SettingsAuthor = INTERNAL): Promise<Settings> {
    return this.serially(async () => {
      const draft = this.drafts.draft;
      if (draft) await this.setPublished(draft, by);
      await this.saveDraft({});
      return this.published;
    });
  }

  discardDraft(): Promise<void> {
    return this.serially(() => this.saveDraft({}));
  }

  /** The published versions, newest first. */
  versions(): Promise<SettingsVersion[]> {
    return this.history.list();
  }

  /**
   * Publishes an earlier version again, as a new version. The knowledge sources stay as they are now: they change at
   * once through /api/knowledge and their files and chunks are not versioned. Undefined when there is no such version.
   */
  restore(version: number, by: SettingsAuthor): Promise<SettingsUpdate | undefined> {
    return this.serially(async () => {
      const found = (await this.history.list()).find((v) => v.version === version);
      if (!found) return undefined;
      const parsed = validate(found.settings, settingsDocumentSchema);
      if (!parsed.ok) return parsed;
      const restored = withSourcesOf(parsed.settings, this.published);
      await this.setPublished(restored, by);
      return { ok: true, settings: restored };
    });
  }

  private async setPublished(settings: Settings, by: SettingsAuthor, share = true): Promise<void> {
    await writeJsonFile(join(this.dataDir, SETTINGS_FILE), settings);
    await writeMarker(this.dataDir);
    this.published = settings;
    for (const listener of this.listeners) listener(settings);
    if (!share) return;
    await this.history.add({ at: this.now(), by, settings });
    for (const sharer of this.sharers) await sharer(settings);
  }

  private async saveDraft(drafts: DraftFile): Promise<void> {
    await writeJsonFile(join(this.dataDir, DRAFT_FILE), drafts);
    this.drafts = drafts;
  }

  /** A history starts with the settings found at start, so the first publish can be undone too. */
  private async recordIfNoHistory(): Promise<void> {
    if ((await this.history.list()).length === 0) await this.history.add({ at: this.now(), by: { via: FOUND_AT_START }, settings: this.published });
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writing.then(task, task);
    this.writing = run.catch(() => undefined);
    return run;
  }
}

/**
 * settings.json as published: never defaults in place of a file that cannot be used. A first start (no file, no
 * marker) writes the defaults, so the file exists from then on.
 */
async function readPublished(dataDir: string): Promise<Settings> {
  const file = join(dataDir, SETTINGS_FILE);
  let data: unknown;
  try {
    data = await readJsonFile(file);
  } catch (error) {
    throw new DataFileError(`${(error as Error).message}; ${RESTORE_HINT}`);
  }
  if (data === undefined) {
    const marker = join(dataDir, MARKER_FILE);
    if (await exists(marker)) {
      throw new DataFileError(`${file} is missing, but Jawab kept its settings there before (${marker}); put back the last published version with: npm run restore-settings, or delete ${marker} to start on the defaults`);
    }
    const defaults = defaultSettings();
    await writeJsonFile(file, defaults);
    await writeMarker(dataDir);
    return defaults;
  }
  const parsed = validate(data);
  if (!parsed.ok) throw new DataFileError(`${file} is not valid settings: ${parsed.errors[0]?.path}: ${parsed.errors[0]?.message}; ${RESTORE_HINT}`);
  await writeMarker(dataDir);
  return parsed.settings;
}

const MARKER_TEXT = 'Jawab keeps its settings in settings.json beside this file: while this file is here, a missing settings.json stops the start instead of starting on the defaults.\n';

async function writeMarker(dataDir: string): Promise<void> {
  const marker = join(dataDir, MARKER_FILE);
  if (!(await exists(marker))) await writeFile(marker, MARKER_TEXT, { mode: 0o600 });
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Writes `settings` as settings.json (restore-settings-cli.ts); a file already there is moved aside first. */
export async function restoreSettingsFile(dataDir: string, settings: Settings): Promise<{ file: string; aside?: string }> {
  const file = join(dataDir, SETTINGS_FILE);
  const aside = (await exists(file)) ? await moveAside(file) : undefined;
  await writeJsonFile(file, settings);
  await writeMarker(dataDir);
  return { file, ...(aside && { aside }) };
}

/** `into` with the knowledge sources of every profile that `from` has too. */
function withSourcesOf(into: Settings, from: Settings): Settings {
  const out = structuredClone(into);
  out.defaultProfile.knowledge.sources = structuredClone(from.defaultProfile.knowledge.sources);
  for (const [inbox, profile] of Object.entries(out.inboxes)) {
    const current = from.inboxes[inbox];
    if (current) profile.knowledge.sources = structuredClone(current.knowledge.sources);
  }
  return out;
}

function validate(input: unknown, schema: z.ZodType<Settings, unknown> = settingsSchema): SettingsUpdate {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, settings: parsed.data } : { ok: false, errors: describe(parsed.error) };
}

/** One problem per path: each unknown key on its own, a missing part as required; each with a code a page can word. */
export function describe(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const at = (...more: PropertyKey[]) => [...issue.path, ...more].map(String).join('.') || '(root)';
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: at(key), message: 'unknown field', code: 'unknown_field' }));
    if (issue.code === 'invalid_type' && issue.expected === 'nonoptional') return [{ path: at(), message: 'required: PUT takes the whole settings document (PATCH changes a part)', code: 'required' }];
    return [{ path: at(), message: issue.message, ...coded(issue) }];
  });
}

/** The code and params of an issue whose meaning a page can say in its own words; none for a rule's own message. */
function coded(issue: z.core.$ZodIssue): Pick<FieldProblem, 'code' | 'params'> {
  switch (issue.code) {
    case 'too_big':
      return { code: 'too_long', params: { max: Number(issue.maximum), of: issue.origin } };
    case 'too_small':
      // An empty text where one is needed is a missing value, not a short one.
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { code: 'required' };
      return { code: 'too_short', params: { min: Number(issue.minimum), of: issue.origin } };
    case 'invalid_format':
      return { code: 'wrong_format', params: { format: issue.format } };
    case 'invalid_value':
      return { code: 'not_a_choice', params: { choices: issue.values.map(String).join(', ') } };
    case 'invalid_type':
      // zod keeps no input in its issues: its message says what came ("…, received undefined").
      return issue.message.endsWith('received undefined') ? { code: 'required' } : { code: 'wrong_type', params: { expected: issue.expected } };
    default:
      return {};
  }
}
