// Measures the offline classifier on a labelled set (JSON lines: text, wants, asksAbout, sentiment): precision and
// recall per condition. `npm run eval` prints it (src/eval/cli.ts); the shipped set is test/eval/classifier-set.jsonl.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SENTIMENTS, TOPICS, WANTS } from '../config/settings-rules.js';
import { classifyOffline } from '../rules/offline-classifier.js';

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
export function evaluate(set: Example[]): Score[] {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (condition: string, expected: boolean, predicted: boolean) => {
    const c = counts.get(condition) ?? { tp: 0, fp: 0, fn: 0 };
    if (expected && predicted) c.tp++;
    else if (predicted) c.fp++;
    else if (expected) c.fn++;
    counts.set(condition, c);
  };
  for (const e of set) {
    const got = classifyOffline({ texts: [e.text], custom: [] });
    for (const w of WANTS.filter((w) => w !== 'custom')) count(`wants ${w}`, e.wants.includes(w), got.wants.includes(w as never));
    for (const t of TOPICS.filter((t) => t !== 'custom')) count(`asks about ${t}`, e.asksAbout.includes(t), got.asksAbout.includes(t as never));
    for (const s of SENTIMENTS) count(`sentiment ${s}`, e.sentiment === s, got.sentiment === s);
  }
  return [...counts].map(([condition, { tp, fp, fn }]) => ({
    condition,
    support: tp + fn,
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
  }));
}

/** The scores as a table, with the macro average last. */
export function classifierTable(scores: Score[]): string {
  const row = (condition: string, support: string, precision: string, recall: string) =>
    `${condition.padEnd(30)} ${support.padStart(7)} ${precision.padStart(9)} ${recall.padStart(7)}`;
  const macro = (k: 'precision' | 'recall') => (scores.reduce((sum, s) => sum + s[k], 0) / scores.length).toFixed(2);
  return [
    row('condition', 'support', 'precision', 'recall'),
    ...scores.map((s) => row(s.condition, String(s.support), s.precision.toFixed(2), s.recall.toFixed(2))),
    row('macro average', '', macro('precision'), macro('recall')),
  ].join('\n');
}
