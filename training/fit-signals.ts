// `npm run fit:signals`: fits the offline sentiment model (src/rules/signals-model.ts) and writes its weights into
// src/rules/signals-weights.ts and the default thresholds into src/rules/signal-thresholds.ts. Deterministic: the
// same data gives the same files (fixed shuffling seed, no clock in the output).
//
// Fit on: IndoNLU SmSA train and EmoT train (training/indonlu/, Apache-2.0) and the chat messages written for Jawab
// in training/chat/sentiment.jsonl. Thresholds tuned on test/eval/classifier-tune.jsonl. Never read here: the SmSA
// validation split and test/eval/classifier-test.jsonl, on which `npm run eval -- --classifier` reports.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSet } from '../src/eval/classifier-eval.js';
import { normalize } from '../src/rules/normalize.js';
import { signalFeatures } from '../src/rules/signal-features.js';
import { headOf, MOODS, moodsOf, type SignalsModelData, type StoredHead } from '../src/rules/signals-model.js';
import { bestThreshold } from '../src/eval/threshold.js';

const at = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

interface Example {
  features: string[];
  label: number;
  weight: number;
}

/** Chat messages are few and in the domain the model serves: each counts this many times a review or a tweet. */
const CHAT_WEIGHT = 4;
const EPOCHS = 12;
const LEARNING_RATE = 0.3;
const L2 = 1e-5;
/** A feature must occur in this many training texts to get a weight. */
const MIN_COUNT = 2;
/** Weights this close to 0 are dropped from the shipped file (they change no decision). */
const PRUNE = 0.02;
/** The precision a mood's default threshold must reach on the tuning split. */
const MIN_PRECISION = 0.85;

function smsa(split: string): Array<[string, string]> {
  return readFileSync(at(`training/indonlu/smsa/${split}_preprocess.tsv`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const tab = line.lastIndexOf('\t');
      return [line.slice(0, tab), line.slice(tab + 1).trim()];
    });
}

/** EmoT rows: `label,tweet`, the tweet quoted when it holds a comma. */
function emot(split: string): Array<[string, string]> {
  return readFileSync(at(`training/indonlu/emot/${split}_preprocess.csv`), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const comma = line.indexOf(',');
      const tweet = line.slice(comma + 1);
      return [tweet.startsWith('"') ? tweet.slice(1, -1).replace(/""/g, '"') : tweet, line.slice(0, comma)];
    });
}

function chat(): Array<[string, string]> {
  return readFileSync(at('training/chat/sentiment.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const row = JSON.parse(line) as { text: string; sentiment: string };
      return [row.text, row.sentiment];
    });
}

/** A small deterministic generator (mulberry32), for the order examples are visited in. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Softmax regression by stochastic gradient descent with AdaGrad steps and L2, over the features seen often enough. */
function fitHead(classes: string[], examples: Example[]): StoredHead {
  const seen = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.features)) seen.set(f, (seen.get(f) ?? 0) + 1);
  const index = new Map([...seen].filter(([, n]) => n >= MIN_COUNT).map(([f], i) => [f, i]));
  const k = classes.length;
  const w = new Float64Array((index.size + 1) * k);
  const g2 = new Float64Array(w.length).fill(1e-8);
  const biasAt = index.size * k;
  const next = random(12);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const e = examples[i]!;
      const rows = e.features.flatMap((f) => (index.has(f) ? [index.get(f)! * k] : []));
      const scores = Array.from({ length: k }, (_, c) => w[biasAt + c]! + rows.reduce((sum, r) => sum + w[r + c]!, 0));
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const total = exps.reduce((a, b) => a + b, 0);
      for (let c = 0; c < k; c++) {
        const gradient = e.weight * (exps[c]! / total - (c === e.label ? 1 : 0));
        for (const r of [...rows, biasAt]) {
          const g = gradient + L2 * w[r + c]!;
          g2[r + c]! += g * g;
          w[r + c]! -= (LEARNING_RATE * g) / Math.sqrt(g2[r + c]!);
        }
      }
    }
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const features: string[] = [];
  const weights: number[] = [];
  for (const [f, i] of [...index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const row = Array.from({ length: k }, (_, c) => round(w[i * k + c]!));
    if (row.some((x) => Math.abs(x) >= PRUNE) && !f.includes('\n')) {
      features.push(f);
      weights.push(...row);
    }
  }
  return { classes, bias: Array.from({ length: k }, (_, c) => round(w[biasAt + c]!)), features: features.join('\n'), weights };
}

