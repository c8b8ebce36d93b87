// The intake's write-ahead journal: accepted events are appended (many per write: group commit) before the
// webhook is answered, and released once the engine has folded them into their conversation's file.
// One append is far cheaper than rewriting a conversation file, so acknowledging stays fast under load;
// a restart replays what was not released, and the fold's dedupe makes a replay harmless.
// "On disk" means written to the file (the kernel holds it): it survives the process being killed at any moment.
// The embedded conversation store keeps a second journal of the same kind, of the actions Chatwoot confirmed
// (lowdb-store.ts), under another folder name.
import { closeSync, openSync, writeSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log.js';
import type { QueuedEvent } from './ports.js';

/** What the intake journals: the event and its delivery id. */
export type JournalEntry = QueuedEvent;

/** Where an entry was written; hand it back with release() once the entry is stored elsewhere. */
export interface Ticket {
  segment: number;
}

/**
 * What the engine reads of an entry before it folds it: a line without it (written by hand, or by a bug) would stop
 * the start, so it is moved aside instead (the rest of the event was checked at the intake when it was written).
 */
export const journalEntryShape = z.object({
  event: z.object({
    kind: z.enum(['message', 'button_reply', 'conversation']),
    ref: z.object({ inboxId: z.number(), conversationId: z.number() }),
    dedupeKey: z.string(),
    conversation: z.object({}),
  }),
  deliveryId: z.string().optional(),
});

/** A new segment after this many entries, so old ones can be deleted as soon as they are all folded. */
const SEGMENT_ENTRIES = 5000;

export interface JournalOptions {
  /** The folder under the data directory. */
  name?: string;
  segmentEntries?: number;
  /** What a recovered line must hold; one that does not is moved aside to `<segment>.rejected` with a warning. */
  shape?: z.ZodType;
  log?: Logger;
}

export class Journal<T = JournalEntry> {
  private fd = -1;
  private segment = 0;
  private entriesInSegment = 0;
  /** Unreleased entries per segment. */
  private readonly outstanding = new Map<number, number>();
  private queue: Array<{ line: string; resolve: (t: Ticket) => void; reject: (e: unknown) => void }> = [];
  /** A write failed part-way: the next one starts on a new line, so the torn fragment stays a line of its own. */
  private torn = false;
  /** Segments being deleted: close() waits for them, so a journal opened next does not list a file about to go. */
  private readonly removing = new Set<Promise<void>>();

  private constructor(
    private readonly dir: string,
    private readonly segmentEntries: number,
  ) {}

  /**
   * Opens the journal in `dataDir/name` and returns what a previous run appended but did not release, in order.
   * With a `shape`, a line that is JSON but not of that shape is moved aside to `<segment>.rejected` with a warning
   * naming the file and line; without one, entries come back as they were written (the caller wrote them).
   */
  static async open<T = JournalEntry>(dataDir: string, options: JournalOptions = {}): Promise<{ journal: Journal<T>; recovered: Array<T & { ticket: Ticket }> }> {
    const { name = 'journal', segmentEntries = SEGMENT_ENTRIES, shape, log } = options;
    const journal = new Journal<T>(join(dataDir, name), segmentEntries);
    await mkdir(journal.dir, { recursive: true, mode: 0o700 });
    const recovered: Array<T & { ticket: Ticket }> = [];
    const segments = (await readdir(journal.dir)).filter((f) => /^\d+\.jsonl$/.test(f)).sort();
    for (const file of segments) {
      const segment = Number.parseInt(file, 10);
      const path = join(journal.dir, file);
      // A segment released and deleted after the listing (by a journal on the same folder closing): its entries are
      // stored elsewhere, as for any segment that is gone.
      const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (text === undefined) continue;
      const lines = text.split('\n');
      const rejected: string[] = [];
      let count = 0;
      for (const [index, line] of lines.entries()) {
        if (!line) continue;
        let data: unknown;
        try {
          data = JSON.parse(line);
        } catch {
          // A torn last line from a crash mid-append: that delivery was never acknowledged.
          continue;
        }
        const checked = shape?.safeParse(data);
        if (!checked || checked.success) {
          recovered.push({ ...(data as T), ticket: { segment } });
          count++;
        } else {
          const issue = checked.error.issues[0]!;
          rejected.push(line);
          log?.warn(`${path} line ${index + 1} is not an accepted event (${issue.path.join('.')}: ${issue.message}): moved aside to ${path}.rejected`, { file: path, line: index + 1 });
        }
      }
      if (rejected.length) await appendFile(`${path}.rejected`, rejected.map((line) => `${line}\n`).join(''), { mode: 0o600 });
      journal.segment = Math.max(journal.segment, segment);
      if (count) journal.outstanding.set(segment, count);
      else await rm(path, { force: true });
    }
    journal.rotate();
    return { journal, recovered };
  }

  /**
   * Resolves once the entry is on disk. The entries appended during one turn of the event loop (the deliveries
   * read together) share one write at the end of that turn.
   */
  append(entry: T): Promise<Ticket> {
    return new Promise((resolve, reject) => {
      this.queue.push({ line: `${JSON.stringify(entry)}\n`, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  release(ticket: Ticket): void {
    const left = (this.outstanding.get(ticket.segment) ?? 1) - 1;
    if (left > 0) return void this.outstanding.set(ticket.segment, left);
    this.outstanding.delete(ticket.segment);
    if (ticket.segment !== this.segment) this.remove(ticket.segment);
  }

  private remove(segment: number): void {
    const removal = rm(this.file(segment), { force: true }).catch(() => undefined);
    this.removing.add(removal);
    void removal.then(() => this.removing.delete(removal));
  }

  /** Writes what is queued, closes the file and waits for the segments being deleted; closing again does nothing more. */
  async close(): Promise<void> {
    if (this.fd >= 0) {
      this.flush();
      closeSync(this.fd);
      this.fd = -1;
    }
    await Promise.all(this.removing);
  }

  /**
   * Writes everything queued in one append. Synchronous on purpose: a small append to the page cache takes a few
   * microseconds, a tenth of the cost of a round trip through libuv's thread pool, and the webhooks waiting for it
   * could not be answered any sooner.
   */
  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    if (!batch.length) return;
    try {
      if (this.entriesInSegment >= this.segmentEntries) this.rotate();
      this.write(`${this.torn ? '\n' : ''}${batch.map((b) => b.line).join('')}`);
      this.entriesInSegment += batch.length;
      this.outstanding.set(this.segment, (this.outstanding.get(this.segment) ?? 0) + batch.length);
      const ticket = { segment: this.segment };
      for (const b of batch) b.resolve(ticket);
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }

  /** One write(2) in the usual case; the rest again if the kernel took only part of it. */
  private write(text: string): void {
    const bytes = Buffer.from(text);
    this.torn = true;
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(this.fd, bytes, offset);
    this.torn = false;
  }

  /** The next segment; if it cannot be opened, the current one stays and the next flush tries again. */
  private rotate(): void {
    const previous = this.segment;
    const fd = openSync(this.file(previous + 1), 'a', 0o600);
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = fd;
    this.segment = previous + 1;
    this.entriesInSegment = 0;
    // A finished segment with nothing outstanding is done (if it stays, a restart replays it and the fold drops it).
    if (previous && !this.outstanding.has(previous)) this.remove(previous);
  }

  private file(segment: number): string {
    return join(this.dir, `${String(segment).padStart(8, '0')}.jsonl`);
  }
}
