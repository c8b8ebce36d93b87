// A profile's knowledge sources (SPEC 3): the configuration lives in the settings (profile.knowledge),
// uploaded files in DATA_DIR/sources/<profile>/<id>/, chunks in the shared knowledge index under the key
// "<profile>/<id>". This class keeps the three in step:
// - add, change, delete, enable/disable/disconnect, upload and sync, each updating the index incrementally
//   (only changed documents are embedded; a deleted or disconnected source's chunks are deleted for good);
// - reconcile(), at start, after any settings change and on a timer: chunks of sources that no longer
//   exist (or are disconnected) are deleted, new and edited snippets are indexed, never-synced sources are
//   synced, and websites and Help Center portals are re-crawled when their re-sync interval has passed;
// - scope(inboxId): which source keys a conversation may be answered from (disabled ones are kept in the
//   index but left out here).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Profile, Settings } from '../../config/settings.js';
import type { HelpCenter, Portal } from '../../chatwoot/help-center.js';
import type { HelpCenterSource, SourceConfig, SourceState } from '../../config/settings-knowledge.js';
import { MAX_SOURCES, sourceSchema } from '../../config/settings-knowledge.js';
import type { Logger } from '../../log.js';
import type { SettingsUpdate } from '../../store/settings-store.js';
import { writeFileAtomic } from '../hnsw-store.js';
import type { KnowledgeIndex, SourceDocuments } from '../knowledge-index.js';
import { FOLDER_SOURCE } from '../knowledge-index.js';
import type { LoadError, LoadOptions } from '../loader.js';
import { formatOf, MAX_FILE_BYTES, SUPPORTED_EXTENSIONS } from '../loader.js';
import type { SyncReport } from '../types.js';
import { crawl } from './crawler.js';
import { snippetDocuments } from './snippets.js';

/** A portal's pages: its home, a category, an article (Chatwoot links them in that order). */
const PORTAL_DEPTH = 3;

export type SourceErrorCode = 'not_found' | 'invalid' | 'limit' | 'unsupported' | 'too_large';

/** A mistake in a request about sources: the admin API answers it with its code. */
export class SourceError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SourceStatusView {
  documents: number;
  chunks: number;
  lastSyncAt: string | null;
  errors: LoadError[];
  syncing: boolean;
}

export type SourceView = SourceConfig & { files?: { name: string; bytes: number }[]; status: SourceStatusView };

interface SettingsAccess {
  get(): Settings;
  put(input: unknown): Promise<SettingsUpdate>;
  onChange?(listener: (settings: Settings) => void): void;
}

export interface KnowledgeSourcesDeps {
  index: KnowledgeIndex;
  dataDir: string;
  settings: SettingsAccess;
  /** The SSRF allow-list for crawled websites. */
  allowPrivateHosts: readonly string[];
  /** The helpdesk's Help Center (Chatwoot's, or the sandbox's): its portals can be sources. */
  helpCenter?: HelpCenter;
  log?: Logger;
  now?: () => number;
}

/** "default", or a Chatwoot inbox id with a profile of its own. */
const PROFILE_KEY = /^(default|\d+)$/;
const FILE_NAME = /^[^/\\\0]{1,200}$/;

export function sourceKey(profileKey: string, id: string): string {
  return `${profileKey}/${id}`;
}

function profileOf(settings: Settings, profileKey: string): Profile | undefined {
  return profileKey === 'default' ? settings.defaultProfile : settings.inboxes[profileKey];
}

function profiles(settings: Settings): [string, Profile][] {
  return [['default', settings.defaultProfile], ...Object.entries(settings.inboxes)];
}

/** A readable, unique id: the name's first letters and a random suffix. */
function newId(name: string, taken: ReadonlySet<string>): string {
  const slug = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 24) || 'source';
  for (;;) {
    const id = `${slug}-${randomBytes(2).toString('hex')}`;
    if (!taken.has(id)) return id;
  }
}

export class KnowledgeSources {
  private readonly syncing = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<void> | undefined;
  private reconcileAgain = false;
  private readonly now: () => number;

  constructor(private readonly deps: KnowledgeSourcesDeps) {
    this.now = deps.now ?? Date.now;
    deps.settings.onChange?.(() => void this.reconcile());
  }

  private folderOf(profileKey: string, id: string): string {
    return join(this.deps.dataDir, 'sources', profileKey, id);
  }

  private profile(profileKey: string): Profile {
    const profile = PROFILE_KEY.test(profileKey) ? profileOf(this.deps.settings.get(), profileKey) : undefined;
    if (profile === undefined) throw new SourceError('not_found', `no profile "${profileKey}" (use "default" or an inbox id that has a profile in the settings)`);
    return profile;
  }

