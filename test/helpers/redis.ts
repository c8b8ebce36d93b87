// Real Redis for tests: TEST_REDIS_URL (set by .ci/run, which starts a redis-server), else a local default.
// Without a reachable Redis the Redis suites are skipped with a message, except under CI=true, where they fail.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function reachable(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** True when the Redis suites can run; throws under CI, where a missing Redis is a broken setup. */
export async function redisForTests(suite: string): Promise<boolean> {
  if (await reachable(TEST_REDIS_URL)) return true;
  const message = `no Redis reachable at ${TEST_REDIS_URL} (set TEST_REDIS_URL, or run .ci/run, which starts one)`;
  if (process.env.CI === 'true') throw new Error(`${suite}: ${message}; CI must run the Redis suites`);
  console.warn(`SKIPPED ${suite}: ${message}`);
  return false;
}

/** A key prefix of its own for each test, so tests sharing one Redis never see each other's keys. */
export const testPrefix = (): string => `jawab-test-${randomUUID().slice(0, 8)}`;

/** Deletes every key under a prefix (BullMQ's and ours). */
export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `*${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
