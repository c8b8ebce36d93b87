// Counting analytics at any size: two Jawab servers answer the same webhooks at the same rate, one with an empty
// analytics store, one with a store at its bound (90 days × 5 inboxes, each day with 500 first-reply times and 200
// unanswered questions of 200 characters, as DATA_DIR/analytics/<day>.json), measured in turns. Ack latency and the CPU
// per message (from each slice's start until the server is idle after it: the batched analytics write and the
// conversation checkpoint are counted) should not depend on the size of the store.
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayOf } from '../src/analytics/facts.js';
import { type Counters, DAYS_KEPT, FIRST_REPLY_SAMPLES, shiftDay, UNANSWERED_KEPT } from '../src/analytics/report.js';
import { DURATION_S, interleaved, type Load, load } from './load.js';
import { BENCH_ADMIN_TOKEN, startJawab } from './processes.js';
import { startSink } from './sink.js';

const INBOXES = [1, 2, 3, 4, 5];
/**
 * Webhooks per second, each a new customer message answered at once (no reply delay): a rate either server keeps up
 * with, so the ack latency shows the analytics writes' pauses of the event loop, not a queue.
 */
const RATE = 50;
const ROUNDS = 6;
/** Load per server in all, in ROUNDS slices. */
const SECONDS = 3 * DURATION_S;
/** A little over the conversation store's checkpoint interval (5 s), so each slice's checkpoint is counted in it. */
const SETTLE_MS = 5_500;

/** One inbox's day at the bounds of analytics/report.ts. */
function fullDay(seed: number): Counters {
  const question = (i: number) => `question ${seed}-${i}: ${'how long does the delivery take to my island and can I pay at the door '.repeat(3)}`.slice(0, 200);
  return {
    taken: 400 + seed,
    answered: 380,
    resolvedWithoutHuman: 120,
    handoffs: { no_answer: 30, asked_for_human: 12, rule: 4 },
    firstReplySeconds: Array.from({ length: FIRST_REPLY_SAMPLES }, (_, i) => Math.round(((i * 7 + seed) % 900) + 1) / 10),
    unanswered: Object.fromEntries(Array.from({ length: UNANSWERED_KEPT }, (_, i) => [question(i), 1 + (i % 9)])),
    followUps: { sent: 40, replied: 20, resolved: 10, handed_off: 5 },
    failedActions: { assign: 2, add_labels: 1 },
  };
}

/** Every day of a store at its bound, today included: `days[day][inbox]`. */
export function fullDays(today: string): Record<string, Record<string, Counters>> {
  return Object.fromEntries(
    Array.from({ length: DAYS_KEPT }, (_, i) => [shiftDay(today, -i), Object.fromEntries(INBOXES.map((inbox) => [String(inbox), fullDay(i * 10 + inbox)]))]),
  );
}

/** A DATA_DIR whose analytics store is at its bound; its size in bytes. */
async function fullStore(): Promise<{ dataDir: string; bytes: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jawab-bench-analytics-'));
  const dir = join(dataDir, 'analytics');
  await mkdir(dir);
  for (const [day, inboxes] of Object.entries(fullDays(dayOf(Date.now())))) await writeFile(join(dir, `${day}.json`), JSON.stringify({ inboxes }, null, 2));
  let bytes = 0;
  for (const name of await readdir(dir)) bytes += (await stat(join(dir, name))).size;
  return { dataDir, bytes };
}

export async function measureAnalytics(): Promise<string[]> {
  const sink = await startSink();
  const full = await fullStore();
  const servers = { empty: await startJawab(sink.url), full: await startJawab(sink.url, { dataDir: full.dataDir }) };
  for (const server of Object.values(servers)) await load(server.url, { connections: 16, rate: RATE, seconds: 2 }); // warm-up
  const load0 = loadavg()[0]!;
  const [empty, fullLoad] = await interleaved(
    [servers.empty, servers.full].map((server) => ({ server, settleMs: SETTLE_MS })),
    { connections: 16, rate: RATE, seconds: SECONDS, rounds: ROUNDS },
  );
  // The full server counted on top of the full store (had it been refused and moved aside, this compared nothing).
  const report = await fetch(`${servers.full.url}/api/analytics?days=${DAYS_KEPT}&inbox=1`, { headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` } });
  const taken = ((await report.json()) as { totals: { taken: number } }).totals.taken;
  if (taken < DAYS_KEPT * fullDay(0).taken) throw new Error(`the full analytics store was not read: inbox 1 took ${taken} conversations in ${DAYS_KEPT} days`);
  for (const server of Object.values(servers)) {
    await server.stop();
    await rm(server.dataDir, { recursive: true, force: true });
  }
  await sink.close();
  const perMessage = (l: Load) => l.cpuMsPerRequest!;
  const row = (name: string, l: Load, base: Load) =>
    `| ${name} | ${l.rps.toFixed(0)} | ${l.p50} | ${l.p99} | ${(l.p99 / base.p99).toFixed(2)} | ${perMessage(l).toFixed(2)} | ${(perMessage(l) / perMessage(base)).toFixed(2)} | ${l.non2xx + l.errors} |`;
  return [
    '| analytics store | webhooks/s | ack p50 ms | ack p99 ms | p99 × empty | CPU ms per message | × empty | failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('empty', empty!, empty!),
    row(`full: ${DAYS_KEPT} days × ${INBOXES.length} inboxes, ${(full.bytes / 2 ** 20).toFixed(1)} MiB`, fullLoad!, empty!),
    '',
    `With a full store, ack p99 **${(fullLoad!.p99 / empty!.p99).toFixed(2)}×** and CPU per message **${(perMessage(fullLoad!) / perMessage(empty!)).toFixed(2)}×** the empty store's (target ≤ 1.1× each). ` +
      `${RATE} webhooks/s, each answered (16 connections), ${ROUNDS} slices of ${SECONDS / ROUNDS} s per server taken in turns; load average ${load0.toFixed(1)} at the start.`,
  ];
}
