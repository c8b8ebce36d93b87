// Latency while the knowledge is indexed, against the compiled server (`node dist/main.js`) and the bench's Chatwoot
// stand-in: 2,000 help articles (about 11,600 chunks, bench/help-articles.ts) indexed on a first start, and re-synced
// while it runs (a files source whose 2,000 articles all changed), with webhooks and /healthz requests sent
// throughout at a steady rate. The same probe on the idle server, in the same run, is the baseline. Then restarts on
// the unchanged index: time to /readyz and the bytes written into the index folder, against an empty knowledge folder.
import { readdir, stat } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helpArticles, writeArticles } from './help-articles.js';
import { idle as settled } from './load.js';
import { BENCH_SECRET, type JawabServed, startJawab } from './processes.js';
import { startSink } from './sink.js';
import { signedWebhook } from './webhooks.js';
import { percentile } from './percentile.js';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 2000);
const WEBHOOKS_PER_SECOND = 20;
const HEALTH_EVERY_MS = 100;
const SEARCH_EVERY_MS = 500;
const IDLE_MS = 10_000;
const RESTARTS = 3;
const ADMIN = { authorization: 'Bearer bench-admin-token-00000000' };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Timings {
  acks: number[];
  health: number[];
  searches: number[];
  failed: number;
}

/** Sends webhooks, /healthz and (optionally) admin searches on fixed schedules, not waiting for answers (an open loop). */
function probe(url: string, options: { searches: boolean }): { stop(): Promise<Timings> } {
  const timings: Timings = { acks: [], health: [], searches: [], failed: 0 };
  const inFlight = new Set<Promise<void>>();
  const timed = (list: number[], request: () => Promise<Response>) => {
    const started = performance.now();
    const done = request()
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) timings.failed += 1;
        list.push(performance.now() - started);
      })
      .catch(() => {
        timings.failed += 1;
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };
  let conversation = 0;
  const timers = [
    setInterval(() => {
      const { body, headers } = signedWebhook(BENCH_SECRET, (conversation++ % 500) + 1);
      timed(timings.acks, () => fetch(`${url}/webhooks/chatwoot`, { method: 'POST', headers, body }));
    }, 1000 / WEBHOOKS_PER_SECOND),
    setInterval(() => timed(timings.health, () => fetch(`${url}/healthz`)), HEALTH_EVERY_MS),
  ];
  if (options.searches) {
    timers.push(setInterval(() => timed(timings.searches, () => fetch(`${url}/api/knowledge/default/search?q=how+to+return+a+parcel`, { headers: ADMIN })), SEARCH_EVERY_MS));
  }
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(inFlight);
      return timings;
    },
  };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out');
    await pause(100);
  }
}

function row(name: string, seconds: number, t: Timings, baseline?: Timings): string {
  const cell = (values: number[]) => (values.length === 0 ? '–' : `${percentile(values, 0.5).toFixed(0)} / ${percentile(values, 0.99).toFixed(0)} / ${Math.max(...values).toFixed(0)}`);
  const ratio = baseline === undefined ? '1.00' : (percentile(t.acks, 0.99) / percentile(baseline.acks, 0.99)).toFixed(2);
  const over = [...t.acks, ...t.health].filter((ms) => ms > 1000).length;
  return `| ${name} | ${seconds.toFixed(1)} | ${t.acks.length} | ${cell(t.acks)} | ${ratio} | ${cell(t.health)} | ${cell(t.searches)} | ${over} | ${t.failed} |`;
}

/** path -> size and modification time of every file under the index folder. */
async function indexFiles(dataDir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else {
        const info = await stat(path, { bigint: true });
        files.set(path, `${info.size}:${info.mtimeNs}:${info.ino}`);
      }
    }
  };
  await walk(join(dataDir, 'index'));
  return files;
}

async function indexBytesWritten(dataDir: string, before: Map<string, string>): Promise<number> {
  let bytes = 0;
  for (const [path, signature] of await indexFiles(dataDir)) if (before.get(path) !== signature) bytes += Number(signature.split(':')[0]);
  return bytes;
}

/** Median time from spawn to /readyz over RESTARTS restarts of `dataDir`, and the index bytes written by each. */
async function restarts(sinkUrl: string, dataDir: string, knowledgeDir: string): Promise<{ readyMs: number; written: number[] }> {
  const times: number[] = [];
  const written: number[] = [];
  for (let i = 0; i < RESTARTS; i++) {
    const before = await indexFiles(dataDir);
    const started = performance.now();
    const jawab = await startJawab(sinkUrl, { dataDir, env: { KNOWLEDGE_DIR: knowledgeDir } });
    times.push(performance.now() - started);
    await jawab.stop();
    written.push(await indexBytesWritten(dataDir, before));
  }
  return { readyMs: percentile(times, 0.5), written };
}

