// Whether a folder still holds exactly what its source indexed, byte for byte: the same paths and content hashes.
// Then a sync has nothing to do and needs no worker: a start with unchanged knowledge only lists and reads the
// folder (hashing a few megabytes), parses nothing and writes nothing. Anything else (a new, changed, removed or
// unreadable file) is left to the full sync, which also reports why a file could not be used.
import { contentHash, listKnowledgeFiles, readKnowledgeFile } from './loader.js';
import type { LoadOptions } from './loader.js';
import type { SourceEntry } from './manifest.js';

const READERS = 16;

export async function folderUnchanged(folder: string, entry: SourceEntry | undefined, options: LoadOptions): Promise<boolean> {
  // Errors other than warnings about indexed files (catalog rows) concern files a sync must look at again.
  if (entry === undefined || entry.origin !== folder || entry.errors.some((error) => entry.documents[error.path] === undefined)) return false;
  try {
    const { files, errors } = await listKnowledgeFiles(folder);
    if (errors.length > 0 || files.length !== Object.keys(entry.documents).length) return false;
    // Several reads at a time: one after another, thousands of small files take a second of round trips.
    let next = 0;
    let same = true;
    const reader = async (): Promise<void> => {
      while (same && next < files.length) {
        const { full, path } = files[next++]!;
        const indexed = entry.documents[path];
        if (indexed === undefined || contentHash(path, await readKnowledgeFile(full), options) !== indexed.hash) same = false;
      }
    };
    await Promise.all(Array.from({ length: READERS }, reader));
    return same;
  } catch {
    return false;
  }
}
