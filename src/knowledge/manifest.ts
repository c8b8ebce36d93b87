// The manifest: which documents each source holds (content hash, title, chunk ids), each source's status, and the
// generation of index files in force (generation.ts). Replacing it is the commit of every save. Version 2 (before
// generations) named no generation: its files were the graph and docstore.json beside it, read once to migrate.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './hnsw-store.js';
import type { LoadError } from './loader.js';

export interface ManifestEntry {
  hash: string;
  title: string;
  chunkIds: string[];
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

/** A manifest as read: the current version, or version 2 (whose files must be migrated). */
export type StoredManifest = Manifest | (Omit<Manifest, 'version' | 'generation'> & { version: 2 });

export async function readManifest(directory: string, embeddingsId: string): Promise<StoredManifest> {
  const manifest = JSON.parse(await readFile(join(directory, MANIFEST_FILE), 'utf8')) as StoredManifest;
  if (manifest.version !== 3 && manifest.version !== 2) throw new Error(`index format ${String((manifest as { version: unknown }).version)} is unknown`);
  if (manifest.embeddingsId !== embeddingsId) throw new Error('manifest mismatch');
  return manifest;
}

export async function writeManifest(directory: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(join(directory, MANIFEST_FILE), JSON.stringify(manifest));
}

/** Every chunk id the sources own. */
export function ownedChunkIds(sources: Record<string, SourceEntry>): Set<string> {
  return new Set(Object.values(sources).flatMap((source) => Object.values(source.documents).flatMap((entry) => entry.chunkIds)));
}
