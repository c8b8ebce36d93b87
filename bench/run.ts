// npm run bench: intake throughput and acknowledgement latency against a bare Express ceiling, webhook-to-reply
// latency over 1,000 conversations, the size of a conversation's hot file as it grows, the knowledge index at
// 10k and 100k chunks (build rate, query latency, recall against exact search, RSS), hybrid retrieval at 10k and
// 100k chunks, latency while 2,000 articles are indexed and restarts on them, and several replicas on Redis
// (restart with 10,000 active conversations, webhooks/s with one and two replicas), ack latency and CPU per message
// with a full analytics store against an empty one, the cold start of the compiled server and of `npm start`, and a
// start with 300,000 stored conversations against 1,000. Prints Markdown tables.
import { cpus, totalmem } from 'node:os';
import { BENCH_SECRET, type Served, startBare, startJawab } from './processes.js';
import { startSink } from './sink.js';
import { measureHotFile } from './hot-file.js';
import { measureKnowledgeIndex } from './knowledge-index.js';
import { measureIndexing } from './indexing.js';
import { measureRetrieve } from './retrieve.js';
import { signedWebhook } from './webhooks.js';
import { DURATION_S, interleaved, type Load, load } from './load.js';
import { replicas } from './replicas.js';
import { measureAnalytics } from './analytics.js';
import { measureColdStart } from './cold-start.js';
import { measureStoredConversations } from './stored-conversations.js';
import { measureSignals } from './signals.js';

const CONVERSATIONS = 1000;
/** The intake's servers are measured in this many turns each. */
const ROUNDS = 2;
/** A little over the conversation store's checkpoint interval. */
const CHECKPOINT_WAIT_MS = 5_500;

async function intake(): Promise<string[]> {
  const sink = await startSink();
  const rows: string[] = [];
  // All three servers run at once and are measured in turns (see `interleaved`): on a machine shared with other work,
  // the ceiling alone moved by a third between sequential runs, which no ratio of such runs survives.
  const bare = await startBare();
  const jawab = await startJawab(sink.url);
  // The same intake with the global switch off: every event is still verified, journaled, folded into its
  // conversation and written, but no turn runs, so this is the acknowledging path without the replies' work.
  const quiet = await startJawab(sink.url, { replying: false });
  for (const server of [bare, jawab, quiet]) await load(server.url, { connections: 16, seconds: 2 }); // warm-up
  // After a Jawab slice, its next checkpoint (every 5 s) runs before the next slice, so it is not counted against
  // another server; those checkpoints are then counted in no slice (see BENCHMARKS.md, "Reading these numbers").
  const turns = (...servers: Served[]) => servers.map((server) => ({ server, settleMs: server === bare ? 0 : CHECKPOINT_WAIT_MS }));
  const [bareMax, jawabMax, quietMax] = await interleaved(turns(bare, jawab, quiet), { connections: 16, seconds: DURATION_S, rounds: ROUNDS });
  const [bare500, jawab500] = await interleaved(turns(bare, jawab), { connections: 16, rate: 500, seconds: DURATION_S, rounds: ROUNDS });
  for (const server of [bare, jawab, quiet]) await server.stop();
  await sink.close();
  const row = (name: string, l: Load) => `| ${name} | ${l.rps.toFixed(0)} | ${l.p50} | ${l.p99} | ${l.non2xx + l.errors} |`;
  rows.push('| server (16 connections) | requests/s | p50 ms | p99 ms | failed |', '| --- | ---: | ---: | ---: | ---: |');
  rows.push(row('bare Express, as fast as it goes', bareMax!), row('Jawab intake, as fast as it goes (each webhook answered)', jawabMax!));
  rows.push(row('Jawab intake, as fast as it goes, replies switched off', quietMax!));
  rows.push(row('bare Express at 500 requests/s', bare500!), row('Jawab intake at 500 requests/s', jawab500!));
  const pct = (l: Load) => ((100 * l.rps) / bareMax!.rps).toFixed(0);
  rows.push(
    '',
    `Jawab sustains **${pct(jawabMax!)}%** of the bare-Express rate while answering every webhook, **${pct(quietMax!)}%** with replies off (target ≥ 50%); ` +
      `p99 acknowledgement at 500 requests/s, each answered: **${jawab500!.p99} ms** (target ≤ 25 ms). ` +
      `Each row: ${ROUNDS} slices of ${DURATION_S / ROUNDS} s, taken in turns with the other servers of its table part.`,
  );
  return rows;
}

