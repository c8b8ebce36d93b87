// The shared IntakeQueue: each accepted event is a BullMQ job, stored before the webhook is answered. Any replica's
// worker hands it to its engine, and the job stays active until the run that folds it has finished; if that replica
// dies first, the job stalls and another replica takes it over. A job whose event was not folded (the engine was
// stopping, the store failed) fails and is retried.
import type { Queue, Worker } from 'bullmq';
import { type AcceptedEvent, dedupeKeys } from '../engine/events.js';
import type { IntakeQueue, QueuedEvent } from '../store/ports.js';
import { type JobsConnection, openQueue, startWorker } from './jobs.js';

const NAME = 'intake';
/** Events being handed over at once per replica: most wait for their conversation's lane or the engine's slots. */
const CONCURRENCY = 256;

export class RedisIntakeQueue implements IntakeQueue {
  private readonly queue: Queue<QueuedEvent>;
  private worker?: Worker<QueuedEvent>;

  constructor(private readonly connection: JobsConnection) {
    this.queue = openQueue<QueuedEvent>(NAME, connection);
  }

  async push(entry: QueuedEvent): Promise<void> {
    await this.queue.add('event', entry);
  }

  async start(consume: (accepted: AcceptedEvent) => Promise<void>): Promise<number> {
    this.worker = startWorker<QueuedEvent>(NAME, this.connection, CONCURRENCY, async (job) => {
      const { event, deliveryId } = job.data;
      let released = false;
      await consume({ event, keys: dedupeKeys(event, deliveryId), release: () => (released = true) });
      if (!released) throw new Error('the event was not stored with its conversation yet');
    });
    await this.worker.waitUntilReady();
    // Events a dead replica left behind come back as stalled jobs, to whichever replica sees them first.
    return 0;
  }

  async stop(): Promise<void> {
    await this.worker?.close();
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
