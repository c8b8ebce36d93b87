// Several replicas on Redis, against the embedded store measured in the same run:
// - a restart with 10,000 active conversations, each waiting on a reply-delay timer: how long until the restarted
//   process is ready, and its memory (the embedded store reads every active conversation back and re-arms its timer
//   in memory; on Redis the timers are BullMQ jobs and nothing is read);
// - webhooks/s with one replica and with two replicas behind one Redis.
import { readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DURATION_S, type Load, load } from './load.js';
import { BENCH_SECRET, type JawabServed, startJawab } from './processes.js';
import { type RedisServer, startRedisServer } from '../test/helpers/redis-server.js';
import { type Sink, startSink } from './sink.js';
import { signedWebhook } from './webhooks.js';

const ACTIVE = Number(process.env.BENCH_ACTIVE ?? 10_000);
const RESTARTS = 3;
/** Long enough that no timer fires during the measurement. */
const DAY_S = 86_400;

export async function replicas(): Promise<string[]> {
  const redis = await startRedisServer();
  if (!redis) return ['Skipped: `redis-server` is not installed (`apt-get install redis-server`, as `.ci/run` does).'];
  const sink = await startSink();
  try {
    return [...(await restarts(sink, redis)), '', ...(await throughput(sink, redis))];
  } finally {
    await sink.close();
    await redis.stop();
  }
}

interface Restart {
  readyMs: number;
  rssMiB: number;
  redisMiB?: number;
}

async function restarts(sink: Sink, redis: RedisServer): Promise<string[]> {
  const rows = ['| store | active conversations | ready after a restart, ms | × empty | RSS after restart, MiB | Redis data, MiB |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const kind of ['lowdb', 'redis'] as const) {
    const empty = await restart(kind, 0, sink, redis);
    const full = await restart(kind, ACTIVE, sink, redis);
    for (const [count, r] of [[0, empty], [ACTIVE, full]] as const) {
      const ratio = (r.readyMs / empty.readyMs).toFixed(2);
      rows.push(`| ${kind} | ${count} | ${r.readyMs.toFixed(0)} | ${ratio} | ${r.rssMiB.toFixed(0)} | ${r.redisMiB?.toFixed(1) ?? '–'} |`);
    }
  }
  rows.push(
    '',
    `Ready: from the restarted process's spawn to \`/readyz\` answering 200 (the knowledge index is unchanged and loaded in both), ` +
      `the median of ${RESTARTS} restarts; RSS 5 s after that, once resumed work has run. Each conversation has one customer message waiting on a ${DAY_S} s reply delay.`,
  );
  return rows;
}

async function restart(kind: 'lowdb' | 'redis', count: number, sink: Sink, redis: RedisServer): Promise<Restart> {
  const prefix = `bench-restart-${count}`;
  const env: Record<string, string> = kind === 'redis' ? { REDIS_URL: redis.url, REDIS_PREFIX: prefix } : {};
  const first = await startJawab(sink.url, { env, replyDelaySeconds: DAY_S });
  await feed(first.url, count);
  const active = kind === 'redis' ? () => redis.client.scard(`${prefix}:active`) : async () => (await readdir(join(first.dataDir, 'active'))).length;
  await until(async () => (await active()) >= count);
  await first.stop();
  // The median of three restarts on the same data: one start is at the mercy of whatever else the 2 cores do.
  const runs: Restart[] = [];
  for (let i = 0; i < RESTARTS; i++) {
    const started = performance.now();
    const again = await startJawab(sink.url, { env, replyDelaySeconds: DAY_S, dataDir: first.dataDir });
    const readyMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 5_000));
    runs.push({ readyMs, rssMiB: rss(again) });
    await again.stop();
  }
  await rm(first.dataDir, { recursive: true, force: true });
  const median = runs.sort((a, b) => a.readyMs - b.readyMs)[Math.floor(RESTARTS / 2)]!;
  return { ...median, redisMiB: kind === 'redis' ? await redis.usedMiB() : undefined };
}

/** One new customer message in each of `count` conversations, 32 at a time. */
async function feed(url: string, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const { body, headers } = signedWebhook(BENCH_SECRET, 500_000 + next++);
      const response = await fetch(`${url}/webhooks/chatwoot`, { method: 'POST', headers, body });
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

async function throughput(sink: Sink, redis: RedisServer): Promise<string[]> {
  const measure = async (servers: JawabServed[]): Promise<Load> => {
    const connections = 16 / servers.length;
    await Promise.all(servers.map((s) => load(s.url, { connections, seconds: 2 }))); // warm-up
    const loads = await Promise.all(servers.map((s) => load(s.url, { connections, seconds: DURATION_S })));
    for (const s of servers) await s.stop();
    return {
      rps: loads.reduce((sum, l) => sum + l.rps, 0),
      p50: Math.max(...loads.map((l) => l.p50)),
      p99: Math.max(...loads.map((l) => l.p99)),
      non2xx: loads.reduce((sum, l) => sum + l.non2xx, 0),
      errors: loads.reduce((sum, l) => sum + l.errors, 0),
    };
  };
  const onRedis = (prefix: string) => ({ env: { REDIS_URL: redis.url, REDIS_PREFIX: prefix } });
  const embedded = await measure([await startJawab(sink.url)]);
  const one = await measure([await startJawab(sink.url, onRedis('bench-one'))]);
  const two = await measure([await startJawab(sink.url, onRedis('bench-two')), await startJawab(sink.url, onRedis('bench-two'))]);
  const row = (name: string, l: Load) =>
    `| ${name} | ${l.rps.toFixed(0)} | ${(l.rps / embedded.rps).toFixed(2)} | ${l.p50} | ${l.p99} | ${l.non2xx + l.errors} |`;
  return [
    '| webhooks, each answered (16 connections in all) | requests/s | × embedded | p50 ms | p99 ms | failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('one replica, embedded store (lowdb)', embedded),
    row('one replica on Redis', one),
    row('two replicas on one Redis (8 connections each)', two),
  ];
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the conversations were not all stored in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Resident memory of a served process, in MiB (Linux). */
function rss(served: JawabServed): number {
  const status = readFileSync(`/proc/${served.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
