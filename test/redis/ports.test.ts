// The Redis ports on a real Redis, two instances standing for two replicas: a timer fires once and survives a
// restart, a conversation lock excludes the other replica, a delivery id is claimed once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Mutex } from 'redis-semaphore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueuedEvent } from '../../src/store/ports.js';
import { Intake } from '../../src/intake/intake.js';
import { silentLogger } from '../../src/log.js';
import { DEFAULT_JOB_TIMING, type JobsConnection } from '../../src/redis/jobs.js';
import { LimitersOnRedis } from '../../src/redis/limiters.js';
import { RedisLocks } from '../../src/redis/redis-locks.js';
import { RedisSeenKeys, STORING_TTL_MS } from '../../src/redis/redis-seen-keys.js';
import { RedisWakeUps } from '../../src/redis/redis-wake-ups.js';
import { shareSettings } from '../../src/redis/shared-settings.js';
import { SettingsStore } from '../../src/store/settings-store.js';
import { customerMessage } from '../helpers/payloads.js';
import { dropPrefix, redisForTests, TEST_REDIS_URL, testPrefix } from '../helpers/redis.js';

const runs = await redisForTests('the Redis ports');

let prefix: string;
const clients: Redis[] = [];
const stops: Array<() => Promise<void>> = [];

function client(options: { blocking?: boolean } = {}): Redis {
  const redis = new Redis(TEST_REDIS_URL, options.blocking ? { maxRetriesPerRequest: null } : {});
  clients.push(redis);
  return redis;
}

const jobs = (): JobsConnection => ({
  redis: client(),
  workers: client({ blocking: true }),
  prefix,
  timing: DEFAULT_JOB_TIMING,
  log: silentLogger,
  onError: () => undefined,
});

/** A replica's wake-ups, recording the keys it was woken for. */
function wakeUps(woken: string[]): RedisWakeUps {
  const wakeUps = new RedisWakeUps(jobs(), async (key) => void woken.push(key));
  stops.push(() => wakeUps.stop());
  return wakeUps;
}

const until = async (condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

beforeEach(() => {
  prefix = testPrefix();
});

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  for (const redis of clients.splice(0)) redis.disconnect();
  await dropPrefix(prefix);
});

describe.skipIf(!runs)('Redis wake-ups (BullMQ delayed jobs)', () => {
  it('fires a timer set by two replicas once, on one of them', async () => {
    const onA: string[] = [];
    const onB: string[] = [];
    const [a, b] = [wakeUps(onA), wakeUps(onB)];
    const at = Date.now() + 300;
    await Promise.all([a.set('3-42', at), b.set('3-42', at), a.set('3-43', at + 100)]);
    await until(() => onA.length + onB.length >= 2);
    await new Promise((r) => setTimeout(r, 1_000));
    expect([...onA, ...onB].sort()).toEqual(['3-42', '3-43']);
  });

  it('keeps a timer when every replica stops before it is due, and fires it after a start', async () => {
    const before: string[] = [];
    const first = wakeUps(before);
    await first.set('3-42', Date.now() + 500);
    await stops.pop()!();
    await new Promise((r) => setTimeout(r, 800));
    expect(before).toEqual([]);
    const after: string[] = [];
    wakeUps(after);
    await until(() => after.length === 1);
    expect(after).toEqual(['3-42']);
  });

  it('withdraws a timer it replaced', async () => {
    const woken: string[] = [];
    const a = wakeUps(woken);
    await a.set('3-42', Date.now() + 200);
    await a.set('3-42', Date.now() + 400);
    await a.set('3-43', Date.now() + 200);
    await a.clear('3-43');
    await until(() => woken.length >= 1);
    await new Promise((r) => setTimeout(r, 800));
    expect(woken).toEqual(['3-42']);
  });
});

