// The shared WakeUps: each wake-up is a delayed BullMQ job whose id is the conversation and its due time, so the same
// timer set by two replicas is one job and fires once, on one replica; it survives restarts of every replica.
// The job stays active until the run it started has finished, so a replica that dies mid-run leaves it to another.
// A wake-up that is no longer needed may still fire: the run then finds nothing due and does nothing.
import type { Queue, Worker } from 'bullmq';
import type { WakeUps } from '../store/ports.js';
import { type JobsConnection, openQueue, startWorker } from './jobs.js';

const NAME = 'wake';
const CONCURRENCY = 64;

interface WakeJob {
  key: string;
}

export class RedisWakeUps implements WakeUps {
  private readonly queue: Queue<WakeJob>;
  private readonly worker: Worker<WakeJob>;
  /** The job this replica set last for each conversation, so a replaced one can be withdrawn. */
  private readonly jobs = new Map<string, string>();

  constructor(
    connection: JobsConnection,
    wake: (key: string) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {
    this.queue = openQueue<WakeJob>(NAME, connection);
    this.worker = startWorker<WakeJob>(NAME, connection, CONCURRENCY, async (job) => {
      if (this.jobs.get(job.data.key) === job.id) this.jobs.delete(job.data.key);
      await wake(job.data.key);
    });
  }

  async set(key: string, at: number): Promise<void> {
    const jobId = `${key}@${at}`;
    const previous = this.jobs.get(key);
    if (previous === jobId) return;
    await this.queue.add('wake', { key }, { jobId, delay: Math.max(0, at - this.now()) });
    this.jobs.set(key, jobId);
    if (previous) await this.withdraw(previous);
  }

  async clear(key: string): Promise<void> {
    const previous = this.jobs.get(key);
    this.jobs.delete(key);
    if (previous) await this.withdraw(previous);
  }

  get size(): number {
    return this.jobs.size;
  }

  async stop(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
  }

  /** Best effort: a job already running (or gone) stays as it is, and a stray wake-up is harmless. */
  private async withdraw(jobId: string): Promise<void> {
    await this.queue.remove(jobId).catch(() => undefined);
  }
}
