// Autocannon runs of signed webhooks against a server: new customer messages spread over 1,000 conversations.
// `load` is one run; `interleaved` measures several servers in turns, so that whatever else the machine runs meanwhile
// falls on all of them alike and their ratio means something on a shared machine.
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { BENCH_SECRET, type Served } from './processes.js';
import { signedWebhook } from './webhooks.js';
import { percentile } from './percentile.js';

export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONVERSATIONS = 1000;

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU the server used per request: from the start of each slice until it was idle after it (`interleaved` only). */
  cpuMsPerRequest?: number;
}

interface LoadOptions {
  connections: number;
  rate?: number;
  seconds: number;
}

/** One run's raw result: every response time, so runs can be pooled before percentiles are taken. */
interface Slice {
  requests: number;
  seconds: number;
  latencies: number[];
  non2xx: number;
  errors: number;
}

let sent = 0;

async function slice(url: string, options: LoadOptions): Promise<Slice> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/webhooks/chatwoot`,
        method: 'POST',
        connections: options.connections,
        duration: options.seconds,
        overallRate: options.rate,
        requests: [
          {
            setupRequest: (request) => {
              const { body, headers } = signedWebhook(BENCH_SECRET, (sent++ % CONVERSATIONS) + 1);
              return { ...request, body, headers };
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return { requests: result.requests.total, seconds: result.duration, latencies, non2xx: result.non2xx, errors: result.errors };
}

/** All requests over all the slices' time; p50 and p99 over every response of every slice. */
function pooled(slices: Slice[]): Load {
  const latencies = slices.flatMap((s) => s.latencies);
  const at = (p: number) => Math.round(percentile(latencies, p));
  const sum = (f: (s: Slice) => number) => slices.reduce((total, s) => total + f(s), 0);
  return { rps: sum((s) => s.requests) / sum((s) => s.seconds), p50: at(0.5), p99: at(0.99), non2xx: sum((s) => s.non2xx), errors: sum((s) => s.errors) };
}

export async function load(url: string, options: LoadOptions): Promise<Load> {
  return pooled([await slice(url, options)]);
}

/**
 * Each server in turn for `seconds / rounds`, `rounds` times over: the servers' loads, in the order given. After each
 * slice the server just measured is left to finish what the slice started before the next one is measured, so its
 * work is not counted against the next: `settleMs` covers work on a timer (Jawab's checkpoint every 5 s), then the
 * process must be idle (replies still being answered).
 */
export async function interleaved(servers: Array<{ server: Served; settleMs: number }>, options: LoadOptions & { rounds: number }): Promise<Load[]> {
  const slices = servers.map((): Slice[] => []);
  const cpu = servers.map(() => 0);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, { server, settleMs }] of servers.entries()) {
      const before = await cpuMs(server).catch(() => NaN);
      slices[i]!.push(await slice(server.url, { ...options, seconds: options.seconds / options.rounds }));
      await new Promise((r) => setTimeout(r, settleMs));
      await idle(server);
      cpu[i]! += (await cpuMs(server).catch(() => NaN)) - before;
    }
  }
  return slices.map((s, i) => ({ ...pooled(s), cpuMsPerRequest: cpu[i]! / s.reduce((total, one) => total + one.requests, 0) }));
}

/** The CPU time (user and system) the server's process has used, from /proc (Linux), in ms. */
async function cpuMs(server: Served): Promise<number> {
  const fields = (await readFile(`/proc/${server.child.pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in clock ticks of 10 ms
}

/** Until the process uses less than 10% of a CPU over 200 ms (10 s at most); a 1 s pause where /proc is missing. */
export async function idle(server: Served): Promise<void> {
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  try {
    const deadline = Date.now() + 10_000;
    let before = await cpuMs(server);
    while (Date.now() < deadline) {
      await pause(200);
      const now = await cpuMs(server);
      if (now - before < 20) return;
      before = now;
    }
  } catch {
    await pause(1000);
  }
}
