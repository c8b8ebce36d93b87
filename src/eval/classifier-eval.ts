// Measures the offline classifier on a labelled set (JSON lines: text, wants, asksAbout, sentiment): precision,
// recall and F1 per condition. `npm run eval -- --classifier` prints it (src/eval/cli.ts) on data the model, the word
// lists and the thresholds were not fit or tuned on: the chat test split (test/eval/classifier-test.jsonl), the
// IndoNLU SmSA validation split (negative against the rest) and a custom intent's paraphrases
// (test/eval/custom-intent.json). The tuning split is test/eval/classifier-tune.jsonl.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SENTIMENTS, type SentimentThresholds, sentimentThresholdsSchema, TOPICS, WANTS } from '../config/settings-rules.js';
import { classifyOffline } from '../rules/offline-classifier.js';
import { signalFeatures } from '../rules/signal-features.js';
import { probabilities, signalsModel } from '../rules/signals-model.js';
import { shows } from '../rules/signals.js';

const example = z.object({
  text: z.string().min(1),
  wants: z.array(z.enum(WANTS)),
  asksAbout: z.array(z.enum(TOPICS)),
  sentiment: z.enum(SENTIMENTS),
});
export type Example = z.infer<typeof example>;

export interface Score {
  condition: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function score(condition: string, { tp, fp, fn }: Counts): Score {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { condition, support: tp + fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

function tally(counts: Counts, expected: boolean, predicted: boolean): void {
  if (expected && predicted) counts.tp++;
  else if (predicted) counts.fp++;
  else if (expected) counts.fn++;
}

export function loadSet(path: string): Example[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), i }))
    .filter(({ line }) => line)
    .map(({ line, i }) => {
      const parsed = example.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

/** Precision and recall of every condition: each intent, topic and sentiment read as a yes/no label per example. */
export function evaluate(set: Example[], thresholds: SentimentThresholds = sentimentThresholdsSchema.parse({})): Score[] {
  const counts = new Map<string, Counts>();
  const count = (condition: string, expected: boolean, predicted: boolean) => {
    const c = counts.get(condition) ?? { tp: 0, fp: 0, fn: 0 };
    tally(c, expected, predicted);
    counts.set(condition, c);
  };
  for (const e of set) {
    const got = classifyOffline({ texts: [e.text], custom: [] });
    for (const w of WANTS.filter((w) => w !== 'custom')) count(`wants ${w}`, e.wants.includes(w), got.wants.includes(w as never));
    for (const t of TOPICS.filter((t) => t !== 'custom')) count(`asks about ${t}`, e.asksAbout.includes(t), got.asksAbout.includes(t as never));
    for (const s of SENTIMENTS) count(`sentiment ${s}`, e.sentiment === s, shows(got, thresholds, s));
  }
  return [...counts].map(([condition, c]) => score(condition, c));
}

/**
 * IndoNLU SmSA (TSV: text, label): negative against the rest, as the model's polarity reads it (its likeliest class)
 * and as the rules do (`frustrated` or `sad` at the default thresholds).
 */
export function evaluateSmsa(path: string, thresholds: SentimentThresholds = sentimentThresholdsSchema.parse({})): Score[] {
  const model = { polarity: { tp: 0, fp: 0, fn: 0 }, rules: { tp: 0, fp: 0, fn: 0 } };
  for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean)) {
    const tab = line.lastIndexOf('\t');
    const text = line.slice(0, tab);
    const negative = line.slice(tab + 1).trim() === 'negative';
    const p = probabilities(signalsModel().polarity, signalFeatures(text));
    tally(model.polarity, negative, p['negative']! >= Math.max(p['neutral']!, p['positive']!));
    const got = classifyOffline({ texts: [text], custom: [] });
    tally(model.rules, negative, shows(got, thresholds, 'frustrated') || shows(got, thresholds, 'sad'));
  }
  return [score('negative (model polarity)', model.polarity), score('frustrated or sad (rules)', model.rules)];
}

const customSet = z.object({ custom: z.string().min(1), paraphrases: z.array(z.string().min(1)), others: z.array(z.string().min(1)) });

/** A custom intent's example phrases against paraphrases of them and messages that are not it. */
export function evaluateCustom(path: string): Score {
  const set = customSet.parse(JSON.parse(readFileSync(path, 'utf8')));
  const counts = { tp: 0, fp: 0, fn: 0 };
  const matches = (text: string) => classifyOffline({ texts: [text], custom: [set.custom] }).custom.length > 0;
  for (const text of set.paraphrases) tally(counts, true, matches(text));
  for (const text of set.others) tally(counts, false, matches(text));
  return score('custom intent (5 example phrases)', counts);
}

/** The scores as a table, with the macro average last. */
export function classifierTable(scores: Score[]): string {
  const row = (condition: string, support: string, precision: string, recall: string, f1: string) =>
    `${condition.padEnd(30)} ${support.padStart(7)} ${precision.padStart(9)} ${recall.padStart(7)} ${f1.padStart(5)}`;
  const macro = (k: 'precision' | 'recall' | 'f1') => (scores.reduce((sum, s) => sum + s[k], 0) / scores.length).toFixed(2);
  return [
    row('condition', 'support', 'precision', 'recall', 'F1'),
    ...scores.map((s) => row(s.condition, String(s.support), s.precision.toFixed(2), s.recall.toFixed(2), s.f1.toFixed(2))),
    ...(scores.length > 1 ? [row('macro average', '', macro('precision'), macro('recall'), macro('f1'))] : []),
  ].join('\n');
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const inRepo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
export const CHAT_TEST_SET = inRepo('test/eval/classifier-test.jsonl');
export const SMSA_VALIDATION = inRepo('training/indonlu/smsa/valid_preprocess.tsv');
export const CUSTOM_INTENT_SET = inRepo('test/eval/custom-intent.json');

/** What `npm run eval -- --classifier` prints: the offline classifier on data it was not fit or tuned on. */
export function outOfSampleReport(): string {
  const chat = loadSet(CHAT_TEST_SET);
  return [
    'Offline classifier, out of sample: the sentiment model was fit on the IndoNLU SmSA and EmoT train splits and training/chat/sentiment.jsonl; ' +
      'the mood and example-phrase thresholds were tuned on test/eval/classifier-tune.jsonl and test/eval/custom-intent-tune.json. None of the sets below was used for either.',
    `Chat test split: ${chat.length} labelled messages (${relative(REPO, CHAT_TEST_SET)})\n\n${classifierTable(evaluate(chat))}`,
    `IndoNLU SmSA validation split, negative against the rest (${relative(REPO, SMSA_VALIDATION)})\n\n${classifierTable(evaluateSmsa(SMSA_VALIDATION))}`,
    `A custom intent by 5 example phrases against 20 paraphrases and 20 other messages (${relative(REPO, CUSTOM_INTENT_SET)})\n\n${classifierTable([evaluateCustom(CUSTOM_INTENT_SET)])}`,
  ].join('\n\n');
}
