// Settings shared by every replica: the current settings under one Redis key, and a change announced on a channel of
// the same name, so a PUT /api/settings on one replica applies on all of them at once. Each replica keeps a copy in
// its settings.json (what it starts from when Redis has none yet: the first replica's settings become the shared ones).
// The history of published versions lives beside them (a list of the newest HISTORY_KEPT), so every replica lists,
// compares and restores the same versions.
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { HISTORY_KEPT, parseVersions, type SettingsHistory, type SettingsVersion } from '../store/settings-history.js';
import type { SettingsStore } from '../store/settings-store.js';

/** Shares `settings` through Redis; resolves with a function that stops listening. */
export async function shareSettings(
  settings: SettingsStore,
  redis: Redis,
  prefix: string,
  log: Logger,
  onError: (error: Error) => void = () => undefined,
): Promise<() => void> {
  const key = `${prefix}:settings`;
  const adopt = async (json: string | null, from: string) => {
    if (json && !(await settings.adopt(JSON.parse(json)))) log.error('ignored invalid shared settings', { from });
  };
  await redis.set(key, JSON.stringify(settings.get()), 'NX');
  await adopt(await redis.get(key), key);
  await settings.useHistory(new RedisSettingsHistory(redis, prefix));
  const subscriber = redis.duplicate({ lazyConnect: false });
  subscriber.on('error', onError);
  subscriber.on('message', (_channel: string, json: string) => {
    adopt(json, 'another replica').catch((error: unknown) => log.error('could not keep shared settings', { error: String(error) }));
  });
  await subscriber.subscribe(key);
  settings.onPublish(async (next) => {
    const json = JSON.stringify(next);
    await redis.multi().set(key, json).publish(key, json).exec();
  });
  return () => subscriber.disconnect();
}

/** The versions as JSON in a Redis list, newest first; version numbers from a counter beside it. */
export class RedisSettingsHistory implements SettingsHistory {
  private readonly key: string;
  private readonly counter: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}:settings:history`;
    this.counter = `${prefix}:settings:version`;
  }

  async add(entry: Omit<SettingsVersion, 'version'>): Promise<number> {
    const version = await this.redis.incr(this.counter);
    await this.redis.multi().lpush(this.key, JSON.stringify({ version, ...entry })).ltrim(this.key, 0, HISTORY_KEPT - 1).exec();
    return version;
  }

  async list(): Promise<SettingsVersion[]> {
    const items = await this.redis.lrange(this.key, 0, -1);
    // Two replicas publishing at once may push out of order: the numbers tell the order.
    return parseVersions({ versions: items.map((item) => JSON.parse(item) as unknown) }, `Redis key ${this.key}`).sort((a, b) => b.version - a.version);
  }
}
