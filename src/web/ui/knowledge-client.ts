// The settings page's calls to /api/knowledge (README "Knowledge"): a profile's sources, their commands, uploads and
// the search the "test a question" box runs. These act at once on the published settings, not on the draft.
import type { Portal } from '../../chatwoot/help-center.js';
import type { SourceView } from '../../knowledge/sources/manager.js';
import type { ChunkMetadata, SourceStatus } from '../../knowledge/types.js';
import { api, ApiError } from './api.js';

export type Source = SourceView;
export type SourceCommand = 'sync' | 'enable' | 'disable' | 'disconnect';

export interface SearchPassage extends ChunkMetadata {
  id: string;
  score: number;
  similarity?: number;
  coverage?: number;
  text: string;
}

export interface SearchResult {
  relevant: boolean;
  passages: SearchPassage[];
}

/** The knowledge folder (KNOWLEDGE_DIR) as GET /api/knowledge/:profile/folder describes it. */
export interface KnowledgeFolder {
  folder: string | null;
  used: boolean;
  status: SourceStatus;
  files: Array<{ path: string; title: string; chunks: number }>;
}

/** An error of a knowledge call, as the page shows it: a refused request by the server's own words ("url: must be…"). */
export const message = (t: (key: string, p?: Record<string, string | number>) => string, e: unknown) =>
  e instanceof ApiError && e.status < 500 ? e.message : t('common.error', { message: e instanceof Error ? e.message : String(e) });

type Settings = { defaultProfile: Profile; inboxes: Record<string, Profile> };
type Profile = { knowledge?: { sources?: unknown[] } } & Record<string, unknown>;

export function knowledgeClient(profile: string) {
  const base = `/api/knowledge/${encodeURIComponent(profile)}`;
  const source = (id: string) => `${base}/sources/${encodeURIComponent(id)}`;
  return {
    folder: () => api<KnowledgeFolder>('GET', `${base}/folder`),
    list: async (): Promise<Source[]> => (await api<{ sources: Source[] }>('GET', `${base}/sources`)).sources,
    add: (input: Record<string, unknown>) => api<Source>('POST', `${base}/sources`, input),
    update: (id: string, patch: Record<string, unknown>) => api<Source>('PATCH', source(id), patch),
    command: (id: string, command: SourceCommand) => api<Source>('POST', `${source(id)}/${command}`),
    remove: (id: string) => api<null>('DELETE', source(id)),
    upload: (id: string, file: File) => api<Source>('PUT', `${source(id)}/files/${encodeURIComponent(file.name)}`, file),
    removeFile: (id: string, name: string) => api<Source>('DELETE', `${source(id)}/files/${encodeURIComponent(name)}`),
    search: (question: string) => api<SearchResult>('GET', `${base}/search?q=${encodeURIComponent(question)}`),
    /** The helpdesk's Help Center portals, for a `helpcenter` source (the same for every profile). */
    portals: async (): Promise<Portal[]> => (await api<{ portals: Portal[] }>('GET', '/api/knowledge/portals')).portals,
  };
}

/**
 * The draft about to be saved, with every profile's sources as published. Sources are changed through
 * /api/knowledge only (at once, on the published settings), so the draft editor must never write back the
 * sources it loaded earlier: a source added, disabled or deleted since would be undone on publish.
 */
export function withPublishedSources<T extends Settings>(draft: T, published: Settings): T {
  const take = (profile: Profile, live: Profile | undefined): Profile =>
    live?.knowledge && profile.knowledge ? { ...profile, knowledge: { ...profile.knowledge, sources: live.knowledge.sources ?? [] } } : profile;
  return {
    ...draft,
    defaultProfile: take(draft.defaultProfile, published.defaultProfile),
    inboxes: Object.fromEntries(Object.entries(draft.inboxes).map(([id, profile]) => [id, take(profile, published.inboxes[id])])),
  };
}
