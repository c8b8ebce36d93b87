// The intake's write-ahead journal: accepted events are appended (many per write: group commit) before the
// webhook is answered, and released once the engine has folded them into their conversation's file.
// One append is far cheaper than rewriting a conversation file, so acknowledging stays fast under load;
// a restart replays what was not released, and the fold's dedupe makes a replay harmless.
import { type FileHandle, mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { QueuedEvent } from './ports.js';

export type JournalEntry = QueuedEvent;

/** Where an entry was written; hand it back with release() once the entry is stored elsewhere. */
export interface Ticket {
  segment: number;
}

/** A new segment after this many entries, so old ones can be deleted as soon as they are all folded. */
const SEGMENT_ENTRIES = 5000;

export class Journal {
  private handle!: FileHandle;
  private segment = 0;
  private entriesInSegment = 0;
  /** Unreleased entries per segment. */
  private readonly outstanding = new Map<number, number>();
  private queue: Array<{ line: string; resolve: (t: Ticket) => void; reject: (e: unknown) => void }> = [];
  private writing: Promise<void> | undefined;

  private constructor(
    private readonly dir: string,
    private readonly segmentEntries: number,
  ) {}

  /** Opens the journal and returns what a previous run accepted but did not release, in order. */
  static async open(dataDir: string, segmentEntries = SEGMENT_ENTRIES): Promise<{ journal: Journal; recovered: Array<JournalEntry & { ticket: Ticket }> }> {
    const journal = new Journal(join(dataDir, 'journal'), segmentEntries);
    await mkdir(journal.dir, { recursive: true, mode: 0o700 });
    const recovered: Array<JournalEntry & { ticket: Ticket }> = [];
    const segments = (await readdir(journal.dir)).filter((f) => /^\d+\.jsonl$/.test(f)).sort();
    for (const file of segments) {
      const segment = Number.parseInt(file, 10);
      const lines = (await readFile(join(journal.dir, file), 'utf8')).split('\n');
      let count = 0;
      for (const line of lines) {
        if (!line) continue;
        try {
          recovered.push({ ...(JSON.parse(line) as JournalEntry), ticket: { segment } });
          count++;
        } catch {
          // A torn last line from a crash mid-append: that delivery was never acknowledged.
        }
      }
      journal.segment = Math.max(journal.segment, segment);
      if (count) journal.outstanding.set(segment, count);
      else await rm(join(journal.dir, file), { force: true });
    }
    await journal.rotate();
    return { journal, recovered };
  }

  /** Resolves once the entry is on disk. */
  append(entry: JournalEntry): Promise<Ticket> {
    return new Promise((resolve, reject) => {
      this.queue.push({ line: `${JSON.stringify(entry)}\n`, resolve, reject });
      this.writing ??= this.flush();
    });
  }

  release(ticket: Ticket): void {
    const left = (this.outstanding.get(ticket.segment) ?? 1) - 1;
    if (left > 0) return void this.outstanding.set(ticket.segment, left);
    this.outstanding.delete(ticket.segment);
    if (ticket.segment !== this.segment) void rm(this.file(ticket.segment), { force: true });
  }

  async close(): Promise<void> {
    await this.writing;
    await this.handle.close();
  }

  /** Writes everything queued in one append, then whatever queued up meanwhile, until the queue is empty. */
  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      try {
        if (this.entriesInSegment >= this.segmentEntries) await this.rotate();
        await this.handle.write(batch.map((b) => b.line).join(''));
        this.entriesInSegment += batch.length;
        this.outstanding.set(this.segment, (this.outstanding.get(this.segment) ?? 0) + batch.length);
        const ticket = { segment: this.segment };
        for (const b of batch) b.resolve(ticket);
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    this.writing = undefined;
  }

  private async rotate(): Promise<void> {
    const previous = this.segment;
    await this.handle?.close();
    this.segment += 1;
    this.entriesInSegment = 0;
    this.handle = await open(this.file(this.segment), 'a', 0o600);
    // A finished segment with nothing outstanding is done.
    if (previous && !this.outstanding.has(previous)) await rm(this.file(previous), { force: true });
  }

  private file(segment: number): string {
    return join(this.dir, `${String(segment).padStart(8, '0')}.jsonl`);
  }
}
