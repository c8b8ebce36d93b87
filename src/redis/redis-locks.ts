// The shared ConversationLocks: tasks for one conversation queue up in this process (KeyedMutex), and each one
// also holds a Redis mutex (redis-semaphore) while it runs, so two replicas never process one conversation at once.
// The mutex is refreshed while the task runs and expires on its own if the replica dies.
import type { Redis } from 'ioredis';
import { Mutex } from 'redis-semaphore';
import type { Logger } from '../log.js';
import { KeyedMutex } from '../store/keyed-mutex.js';
import type { ConversationLocks } from '../store/ports.js';

export interface LockTiming {
  /** A dead replica's lock is free again after this long. */
  lockTimeoutMs: number;
  /** Longest wait for a conversation another replica is processing. */
  acquireTimeoutMs: number;
}

export const DEFAULT_LOCK_TIMING: LockTiming = { lockTimeoutMs: 15_000, acquireTimeoutMs: 120_000 };

export class RedisLocks implements ConversationLocks {
  private readonly local = new KeyedMutex();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
    private readonly timing: LockTiming = DEFAULT_LOCK_TIMING,
  ) {}

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const mutex = new Mutex(this.redis, `${this.prefix}:lock:${key}`, {
        lockTimeout: this.timing.lockTimeoutMs,
        acquireTimeout: this.timing.acquireTimeoutMs,
        retryInterval: 20,
        // The store's compare-and-set still keeps every write whole; this says the exclusion was broken.
        onLockLost: (error) => this.log.error('lost a conversation lock while processing it', { key, error: String(error) }),
      });
      await mutex.acquire();
      try {
        return await task();
      } finally {
        await mutex.release().catch(() => undefined);
      }
    });
  }

  idle(): Promise<void> {
    return this.local.idle();
  }

  get size(): number {
    return this.local.size;
  }
}
