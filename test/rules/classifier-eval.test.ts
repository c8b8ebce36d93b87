// The classifier eval: precision, recall and F1 per condition, computed right, and floors: the targets of issue 12
// out of sample (the chat test split, IndoNLU SmSA validation, a custom intent's paraphrases), and a floor on the
// tuning split so a change to the word lists, the examples or the model that makes the classifier worse fails here.
import { describe, expect, it } from 'vitest';
import { CHAT_TEST_SET, CUSTOM_INTENT_SET, evaluate, evaluateCustom, evaluateSmsa, loadSet, SMSA_VALIDATION } from '../../src/eval/classifier-eval.js';

const TUNE_SET = new URL('../eval/classifier-tune.jsonl', import.meta.url).pathname;
const f1Of = (scores: ReturnType<typeof evaluate>, condition: string) => scores.find((s) => s.condition === condition)!;

describe('classifier eval', () => {
  it('counts precision, recall and F1 per condition', () => {
    const scores = evaluate([
      { text: 'I want a refund', wants: ['refund'], asksAbout: [], sentiment: 'neutral' },
      { text: 'money back please', wants: [], asksAbout: [], sentiment: 'neutral' }, // labelled wrong on purpose: a false positive
      { text: 'hello', wants: ['refund'], asksAbout: [], sentiment: 'neutral' }, // and a false negative
    ]);
    expect(scores.find((s) => s.condition === 'wants refund')).toEqual({ condition: 'wants refund', support: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('reaches the targets on the chat test split, which nothing was fit or tuned on', () => {
    const scores = evaluate(loadSet(CHAT_TEST_SET));
    const frustrated = f1Of(scores, 'sentiment frustrated');
    expect(frustrated.precision).toBeGreaterThanOrEqual(0.8);
    expect(frustrated.recall).toBeGreaterThanOrEqual(0.6);
    expect(f1Of(scores, 'wants refund').f1).toBeGreaterThanOrEqual(0.9);
    expect(f1Of(scores, 'wants human').f1).toBeGreaterThanOrEqual(0.9);
  });

  it('tells Indonesian negative reviews from the rest on the SmSA validation split (not fit or tuned on)', () => {
    const [polarity] = evaluateSmsa(SMSA_VALIDATION);
    expect(polarity!.condition).toBe('negative (model polarity)');
    expect(polarity!.support).toBe(394);
    expect(polarity!.f1).toBeGreaterThanOrEqual(0.75);
  });

  it('matches a custom intent given 5 example phrases on paraphrases written apart', () => {
    const custom = evaluateCustom(CUSTOM_INTENT_SET);
    expect(custom.support).toBe(20);
    expect(custom.f1).toBeGreaterThanOrEqual(0.8);
  });

  it('stays above a floor on every condition of the tuning split', () => {
    const scores = evaluate(loadSet(TUNE_SET));
    for (const s of scores) expect(s.f1, s.condition).toBeGreaterThanOrEqual(0.6);
    expect(scores.reduce((sum, s) => sum + s.f1, 0) / scores.length).toBeGreaterThanOrEqual(0.8);
  });
});
