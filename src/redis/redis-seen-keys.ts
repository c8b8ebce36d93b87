// The shared SeenKeys: each delivery id and event key is a Redis key with a TTL, claimed all-or-nothing in one
// script, so the same delivery sent to two replicas at once is accepted by exactly one of them; and a claim lapses
// within seconds unless its event was stored, so a replica that dies in between loses nothing.
import type { Redis } from 'ioredis';
import type { SeenKeys } from '../store/ports.js';

// A key is `storing` while its event is being stored, with a short TTL, and `stored` (any other value) once it is.
const CLAIM = `
for _, key in ipairs(KEYS) do
  local value = redis.call('GET', key)
  if value and value ~= 'storing' then return 0 end
end
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) then return 2 end
end
for _, key in ipairs(KEYS) do redis.call('SET', key, 'storing', 'PX', ARGV[1]) end
return 1`;
const CLAIMED = { 0: 'duplicate', 1: 'new', 2: 'storing' } as const;

/**
 * Duplicates arrive within seconds (Chatwoot's retries, a second channel); an hour is plenty and keeps memory in
 * check. Each conversation's record keeps its own keys for 24 h, which catches anything later.
 */
export const SEEN_KEY_TTL_MS = 60 * 60 * 1000;
/**
 * How long a claim holds before its event is stored: storing takes milliseconds, so a claim this old belongs to a
 * replica that died, and lapses, well inside Chatwoot's 5 s wait for an answer.
 */
export const STORING_TTL_MS = 2_000;

export class RedisSeenKeys implements SeenKeys {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async claim(keys: string[]): Promise<'new' | 'duplicate' | 'storing'> {
    const result = (await this.redis.eval(CLAIM, keys.length, ...keys.map((k) => this.key(k)), STORING_TTL_MS)) as 0 | 1 | 2;
    return CLAIMED[result];
  }

  async stored(keys: string[]): Promise<void> {
    const batch = this.redis.multi();
    for (const k of keys) batch.set(this.key(k), 'stored', 'PX', SEEN_KEY_TTL_MS);
    await batch.exec();
  }

  async forget(keys: string[]): Promise<void> {
    await this.redis.del(...keys.map((k) => this.key(k)));
  }

  private key(k: string): string {
    return `${this.prefix}:seen:${k}`;
  }
}