  private source(profileKey: string, id: string): SourceConfig {
    const source = this.profile(profileKey).knowledge.sources.find((candidate) => candidate.id === id);
    if (source === undefined) throw new SourceError('not_found', `no source "${id}" in profile "${profileKey}"`);
    return source;
  }

  /** Writes the profile's source list through the settings schema (the one place that validates it). */
  private async saveSources(profileKey: string, change: (sources: SourceConfig[]) => SourceConfig[]): Promise<void> {
    const settings = structuredClone(this.deps.settings.get());
    const profile = profileOf(settings, profileKey)!;
    profile.knowledge.sources = change(profile.knowledge.sources);
    const result = await this.deps.settings.put(settings);
    if (!result.ok) {
      const error = result.errors[0]!;
      throw new SourceError('invalid', `${error.path.replace(/^.*knowledge\.sources\.\d+\.?/, '') || 'source'}: ${error.message}`);
    }
  }

  private async files(profileKey: string, id: string): Promise<{ name: string; bytes: number }[]> {
    const folder = this.folderOf(profileKey, id);
    const names = await readdir(folder).catch(() => [] as string[]);
    const files = await Promise.all(names.filter((name) => !name.startsWith('.')).sort().map(async (name) => ({ name, bytes: (await stat(join(folder, name))).size })));
    return files;
  }

  private async view(profileKey: string, source: SourceConfig): Promise<SourceView> {
    const key = sourceKey(profileKey, source.id);
    const status = this.deps.index.sourceStatus(key);
    const view: SourceView = {
      ...source,
      status: {
        documents: status?.documents ?? 0,
        chunks: status?.chunks ?? 0,
        lastSyncAt: status?.lastSyncAt ?? null,
        errors: status?.errors ?? [],
        syncing: this.syncing.has(key),
      },
    };
    if (source.type === 'files') view.files = await this.files(profileKey, source.id);
    return view;
  }

  async list(profileKey: string): Promise<SourceView[]> {
    return Promise.all(this.profile(profileKey).knowledge.sources.map((source) => this.view(profileKey, source)));
  }

  async get(profileKey: string, id: string): Promise<SourceView> {
    return this.view(profileKey, this.source(profileKey, id));
  }

  /** Adds a source (its id is chosen here) and indexes it, unless it starts disconnected. */
  async add(profileKey: string, input: unknown): Promise<SourceView> {
    const existing = this.profile(profileKey).knowledge.sources;
    if (existing.length >= MAX_SOURCES) throw new SourceError('limit', `a profile has at most ${MAX_SOURCES} sources; delete one first`);
    const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
    const name = typeof fields.name === 'string' ? fields.name : '';
    const parsed = sourceSchema.safeParse({ ...fields, id: newId(name, new Set(existing.map((source) => source.id))) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new SourceError('invalid', `${issue.path.join('.') || 'source'}: ${issue.message}`);
    }
    const source = parsed.data;
    await this.saveSources(profileKey, (sources) => [...sources, source]);
    if (source.type === 'files') await mkdir(this.folderOf(profileKey, source.id), { recursive: true });
    // Saving the settings starts a reconcile, which syncs the new source too; a sync it already finished (the
    // settings write can take longer than crawling a small site) is not run again.
    const synced = this.deps.index.sourceStatus(sourceKey(profileKey, source.id))?.lastSyncAt !== undefined;
    if (source.state !== 'disconnected' && !synced) await this.sync(profileKey, source.id);
    return this.get(profileKey, source.id);
  }

  /** Changes a source's fields (not its id or type); the index follows the new state. */
  async update(profileKey: string, id: string, patch: unknown): Promise<SourceView> {
    const before = this.source(profileKey, id);
    const fields = typeof patch === 'object' && patch !== null ? (patch as Record<string, unknown>) : {};
    const parsed = sourceSchema.safeParse({ ...before, ...fields, id: before.id, type: before.type });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new SourceError('invalid', `${issue.path.join('.') || 'source'}: ${issue.message}`);
    }
    const after = parsed.data;
    await this.saveSources(profileKey, (sources) => sources.map((source) => (source.id === id ? after : source)));
    const key = sourceKey(profileKey, id);
    if (after.state === 'disconnected') await this.deps.index.removeSource(key);
    else if (before.state === 'disconnected' || JSON.stringify({ ...before, state: '', name: '' }) !== JSON.stringify({ ...after, state: '', name: '' })) {
      await this.sync(profileKey, id);
    }
    return this.get(profileKey, id);
  }

