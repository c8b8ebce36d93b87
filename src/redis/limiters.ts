// Rate limiters shared by every replica: Bottleneck's own Redis clustering (`datastore: 'ioredis'`), one limiter id
// per Chatwoot host (and per model provider), so N replicas together stay under the limit one replica would keep.
import Bottleneck from 'bottleneck';
import type { Redis } from 'ioredis';
import type { LimiterFactory } from '../chatwoot/http.js';

/**
 * How often a clustered limiter checks Redis for a refilled reservoir (Bottleneck's default is 5 s, far longer than
 * the 1 s refill interval: requests would wait for the heartbeat rather than the limit).
 */
const HEARTBEAT_MS = 250;

export class LimitersOnRedis {
  private readonly connection: Bottleneck.IORedisConnection;
  private readonly limiters = new Map<string, Bottleneck>();

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // Bottleneck owns (and closes) this connection and the subscriber it duplicates from it.
    this.connection = new Bottleneck.IORedisConnection({ client: redis.duplicate({ lazyConnect: false }) });
  }

  readonly factory: LimiterFactory = (id, options) => {
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new Bottleneck({
        ...options,
        id: `${this.prefix}:${id}`,
        datastore: 'ioredis',
        connection: this.connection,
        clearDatastore: false,
        heartbeatInterval: HEARTBEAT_MS,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  };

  async close(): Promise<void> {
    for (const limiter of this.limiters.values()) await limiter.disconnect(false);
    await this.connection.disconnect(false);
  }
}