function examplesOf(rows: Array<[string, string]>, label: (raw: string) => string | undefined, classes: string[], weight: number): Example[] {
  return rows.flatMap(([text, raw]) => {
    const name = label(raw);
    return name === undefined ? [] : [{ features: signalFeatures(text), label: classes.indexOf(name), weight }];
  });
}

const POLARITY = ['negative', 'neutral', 'positive'];
const EMOTION = ['anger', 'sadness'];
const chatPolarity = (s: string) => (s === 'frustrated' || s === 'sad' ? 'negative' : s === 'happy' ? 'positive' : 'neutral');
const chatEmotion = (s: string) => (s === 'frustrated' ? 'anger' : s === 'sad' ? 'sadness' : undefined);
const emotEmotion = (s: string) => (s === 'anger' || s === 'sadness' ? s : undefined);

const chatRows = chat();
const stored = {
  fittedOn: ['training/indonlu/smsa/train_preprocess.tsv', 'training/indonlu/emot/train_preprocess.csv', 'training/chat/sentiment.jsonl'],
  polarity: fitHead(POLARITY, [...examplesOf(smsa('train'), (s) => s, POLARITY, 1), ...examplesOf(chatRows, chatPolarity, POLARITY, CHAT_WEIGHT)]),
  emotion: fitHead(EMOTION, [...examplesOf(emot('train'), emotEmotion, EMOTION, 1), ...examplesOf(chatRows, chatEmotion, EMOTION, CHAT_WEIGHT)]),
};
const model: SignalsModelData = { fittedOn: stored.fittedOn, polarity: headOf(stored.polarity), emotion: headOf(stored.emotion) };

const json = JSON.stringify(stored);
writeFileSync(
  at('src/rules/signals-weights.ts'),
  `// Written by \`npm run fit:signals\` (training/fit-signals.ts); do not edit. The weights of signals-model.ts as JSON.\n` +
    `export const SIGNALS_WEIGHTS = ${JSON.stringify(json)};\n`,
);

// Thresholds: per mood, the one with the best F1 on the tuning split among those with a precision of MIN_PRECISION
// there: a rule acting on a calm customer's "mood" (a handoff, a label) does more harm than one that misses a mood.
const tune = loadSet(at('test/eval/classifier-tune.jsonl'));
const scored = tune.map((e) => ({ moods: moodsOf(e.text, normalize(e.text), model), sentiment: e.sentiment }));
const thresholds = Object.fromEntries(MOODS.map((mood) => [mood, bestThreshold(scored.map((s) => ({ score: s.moods[mood], positive: s.sentiment === mood })), MIN_PRECISION)]));
writeFileSync(
  at('src/rules/signal-thresholds.ts'),
  `// Written by \`npm run fit:signals\` (training/fit-signals.ts); do not edit. Per mood, the threshold with the best F1\n` +
    `// on test/eval/classifier-tune.jsonl: the default of a profile's \`sentimentThresholds\`.\n` +
    `export const TUNED_THRESHOLDS = ${JSON.stringify(thresholds)} as const;\n`,
);
process.stdout.write(
  `polarity: ${model.polarity.at.size} features, emotion: ${model.emotion.at.size} features, ${(json.length / 1e6).toFixed(2)} MB\n` +
    `thresholds (tuned on test/eval/classifier-tune.jsonl, ${tune.length} messages): ${JSON.stringify(thresholds)}\n`,
);
