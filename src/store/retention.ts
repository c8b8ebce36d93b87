// Retention on the embedded store (RETENTION_DAYS): which conversation files may have been idle past the window.
// The folder is walked a small batch at a time with a pause between batches, so a sweep over hundreds of thousands
// of files costs the event loop and the disk a little at a time instead of a stall; a file's modification time rules
// out at a glance (one stat, no read) the ones written within the window. The store decides about each candidate.
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Files looked at between two pauses. */
const BATCH = 100;
const PAUSE_MS = 10;

export interface IdleFile {
  /** The conversation key (the file name without `.json`). */
  key: string;
  /** The file's modification time (ms). */
  modifiedAt: number;
}

/**
 * The `<key>.json` files of `folder` not modified since `cutoff` (ms), a batch at a time; stops early once `stopped()`.
 * A file that goes away meanwhile (written again through a temporary file, or removed) is passed over.
 */
export async function* idleFiles(folder: string, cutoff: number, stopped: () => boolean): AsyncGenerator<IdleFile> {
  const dir = await opendir(folder, { bufferSize: BATCH });
  let inBatch = 0;
  for await (const entry of dir) {
    if (stopped()) break;
    if (++inBatch === BATCH) {
      inBatch = 0;
      await sleep(PAUSE_MS);
    }
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const modifiedAt = await stat(join(folder, entry.name)).then((s) => s.mtimeMs, () => undefined);
    if (modifiedAt !== undefined && modifiedAt <= cutoff) yield { key: entry.name.slice(0, -'.json'.length), modifiedAt };
  }
}