describe.skipIf(!runs)('Redis conversation locks (redis-semaphore)', () => {
  it('never lets two replicas run tasks of one conversation at once, and runs other conversations alongside', async () => {
    const replicas = [new RedisLocks(client(), prefix, silentLogger), new RedisLocks(client(), prefix, silentLogger)];
    let inside = 0;
    let most = 0;
    const log: string[] = [];
    const task = (name: string) => async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 30));
      log.push(name);
      inside--;
    };
    let otherRan = false;
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => replicas[i % 2]!.run('3-42', task(`t${i}`))),
      replicas[1]!.run('3-99', async () => void (otherRan = true)),
    ]);
    expect(most).toBe(1);
    expect(log).toHaveLength(10);
    expect(otherRan).toBe(true);
  });

  it('frees the lock of a replica that died after its timeout', async () => {
    // What a replica that died while processing leaves behind: the conversation's lock, no longer refreshed.
    await new Mutex(client(), `${prefix}:lock:3-42`, { lockTimeout: 500, refreshInterval: 0 }).acquire();
    const survivor = new RedisLocks(client(), prefix, silentLogger);
    const started = Date.now();
    await survivor.run('3-42', async () => undefined);
    expect(Date.now() - started).toBeGreaterThan(200);
  });
});

describe.skipIf(!runs)('Redis seen keys', () => {
  it('accepts a delivery on one replica only, and again after it was forgotten', async () => {
    const [a, b] = [new RedisSeenKeys(client(), prefix), new RedisSeenKeys(client(), prefix)];
    const claims = await Promise.all([a.claim(['m:1', 'd:x']), b.claim(['m:1', 'd:x']), b.claim(['m:1']), a.claim(['d:x', 'm:2'])]);
    expect(claims.sort()).toEqual(['new', 'storing', 'storing', 'storing']);
    expect(await a.claim(['m:2'])).toBe('new');
    await a.stored(['m:2']);
    expect(await b.claim(['m:2', 'd:y'])).toBe('duplicate');
    await a.forget(['m:1', 'd:x']);
    expect(await b.claim(['m:1', 'd:x'])).toBe('new');
  });

  it('lets a claim whose event was never stored lapse', async () => {
    const [a, b] = [new RedisSeenKeys(client(), prefix), new RedisSeenKeys(client(), prefix)];
    expect(await a.claim(['m:3'])).toBe('new');
    expect(await b.claim(['m:3'])).toBe('storing');
    await new Promise((r) => setTimeout(r, STORING_TTL_MS + 100));
    expect(await b.claim(['m:3'])).toBe('new');
  });
});

