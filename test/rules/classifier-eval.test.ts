// The classifier eval: precision and recall per condition, computed right, and a floor on the shipped set so a
// change to the word lists that makes the classifier worse fails here.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, loadSet } from '../../src/eval/classifier-eval.js';

describe('classifier eval', () => {
  it('counts precision and recall per condition', () => {
    const scores = evaluate([
      { text: 'I want a refund', wants: ['refund'], asksAbout: [], sentiment: 'neutral' },
      { text: 'money back please', wants: [], asksAbout: [], sentiment: 'neutral' }, // labelled wrong on purpose: a false positive
      { text: 'hello', wants: ['refund'], asksAbout: [], sentiment: 'neutral' }, // and a false negative
    ]);
    expect(scores.find((s) => s.condition === 'wants refund')).toEqual({ condition: 'wants refund', support: 2, precision: 0.5, recall: 0.5 });
  });

  it('stays above a floor on the shipped English and Indonesian set', () => {
    const set = loadSet(fileURLToPath(new URL('../eval/classifier-set.jsonl', import.meta.url)));
    const scores = evaluate(set);
    for (const s of scores) {
      expect(s.precision, s.condition).toBeGreaterThanOrEqual(0.7);
      expect(s.recall, s.condition).toBeGreaterThanOrEqual(0.6);
    }
  });
});