async function replyLatency(): Promise<string[]> {
  const sink = await startSink();
  const jawab = await startJawab(sink.url);
  const sent = new Map<number, number>();
  // Warm-up on other conversations (connections, JIT), then 1,000 conversations, one message each,
  // a webhook every 10 ms (100 per second).
  for (let id = 100_001; id <= 100_100; id++) {
    const { body, headers } = signedWebhook(BENCH_SECRET, id);
    await fetch(`${jawab.url}/webhooks/chatwoot`, { method: 'POST', headers, body });
  }
  await new Promise((r) => setTimeout(r, 500));
  const start = performance.now();
  for (let id = 1; id <= CONVERSATIONS; id++) {
    const due = start + (id - 1) * 10;
    if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
    const { body, headers } = signedWebhook(BENCH_SECRET, id);
    sent.set(id, performance.timeOrigin + performance.now());
    void fetch(`${jawab.url}/webhooks/chatwoot`, { method: 'POST', headers, body });
  }
  const deadline = Date.now() + 60_000;
  const allReplied = () => [...sent.keys()].every((id) => sink.replies.has(id));
  while (!allReplied() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await jawab.stop();
  await sink.close();
  const latencies = [...sent].filter(([id]) => id <= CONVERSATIONS).flatMap(([id, at]) => (sink.replies.has(id) ? [sink.replies.get(id)! - at] : [])).sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  return [
    '| conversations | replies received | p50 ms | p99 ms | max ms |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${CONVERSATIONS} | ${latencies.length} | ${pct(50)} | ${pct(99)} | ${latencies.at(-1)!.toFixed(1)} |`,
    '',
    `Webhook to reply POST p99: **${pct(99)} ms** (target ≤ 100 ms), offline answerer, no reply delay, 100 webhooks/s.`,
  ];
}

/** Each section's heading and its run; `npx tsx bench/run.ts intake` runs one alone (after `npm run build`). */
const SECTIONS: Record<string, [string, () => Promise<string[]>]> = {
  intake: ['Intake: signed webhooks on loopback', intake],
  reply: ['Webhook to reply', replyLatency],
  'hot-file': ['Hot file size as one conversation grows', measureHotFile],
  knowledge: ['Knowledge index: HNSW over offline embeddings', measureKnowledgeIndex],
  retrieve: ['Hybrid retrieval at 10k and 100k chunks', measureRetrieve],
  indexing: ['Latency while the knowledge is indexed, and restarts', measureIndexing],
  replicas: ['Several replicas on Redis', replicas],
  analytics: ['Analytics: a full store against an empty one', measureAnalytics],
  start: ['Cold start', measureColdStart],
  conversations: ['A start with 300,000 stored conversations', measureStoredConversations],
  signals: ['Offline signals model: load and classify', measureSignals],
};

async function main(): Promise<void> {
  const chosen = process.argv.slice(2);
  const unknown = chosen.filter((name) => !(name in SECTIONS));
  if (unknown.length) throw new Error(`unknown section ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const command = chosen.length ? `npm run build && npx tsx bench/run.ts ${chosen.join(' ')}` : 'npm run bench';
  console.log(`# Benchmarks\n\nMachine: ${machine}. Command: \`${command}\` (${DURATION_S} s per load run).\n`);
  for (const [name, [heading, run]] of Object.entries(SECTIONS)) {
    if (chosen.length && !chosen.includes(name)) continue;
    console.log(`## ${heading}\n`);
    console.log((await run()).join('\n'));
    console.log('');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
