// The backend for several replicas (REDIS_URL): every port on one Redis, with well-kept libraries for the parts
// that are easy to get wrong: ioredis, BullMQ (intake queue, timers), redis-semaphore (locks), Bottleneck (limits).
import { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { Backend } from '../store/backend.js';
import type { Quarantined } from '../store/types.js';
import { DEFAULT_JOB_TIMING, type JobsConnection } from './jobs.js';
import { LimitersOnRedis } from './limiters.js';
import { RedisIntakeQueue } from './redis-intake-queue.js';
import { RedisLocks } from './redis-locks.js';
import { RedisRotation } from './redis-rotation.js';
import { RedisConversationStore } from './redis-store.js';
import { RedisSeenKeys } from './redis-seen-keys.js';
import { RedisWakeUps } from './redis-wake-ups.js';
import { shareSettings } from './shared-settings.js';

export interface RedisConfig {
  url: string;
  /** Prefix of every key, so several Jawab deployments (or test runs) can share one Redis. */
  prefix: string;
}

export async function openRedisBackend(
  config: RedisConfig,
  log: Logger,
  now: () => number,
  quarantined?: (quarantined: Quarantined) => void,
  retentionMs?: number,
): Promise<Backend> {
  const onError = sparingly(log);
  const redis = await connect(config.url);
  redis.on('error', onError);
  // BullMQ workers block on this one; it must keep retrying rather than fail a blocked command.
  const workers = redis.duplicate({ lazyConnect: false, maxRetriesPerRequest: null });
  // redis-semaphore refreshes held locks on a timer and does not catch a failed refresh: on this connection a
  // command waits out a Redis outage instead of failing, so an outage delays the work rather than crashing the process.
  const locks = redis.duplicate({ lazyConnect: false, maxRetriesPerRequest: null });
  for (const connection of [workers, locks]) connection.on('error', onError);
  const jobs: JobsConnection = { redis, workers, prefix: config.prefix, timing: DEFAULT_JOB_TIMING, log, onError };
  const limiters = new LimitersOnRedis(redis, config.prefix, onError);
  const queue = new RedisIntakeQueue(jobs);
  const conversationLocks = new RedisLocks(locks, config.prefix, log);
  let stopSharing: () => void = () => undefined;
  return {
    store: new RedisConversationStore(redis, config.prefix, now, quarantined, retentionMs),
    queue,
    locks: conversationLocks,
    wakeUps: (wake) => new RedisWakeUps(jobs, wake, now),
    seen: new RedisSeenKeys(redis, config.prefix),
    limiters: limiters.factory,
    rotation: new RedisRotation(redis, conversationLocks, config.prefix),
    resumeOnStart: false,
    shareSettings: async (settings) => {
      stopSharing = await shareSettings(settings, redis, config.prefix, log, onError);
    },
    close: async () => {
      stopSharing();
      await limiters.close();
      workers.disconnect();
      locks.disconnect();
      await redis.quit();
    },
  };
}

/** Connects once up front, so a wrong REDIS_URL stops the start with a clear message instead of retrying forever. */
async function connect(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 5_000, maxRetriesPerRequest: 3 });
  const failed = (error: Error) => void error; // the first connection's failure is thrown below
  redis.on('error', failed);
  try {
    await redis.connect();
    await redis.ping();
    redis.off('error', failed);
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new Error(`Redis at ${redact(url)} is not reachable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Connection errors repeat on every reconnect attempt: log the first, then at most one every 30 s. */
function sparingly(log: Logger): (error: Error) => void {
  let last = 0;
  return (error) => {
    if (Date.now() - last < 30_000) return;
    last = Date.now();
    log.error('Redis connection error; retrying', { error: error.message });
  };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