describe.skipIf(!runs)('the intake on shared seen keys', () => {
  /** A replica's intake; its queue stores events in `stored`, or never finishes storing one (the replica dies). */
  const intake = (stored?: QueuedEvent[]) =>
    new Intake({
      queue: { push: async (entry) => (stored ? void stored.push(entry) : new Promise<void>(() => undefined)), start: async () => 0, stop: async () => undefined, close: async () => undefined },
      seen: new RedisSeenKeys(client(), prefix),
      allowUnsigned: true,
    });

  it('accepts the retry of a delivery whose replica died while storing it, on another replica', async () => {
    const stored: QueuedEvent[] = [];
    const [dying, other] = [intake(), intake(stored)];
    const body = customerMessage({ id: 71, text: 'hello' });
    void dying.receive(body, 'delivery-71');
    await new Promise((r) => setTimeout(r, 50));
    expect(await other.receive(body, 'delivery-71')).toEqual({ status: 200, result: 'accepted' });
    expect(stored.map((e) => e.deliveryId)).toEqual(['delivery-71']);
    expect(await other.receive(body, 'delivery-71')).toEqual({ status: 200, result: 'duplicate' });
  });

  it('answers a copy that arrives while another replica stores the same delivery as a duplicate, once it is stored', async () => {
    const storedA: QueuedEvent[] = [];
    const storedB: QueuedEvent[] = [];
    const [a, b] = [intake(storedA), intake(storedB)];
    const body = customerMessage({ id: 72, text: 'hello' });
    const results = await Promise.all([a.receive(body, 'delivery-72'), b.receive(body, 'delivery-72'), a.receive(body, 'delivery-72')]);
    expect(results.map((r) => ('result' in r ? r.result : r.code)).sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
    expect(storedA.length + storedB.length).toBe(1);
  });
});

describe.skipIf(!runs)('settings shared through Redis', () => {
  /** Two settings folders, and a replica's settings store on one of them, shared through Redis. */
  const replicas = async () => {
    const dirs = [await mkdtemp(join(tmpdir(), 'jawab-settings-')), await mkdtemp(join(tmpdir(), 'jawab-settings-'))];
    stops.push(async () => {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });
    const replica = async (dir: string) => {
      const settings = await SettingsStore.open(dir);
      const stop = await shareSettings(settings, client(), prefix, silentLogger);
      stops.push(async () => stop());
      return settings;
    };
    return { dirs, replica };
  };

  it('gives a starting replica the shared settings, and applies a change made on one replica on the other', async () => {
    const { dirs, replica } = await replicas();
    const a = await replica(dirs[0]!);
    const changed = { ...a.get(), defaultProfile: { ...a.get().defaultProfile, replyDelaySeconds: 7 } };
    expect(await a.put(changed)).toMatchObject({ ok: true });
    const b = await replica(dirs[1]!);
    expect(b.get().defaultProfile.replyDelaySeconds).toBe(7);
    expect(await b.put({ ...changed, enabled: false })).toMatchObject({ ok: true });
    await until(() => a.get().enabled === false);
    // The replica's own file follows, so a restart without Redis at hand starts from the same settings.
    const deadline = Date.now() + 5_000;
    while ((await SettingsStore.open(dirs[0]!)).get().enabled !== false && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect((await SettingsStore.open(dirs[0]!)).get().enabled).toBe(false);
  });

  it('keeps one history of published versions for every replica, and restores on one what the other published', async () => {
    const { dirs, replica } = await replicas();
    const a = await replica(dirs[0]!);
    const b = await replica(dirs[1]!);
    const base = a.get();
    expect(await a.put({ ...base, defaultProfile: { ...base.defaultProfile, replyDelaySeconds: 7 } }, { via: 'PUT /api/settings', address: '10.0.0.1' })).toMatchObject({ ok: true });
    await until(() => b.get().defaultProfile.replyDelaySeconds === 7);
    expect(await b.put({ ...b.get(), enabled: false }, { via: 'PUT /api/settings', address: '10.0.0.2' })).toMatchObject({ ok: true });
    const listed = (await a.versions()).map((v) => [v.version, v.by.address ?? v.by.via, v.settings.enabled, v.settings.defaultProfile.replyDelaySeconds]);
    expect(listed).toEqual([
      [3, '10.0.0.2', false, 7],
      [2, '10.0.0.1', true, 7],
      [1, 'found at start', true, 3],
    ]);
    expect(await b.versions()).toEqual(await a.versions());
    expect(await a.restore(2, { via: 'restore of version 2' })).toMatchObject({ ok: true });
    await until(() => b.get().enabled === true);
    expect((await b.versions())[0]).toMatchObject({ version: 4, by: { via: 'restore of version 2' } });
  });
});

describe.skipIf(!runs)('rate limits shared through Redis (Bottleneck clustering)', () => {
  it('lets two replicas together use one reservoir per limiter id', async () => {
    const replicas = [new LimitersOnRedis(client(), prefix), new LimitersOnRedis(client(), prefix)];
    stops.push(async () => {
      for (const limiters of replicas) await limiters.close();
    });
    // Three requests per minute for the host: the refill is far beyond the test, so whatever ran, ran from one reservoir.
    const options = { reservoir: 3, reservoirRefreshAmount: 3, reservoirRefreshInterval: 60_000 };
    const limiters = replicas.map((r) => r.factory('chatwoot:chat.example.com', options));
    const other = replicas[1]!.factory('chatwoot:other.example.com', options);
    let ran = 0;
    for (let i = 0; i < 8; i++) void limiters[i % 2]!.schedule(async () => void ran++).catch(() => undefined);
    let otherRan = 0;
    for (let i = 0; i < 3; i++) void other.schedule(async () => void otherRan++);
    await until(() => ran === 3 && otherRan === 3);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(ran).toBe(3);
  });
});
