// REDIS_URL: refused with one clear line when it cannot work, and a replica that cannot reach Redis does not start.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { freePort, startJawabProcess } from '../helpers/child.js';

const CHATWOOT = { CHATWOOT_URL: 'http://127.0.0.1:9', CHATWOOT_BOT_TOKEN: 'bot', CHATWOOT_API_TOKEN: 'user', CHATWOOT_WEBHOOK_SECRET: 'secret' };
const ADMIN_TOKEN = 'an-admin-token-0123456789';

describe('REDIS_URL', () => {
  it('selects the Redis backend with its prefix', () => {
    expect(loadConfig({ ...CHATWOOT, ADMIN_TOKEN, REDIS_URL: 'redis://10.0.0.5:6379/2' }).redis).toEqual({ url: 'redis://10.0.0.5:6379/2', prefix: 'jawab' });
    expect(loadConfig({ ...CHATWOOT, ADMIN_TOKEN, REDIS_URL: 'rediss://cache:6380', REDIS_PREFIX: 'shop-1' }).redis?.prefix).toBe('shop-1');
    expect(loadConfig({ ...CHATWOOT }).redis).toBeUndefined();
  });

  it.each([
    [{ ...CHATWOOT, ADMIN_TOKEN, REDIS_URL: 'http://10.0.0.5:6379' }, 'configuration error: REDIS_URL must be a redis:// or rediss:// URL'],
    [{ ...CHATWOOT, ADMIN_TOKEN, REDIS_URL: 'redis://x:1', REDIS_PREFIX: 'a:b' }, 'configuration error: REDIS_PREFIX must be letters, digits, - or _ (at most 40)'],
    [{ ADMIN_TOKEN, REDIS_URL: 'redis://10.0.0.5:6379' }, 'configuration error: REDIS_URL needs CHATWOOT_URL (the built-in sandbox helpdesk lives inside one process)'],
    [{ ...CHATWOOT, REDIS_URL: 'redis://10.0.0.5:6379' }, 'configuration error: ADMIN_TOKEN is required with REDIS_URL, so every replica accepts the same token'],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('stops the start with a clear message, without the password, when Redis cannot be reached', async () => {
    const port = await freePort(); // nothing listens there
    const dataDir = await mkdtemp(join(tmpdir(), 'jawab-redis-env-'));
    const start = startJawabProcess({ ...CHATWOOT, ADMIN_TOKEN, DATA_DIR: dataDir, REDIS_URL: `redis://:hunter2@127.0.0.1:${port}` }, await freePort());
    const error = await start.then(() => undefined, (e: unknown) => String(e));
    await rm(dataDir, { recursive: true, force: true });
    expect(error).toContain(`Jawab could not start: Redis at redis://:***@127.0.0.1:${port} is not reachable`);
    expect(error).not.toContain('hunter2');
  });
});
