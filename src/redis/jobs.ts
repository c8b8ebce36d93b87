// What the two BullMQ queues (intake events, timer wake-ups) share: how long a job may go without its replica
// before another replica takes it over, how failed jobs are retried, and how long finished ones are kept.
import { type JobsOptions, type Processor, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

export interface JobTiming {
  /**
   * A running job's lock, renewed by its worker: a replica that dies leaves its jobs "stalled" once this runs out,
   * and another replica runs them again (the fold's duplicate check and the outbox's in-flight marks make that safe).
   */
  lockDurationMs: number;
  /** How often each replica looks for stalled jobs. */
  stalledIntervalMs: number;
}

export const DEFAULT_JOB_TIMING: JobTiming = { lockDurationMs: 15_000, stalledIntervalMs: 5_000 };

/** A job whose processing failed (a store error, a stop in between) is tried again, then kept for an operator. */
export const RETRIED: JobsOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: false,
};

export interface JobsConnection {
  /** Commands (adding jobs). */
  redis: Redis;
  /** Workers' connection: blocking commands need `maxRetriesPerRequest: null`. */
  workers: Redis;
  prefix: string;
  timing: JobTiming;
  log: Logger;
  /** Connection errors (logged sparingly: they repeat on every reconnect). */
  onError: (error: Error) => void;
}

export function openQueue<T>(name: string, connection: JobsConnection): Queue<T> {
  const queue = new Queue<T>(name, { connection: connection.redis, prefix: connection.prefix, defaultJobOptions: RETRIED });
  queue.on('error', connection.onError);
  return queue;
}

export function startWorker<T>(name: string, connection: JobsConnection, concurrency: number, processor: Processor<T>): Worker<T> {
  const worker = new Worker<T>(name, processor, {
    connection: connection.workers,
    prefix: connection.prefix,
    concurrency,
    lockDuration: connection.timing.lockDurationMs,
    stalledInterval: connection.timing.stalledIntervalMs,
    // A job that outlived several replicas in a row is still worth finishing.
    maxStalledCount: 10,
  });
  worker.on('error', connection.onError);
  worker.on('failed', (job, error) => connection.log.warn(`${name} job failed; it will be retried`, { job: job?.id, error: error.message }));
  return worker;
}
