// Settings shared by every replica: the current settings under one Redis key, and a change announced on a channel of
// the same name, so a PUT /api/settings on one replica applies on all of them at once. Each replica keeps a copy in
// its settings.json (what it starts from when Redis has none yet: the first replica's settings become the shared ones).
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
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