  setState(profileKey: string, id: string, state: SourceState): Promise<SourceView> {
    return this.update(profileKey, id, { state });
  }

  /** Deletes a source: its configuration, its uploaded files and its chunks. */
  async remove(profileKey: string, id: string): Promise<void> {
    this.source(profileKey, id);
    await this.saveSources(profileKey, (sources) => sources.filter((source) => source.id !== id));
    await this.deps.index.removeSource(sourceKey(profileKey, id));
    await rm(this.folderOf(profileKey, id), { recursive: true, force: true });
  }

  /** Stores an uploaded file in a `files` source (replacing one of the same name) and re-syncs the source. */
  async putFile(profileKey: string, id: string, name: string, bytes: Buffer): Promise<SourceView> {
    const source = this.source(profileKey, id);
    if (source.type !== 'files') throw new SourceError('unsupported', `source "${id}" is a ${source.type} source; upload files to a files source`);
    if (!FILE_NAME.test(name) || basename(name) !== name || name.startsWith('.')) throw new SourceError('invalid', `"${name}" is not a valid file name`);
    if (formatOf(name) === undefined) throw new SourceError('unsupported', `${name}: unsupported file type (use ${SUPPORTED_EXTENSIONS.join(', ')})`);
    if (bytes.length > MAX_FILE_BYTES) throw new SourceError('too_large', `${name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    const folder = this.folderOf(profileKey, id);
    await mkdir(folder, { recursive: true });
    await writeFileAtomic(join(folder, name), bytes);
    if (source.state !== 'disconnected') await this.sync(profileKey, id);
    return this.get(profileKey, id);
  }

  async deleteFile(profileKey: string, id: string, name: string): Promise<SourceView> {
    const source = this.source(profileKey, id);
    if (!FILE_NAME.test(name) || basename(name) !== name) throw new SourceError('invalid', `"${name}" is not a valid file name`);
    try {
      await unlink(join(this.folderOf(profileKey, id), name));
    } catch {
      throw new SourceError('not_found', `source "${id}" has no file "${name}"`);
    }
    if (source.state !== 'disconnected') await this.sync(profileKey, id);
    return this.get(profileKey, id);
  }

  /** Re-reads a source and updates its chunks; one sync per source at a time (a second caller waits for the first). */
  async sync(profileKey: string, id: string): Promise<SourceView> {
    const source = this.source(profileKey, id);
    if (source.state === 'disconnected') throw new SourceError('invalid', `source "${id}" is disconnected; enable it first`);
    const key = sourceKey(profileKey, id);
    let running = this.syncing.get(key);
    if (running === undefined) {
      running = this.runSync(profileKey, source).finally(() => this.syncing.delete(key));
      this.syncing.set(key, running);
    }
    await running;
    return this.get(profileKey, id);
  }

  /** What a snippets or website source holds now (a files source's folder is read by the index's build worker). */
  private async documentsOf(source: Exclude<SourceConfig, { type: 'files' }>): Promise<SourceDocuments> {
    switch (source.type) {
      case 'snippets':
        return { files: snippetDocuments(source.name, source.snippets), errors: [] };
      case 'website':
        try {
          const result = await crawl({
            url: source.url,
            maxDepth: source.maxDepth,
            maxPages: source.maxPages,
            pageTimeoutMs: source.pageTimeoutSeconds * 1000,
            allowPrivateHosts: this.deps.allowPrivateHosts,
          });
          return { files: result.pages, errors: result.errors, keep: result.failed, origin: source.url };
        } catch (error) {
          // The site could not be crawled at all (robots.txt unreadable, address refused): keep what was indexed.
          return { files: [], errors: [{ path: source.url, reason: (error as Error).message }], keep: 'all', origin: source.url };
        }
      case 'helpcenter':
        return this.portalDocuments(source);
    }
  }

  /** A Help Center portal's public articles: crawled within the portal like a website, or as the sandbox gives them. */
  private async portalDocuments(source: HelpCenterSource): Promise<SourceDocuments> {
    const origin = `helpcenter:${source.portal}`;
    if (!this.deps.helpCenter) return { files: [], errors: [{ path: origin, reason: 'no helpdesk Help Center is configured' }], keep: 'all', origin };
    const pages = this.deps.helpCenter.pages(source.portal);
    if (pages.kind === 'articles') {
      const files = pages.articles.map((a) => ({ path: a.url, title: a.title, text: a.text, format: 'markdown' as const, hash: createHash('sha256').update(a.text).digest('hex') }));
      return { files, errors: [], origin };
    }
    try {
      const result = await crawl({
        url: pages.url,
        scope: pages.scope,
        maxDepth: PORTAL_DEPTH,
        maxPages: source.maxPages,
        pageTimeoutMs: source.pageTimeoutSeconds * 1000,
        allowPrivateHosts: [...this.deps.allowPrivateHosts, pages.host],
      });
      return { files: result.pages, errors: result.errors, keep: result.failed, origin: pages.url };
    } catch (error) {
      return { files: [], errors: [{ path: pages.url, reason: (error as Error).message }], keep: 'all', origin: pages.url };
    }
  }

  /** The Help Center portals that can be added as a source (none without a Help Center). */
  portals(): Promise<Portal[]> {
    return this.deps.helpCenter?.listPortals() ?? Promise.resolve([]);
  }

  private async runSync(profileKey: string, source: SourceConfig): Promise<void> {
    const key = sourceKey(profileKey, source.id);
    let report: SyncReport;
    if (source.type === 'files') {
      const profile = this.profile(profileKey);
      const options: LoadOptions = { catalog: { currency: profile.knowledge.currency, language: profile.persona.fallbackLanguage } };
      const folder = this.folderOf(profileKey, source.id);
      await mkdir(folder, { recursive: true });
      report = await this.deps.index.syncFolder(key, folder, options);
    } else report = await this.deps.index.syncSource(key, await this.documentsOf(source));
    this.deps.log?.info('knowledge source synced', { profile: profileKey, source: source.id, added: report.added, updated: report.updated, removed: report.removed, errors: report.errors.length });
  }

  /** Brings the index in line with the settings (see the file comment). Overlapping calls run once more, not twice at once. */
  reconcile(): Promise<void> {
    if (this.reconciling !== undefined) {
      this.reconcileAgain = true;
      return this.reconciling;
    }
    this.reconciling = (async () => {
      do {
        this.reconcileAgain = false;
        await this.reconcileOnce().catch((error: unknown) => this.deps.log?.warn('knowledge reconcile failed', { error: String(error) }));
      } while (this.reconcileAgain);
    })().finally(() => {
      this.reconciling = undefined;
    });
    return this.reconciling;
  }

  private async reconcileOnce(): Promise<void> {
    const settings = this.deps.settings.get();
    const wanted = new Map<string, [string, SourceConfig]>();
    for (const [profileKey, profile] of profiles(settings)) {
      for (const source of profile.knowledge.sources) wanted.set(sourceKey(profileKey, source.id), [profileKey, source]);
    }
    for (const key of this.deps.index.sourceKeys()) {
      if (key === FOLDER_SOURCE) continue;
      const entry = wanted.get(key);
      if (entry === undefined || entry[1].state === 'disconnected') await this.deps.index.removeSource(key);
    }
    for (const [key, [profileKey, source]] of wanted) {
      if (source.state === 'disconnected' || this.syncing.has(key)) continue;
      const status = this.deps.index.sourceStatus(key);
      const due =
        status?.lastSyncAt === undefined ||
        (source.type === 'snippets' && this.deps.index.differs(key, snippetDocuments(source.name, source.snippets))) ||
        ((source.type === 'website' || source.type === 'helpcenter') && source.resyncHours > 0 && this.now() - Date.parse(status.lastSyncAt) >= source.resyncHours * 3_600_000);
      if (due) await this.sync(profileKey, source.id).catch((error: unknown) => this.deps.log?.warn('knowledge source sync failed', { source: key, error: String(error) }));
    }
  }

  /** The source keys a conversation in this inbox may be answered from. */
  scope(inboxId: number): ReadonlySet<string> {
    const settings = this.deps.settings.get();
    return this.profileScope(settings.inboxes[String(inboxId)] === undefined ? 'default' : String(inboxId));
  }

  /** The source keys a profile answers from: its enabled sources, and KNOWLEDGE_DIR unless it opted out. */
  profileScope(profileKey: string): ReadonlySet<string> {
    const knowledge = this.profile(profileKey).knowledge;
    const keys = knowledge.sources.filter((source) => source.state === 'enabled').map((source) => sourceKey(profileKey, source.id));
    return new Set(knowledge.useKnowledgeDir ? [FOLDER_SOURCE, ...keys] : keys);
  }

  /** Reconciles now and then every `intervalMs` (website re-syncs are checked then). */
  start(intervalMs = 60_000): void {
    void this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.reconciling;
    await Promise.allSettled(this.syncing.values());
  }
}
