// The offline signals model (src/rules/signals-model.ts): how long a fresh process takes to load it (import and parse
// the weights, first message classified) against one that loads only the word lists, and the time per message of the
// whole offline classifier (model, example phrases, word lists, contact patterns) against the word lists alone, on
// the chat messages of test/eval/. Run on the compiled server (dist/), as production runs it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile } from './percentile.js';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const SETS = ['classifier-tune.jsonl', 'classifier-test.jsonl'].map((name) => fileURLToPath(new URL(`../test/eval/${name}`, import.meta.url)));
const STARTS = 5;
const ROUNDS = 20;

/** Milliseconds from the start of `script` (an ES module body, imports included) in STARTS fresh processes, sorted. */
function startTimes(script: string): number[] {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `const t0 = performance.now();\n${script}\nprocess.stdout.write(String(performance.now() - t0));`], { cwd: DIST, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`bench signals: ${run.stderr}`);
    times.push(Number(run.stdout));
  }
  return times.sort((a, b) => a - b);
}

/** Per-message times (ms) of `classify` over the sets' messages, ROUNDS times each, after one warm-up round. */
const perMessage = `
const { readFileSync } = await import('node:fs');
const texts = ${JSON.stringify(SETS)}.flatMap((p) => readFileSync(p, 'utf8').split('\\n').filter(Boolean).map((l) => JSON.parse(l).text));
const times = [];
for (let round = 0; round <= ${ROUNDS}; round++) for (const text of texts) {
  const t = performance.now();
  classify(text);
  if (round > 0) times.push(performance.now() - t);
}
process.stdout.write(JSON.stringify(times));
`;

function messageTimes(prelude: string): number[] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `${prelude}\n${perMessage}`], { cwd: DIST, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (run.status !== 0) throw new Error(`bench signals: ${run.stderr}`);
  return JSON.parse(run.stdout) as number[];
}

// Dynamic imports, so the clock started before them counts them (static imports run before the module body).
const WORD_LISTS = `
const { TOPIC_PATTERNS, WANT_PATTERNS } = await import('./rules/lexicon.js');
const { normalize } = await import('./rules/normalize.js');
const patterns = [...Object.values(WANT_PATTERNS), ...Object.values(TOPIC_PATTERNS)].flat();
const classify = (text) => { const n = normalize(text); return patterns.filter((p) => p.test(n)); };`;
const OFFLINE = `
const { classifyOffline } = await import('./rules/offline-classifier.js');
const classify = (text) => classifyOffline({ texts: [text], custom: ['change my delivery address, ganti alamat pengiriman, kirim ke alamat lain'] });`;

export async function measureSignals(): Promise<string[]> {
  const lists = startTimes(`${WORD_LISTS}\nclassify('min udh 3 hari ga dibales');`);
  const model = startTimes(`${OFFLINE}\nclassify('min udh 3 hari ga dibales');`);
  const listTimes = messageTimes(WORD_LISTS);
  const modelTimes = messageTimes(OFFLINE);
  const ms = (x: number) => x.toFixed(3);
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
  return [
    '| fresh process, import to first message classified | best ms | median ms |',
    '| --- | ---: | ---: |',
    `| word lists only (baseline) | ${lists[0]!.toFixed(0)} | ${median(lists).toFixed(0)} |`,
    `| offline classifier with the signals model | ${model[0]!.toFixed(0)} | ${median(model).toFixed(0)} |`,
    '',
    `| per message (${modelTimes.length / ROUNDS} chat messages × ${ROUNDS}) | p50 ms | p99 ms | mean ms |`,
    '| --- | ---: | ---: | ---: |',
    `| word lists only (baseline) | ${ms(percentile(listTimes, 0.5))} | ${ms(percentile(listTimes, 0.99))} | ${ms(listTimes.reduce((a, b) => a + b, 0) / listTimes.length)} |`,
    `| offline classifier: model, example phrases, word lists, contact patterns, one custom intent | ${ms(percentile(modelTimes, 0.5))} | ${ms(percentile(modelTimes, 0.99))} | ${ms(modelTimes.reduce((a, b) => a + b, 0) / modelTimes.length)} |`,
    '',
    `The model loads in **${median(model).toFixed(0)} ms** (median of ${STARTS} fresh processes; ${(median(model) - median(lists)).toFixed(0)} ms more than the word lists alone; target < 1 s) ` +
      `and classifies a message in **${ms(percentile(modelTimes, 0.5))} ms** at p50, ${ms(percentile(modelTimes, 0.99))} ms at p99 (target < 1 ms), ` +
      `${(percentile(modelTimes, 0.5) / Math.max(percentile(listTimes, 0.5), 1e-6)).toFixed(0)}× the word lists alone.`,
  ];
}
