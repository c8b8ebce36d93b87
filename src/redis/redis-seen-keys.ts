// The shared SeenKeys: each delivery id and event key is a Redis key with a TTL, claimed all-or-nothing in one
// script, so the same delivery sent to two replicas at once is accepted by exactly one of them.
import type { Redis } from 'ioredis';
import type { SeenKeys } from '../store/ports.js';

const CLAIM = `
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then return 0 end
end
for _, key in ipairs(KEYS) do redis.call('SET', key, '1', 'PX', ARGV[1]) end
return 1`;

/**
 * Duplicates arrive within seconds (Chatwoot's retries, a second channel); an hour is plenty and keeps memory in
 * check. Each conversation's record keeps its own keys for 24 h, which catches anything later.
 */
export const SEEN_KEY_TTL_MS = 60 * 60 * 1000;

export class RedisSeenKeys implements SeenKeys {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async claim(keys: string[]): Promise<boolean> {
    return (await this.redis.eval(CLAIM, keys.length, ...keys.map((k) => this.key(k)), SEEN_KEY_TTL_MS)) === 1;
  }

  async forget(keys: string[]): Promise<void> {
    await this.redis.del(...keys.map((k) => this.key(k)));
  }

  private key(k: string): string {
    return `${this.prefix}:seen:${k}`;
  }
}