export async function measureIndexing(): Promise<string[]> {
  const sink = await startSink();
  const knowledgeDir = await mkdtemp(join(tmpdir(), 'jawab-bench-articles-'));
  await writeArticles(knowledgeDir, helpArticles(ARTICLES));
  const rows = [
    '| while | seconds | webhooks | ack p50 / p99 / max ms | ack p99 × idle | /healthz p50 / p99 / max ms | admin search p50 / p99 / max ms | requests over 1 s | failed |',
    '| --- | ---: | ---: | --- | ---: | --- | --- | ---: | ---: |',
  ];
  let jawab: JawabServed | undefined;
  try {
    // First start: the server listens at once and indexes the folder (probed until the index is in place), then
    // answers the messages that arrived meanwhile (probed until it is idle again).
    const started = performance.now();
    jawab = await startJawab(sink.url, { env: { KNOWLEDGE_DIR: knowledgeDir }, untilReady: false });
    const url = jawab.url;
    let running = probe(url, { searches: false });
    await until(async () => (await fetch(`${url}/api/knowledge/status`, { headers: ADMIN })).ok);
    const firstSeconds = (performance.now() - started) / 1000;
    const first = await running.stop();
    running = probe(url, { searches: false });
    const backlogStarted = performance.now();
    await until(async () => (await fetch(`${url}/readyz`)).ok);
    await settled(jawab);
    const backlogSeconds = (performance.now() - backlogStarted) / 1000;
    const backlog = await running.stop();
    const chunks = ((await (await fetch(`${url}/api/knowledge/status`, { headers: ADMIN })).json()) as { chunks: number }).chunks;

    running = probe(url, { searches: true });
    await pause(IDLE_MS);
    const idle = await running.stop();

    // A files source with the same articles (a first sync), then all of them changed and synced again.
    const created = await fetch(`${url}/api/knowledge/default/sources`, { method: 'POST', headers: { ...ADMIN, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'files', name: 'Help centre' }) });
    const { id } = (await created.json()) as { id: string };
    const folder = join(jawab.dataDir, 'sources', 'default', id);
    const sync = async (edition: number): Promise<{ seconds: number; timings: Timings }> => {
      await writeArticles(folder, helpArticles(ARTICLES, edition));
      const probing = probe(url, { searches: true });
      const began = performance.now();
      const response = await fetch(`${url}/api/knowledge/default/sources/${id}/sync`, { method: 'POST', headers: ADMIN, signal: AbortSignal.timeout(600_000) });
      if (!response.ok) throw new Error(`sync: ${response.status} ${await response.text()}`);
      const seconds = (performance.now() - began) / 1000;
      return { seconds, timings: await probing.stop() };
    };
    const upload = await sync(1);
    const resync = await sync(2);

    rows.push(
      row('idle (baseline)', IDLE_MS / 1000, idle),
      row(`first start, indexing ${ARTICLES} articles`, firstSeconds, first, idle),
      row(`then answering the ${first.acks.length} messages received while indexing`, backlogSeconds, backlog, idle),
      row(`first sync of a files source of ${ARTICLES} articles`, upload.seconds, upload.timings, idle),
      row(`re-sync of that source, all ${ARTICLES} articles changed`, resync.seconds, resync.timings, idle),
    );
    // Back to the folder's chunks alone for the restarts.
    await fetch(`${url}/api/knowledge/default/sources/${id}`, { method: 'DELETE', headers: ADMIN });
    const dataDir = jawab.dataDir;
    await jawab.stop();
    jawab = undefined;

    const emptyFolder = await mkdtemp(join(tmpdir(), 'jawab-bench-empty-'));
    const empty = await startJawab(sink.url, { env: { KNOWLEDGE_DIR: emptyFolder } });
    await empty.stop();
    const baseline = await restarts(sink.url, empty.dataDir, emptyFolder);
    const full = await restarts(sink.url, dataDir, knowledgeDir);
    rows.push(
      '',
      '| restart | chunks | ready ms (median of 3) | × empty | index bytes written (each restart) |',
      '| --- | ---: | ---: | ---: | --- |',
      `| empty knowledge folder | 0 | ${baseline.readyMs.toFixed(0)} | 1.00 | ${baseline.written.join(', ')} |`,
      `| ${ARTICLES} unchanged articles | ${chunks} | ${full.readyMs.toFixed(0)} | ${(full.readyMs / baseline.readyMs).toFixed(2)} | ${full.written.join(', ')} |`,
      '',
      `Probes: ${WEBHOOKS_PER_SECOND} signed webhooks/s (new customer messages in 500 conversations, each answered once the knowledge is ready), ` +
        `GET /healthz every ${HEALTH_EVERY_MS} ms and, once the knowledge is ready, an admin search every ${SEARCH_EVERY_MS} ms, sent on schedule without waiting for answers. ` +
        'Ready: from spawn to `/readyz` answering 200. Targets: ack p99 and /healthz p99 ≤ 100 ms and none over 1 s while indexing; restart with 11k unchanged chunks ready ≤ 2 s with 0 bytes of index written.',
    );
  } finally {
    await jawab?.stop();
    await sink.close();
  }
  return rows;
}
