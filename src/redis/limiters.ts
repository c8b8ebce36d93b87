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
    onError: (error: Error) => void = () => undefined,
  ) {
    // Bottleneck owns (and closes) this connection and the subscriber it duplicates from it.
    const client = redis.duplicate({ lazyConnect: false });
    client.on('error', onError);
    this.connection = withBareScriptErrors(new Bottleneck.IORedisConnection({ client }));
    this.connection.on('error', onError);
    // The subscriber Bottleneck duplicates from the client does not inherit its listeners.
    (this.connection as unknown as { subscriber: Redis }).subscriber.on('error', onError);
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

type ScriptCallback = (error: Error | null, replies: unknown) => void;

/**
 * Redis 7 puts "ERR " before an error a script returns, and Bottleneck (2.19.5, its last release) recognises its own
 * SETTINGS_KEY_NOT_FOUND and UNKNOWN_CLIENT only without it: a limiter whose keys are gone (Redis restarted without
 * its data) would then fail every request instead of creating them again. This takes the prefix off in the callback
 * Bottleneck hands to each of its scripts.
 */
function withBareScriptErrors(connection: Bottleneck.IORedisConnection): Bottleneck.IORedisConnection {
  const scripts = connection as unknown as { __scriptArgs__(name: string, id: string, args: unknown[], cb: ScriptCallback): unknown[] };
  const scriptArgs = scripts.__scriptArgs__.bind(connection);
  scripts.__scriptArgs__ = (name, id, args, cb) =>
    scriptArgs(name, id, args, (error, replies) => {
      if (error?.message.startsWith('ERR ')) error.message = error.message.slice(4);
      cb(error, replies);
    });
  return connection;
}
