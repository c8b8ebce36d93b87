// The manifest: which documents each source holds (content hash, title, number of chunks: the chunk ids follow from
// them), each source's status, and the generation of index files in force (generation.ts). Replacing it is the commit
// of every save. Version 2 (before generations) listed every chunk id and named no generation: its files were the
// graph and docstore.json beside it, migrated once (legacy-index.ts).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './hnsw-store.js';
import type { LoadError } from './loader.js';

export interface ManifestEntry {
  hash: string;
  title: string;
  chunks: number;
}

export interface SourceEntry {
  origin?: string;
  lastSyncAt?: string;
  errors: LoadError[];
  documents: Record<string, ManifestEntry>;
}

export interface Manifest {
  version: 3;
  embeddingsId: string;
  /** The generation in force; undefined before the first save. */
  generation?: number;
  sources: Record<string, SourceEntry>;
}

const MANIFEST_FILE = 'manifest.json';
/** The files of a version 2 index: its graph and its chunks. */
export const LEGACY_FILES = { graph: 'hnswlib.index', docstore: 'docstore.json' } as const;

/** Version 2: every chunk id listed, no generation. */
export interface LegacyManifest {
  version: 2;
  embeddingsId: string;
  sources: Record<string, Omit<SourceEntry, 'documents'> & { documents: Record<string, { hash: string; title: string; chunkIds: string[] }> }>;
}

/** A manifest as read: the current version, or version 2 (whose files must be migrated). */
export type StoredManifest = Manifest | LegacyManifest;

export async function readManifest(directory: string, embeddingsId: string): Promise<StoredManifest> {
  const manifest = JSON.parse(await readFile(join(directory, MANIFEST_FILE), 'utf8')) as StoredManifest;
  if (manifest.version !== 3 && manifest.version !== 2) throw new Error(`index format ${String((manifest as { version: unknown }).version)} is unknown`);
  if (manifest.embeddingsId !== embeddingsId) throw new Error('manifest mismatch');
  return manifest;
}

export async function writeManifest(directory: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(join(directory, MANIFEST_FILE), JSON.stringify(manifest));
}

/** Chunk ids depend on the source, the document and its content, so re-adding the same content is an upsert. */
export function chunkId(source: string, path: string, hash: string, position: number): string {
  return `${source}:${path}#${hash.slice(0, 16)}#${position}`;
}

/**
 * A version 2 manifest in the current form, naming `generation`. A document whose listed chunk ids are not the ones
 * its path and hash give is left out, so the next sync embeds it again rather than trust chunks it cannot name.
 */
export function fromLegacy(legacy: LegacyManifest, generation: number): Manifest {
  const sources: Record<string, SourceEntry> = {};
  for (const [key, source] of Object.entries(legacy.sources)) {
    const documents: Record<string, ManifestEntry> = {};
    for (const [path, { hash, title, chunkIds }] of Object.entries(source.documents)) {
      if (chunkIds.every((id, position) => id === chunkId(key, path, hash, position))) documents[path] = { hash, title, chunks: chunkIds.length };
    }
    sources[key] = { ...source, documents };
  }
  return { version: 3, embeddingsId: legacy.embeddingsId, generation, sources };
}

/** Every chunk id the sources own. */
export function ownedChunkIds(sources: Record<string, SourceEntry>): Set<string> {
  const owned = new Set<string>();
  for (const [key, source] of Object.entries(sources)) {
    for (const [path, entry] of Object.entries(source.documents)) {
      for (let position = 0; position < entry.chunks; position += 1) owned.add(chunkId(key, path, entry.hash, position));
    }
  }
  return owned;
}
