// The embedded IntakeQueue: the write-ahead journal, handing each event to the engine in this process as soon as
// it is on disk. A restart hands over what the previous run did not release, before anything new.
import { type AcceptedEvent, dedupeKeys } from '../engine/events.js';
import type { Logger } from '../log.js';
import { Journal, type JournalEntry, journalEntryShape, type Ticket } from './journal.js';
import type { IntakeQueue, QueuedEvent } from './ports.js';

export class JournalQueue implements IntakeQueue {
  private consume?: (accepted: AcceptedEvent) => Promise<void>;
  /** Stored before start(): handed over after the recovered ones. */
  private early: Array<JournalEntry & { ticket: Ticket }> = [];

  private constructor(
    private readonly journal: Journal,
    private readonly recovered: Array<JournalEntry & { ticket: Ticket }>,
  ) {}

  static async open(dataDir: string, segmentEntries?: number, log?: Logger): Promise<JournalQueue> {
    const { journal, recovered } = await Journal.open(dataDir, { segmentEntries, shape: journalEntryShape, log });
    return new JournalQueue(journal, recovered);
  }

  async push(entry: QueuedEvent): Promise<void> {
    const ticket = await this.journal.append(entry);
    if (this.consume) this.handOver({ ...entry, ticket });
    else this.early.push({ ...entry, ticket });
  }

  async start(consume: (accepted: AcceptedEvent) => Promise<void>): Promise<number> {
    this.consume = consume;
    for (const entry of [...this.recovered, ...this.early]) this.handOver(entry);
    this.early = [];
    return this.recovered.length;
  }

  /** Hand-overs are synchronous: nothing is under way between them. */
  async stop(): Promise<void> {}

  close(): Promise<void> {
    return this.journal.close();
  }

  private handOver({ event, deliveryId, ticket }: JournalEntry & { ticket: Ticket }): void {
    void this.consume!({ event, keys: dedupeKeys(event, deliveryId), release: () => this.journal.release(ticket) });
  }
}
