// The offline sentiment model: two small logistic regressions over signal-features.ts, fitted by
// `npm run fit:signals` (training/fit-signals.ts) and shipped as data in signals-weights.ts.
// - polarity (negative / neutral / positive): IndoNLU SmSA reviews and the chat messages of training/chat/;
// - emotion of a negative message (anger / sadness): IndoNLU EmoT tweets and the same chat messages.
// `frustrated` is negative and angry, `sad` negative and sad, `happy` positive: each a probability that the profile's
// threshold (settings-rules.ts, `sentimentThresholds`) turns into yes or no. `confused` has no public data to learn
// from, so it stays a word list (lexicon.ts) with a score of 0, 0.5 or 1.
import type { Sentiment } from '../config/settings-rules.js';
import { CONFUSED_CUES } from './lexicon.js';
import { signalFeatures } from './signal-features.js';
import { SIGNALS_WEIGHTS } from './signals-weights.js';

export type Mood = Exclude<Sentiment, 'neutral'>;
export const MOODS: readonly Mood[] = ['frustrated', 'confused', 'happy', 'sad'];
/** How strongly a message shows each mood, 0 to 1. */
export type Moods = Record<Mood, number>;

export interface Head {
  classes: string[];
  bias: number[];
  /** Per feature, one weight per class. */
  weights: Record<string, number[]>;
}

export interface SignalsModelData {
  fittedOn: string[];
  polarity: Head;
  emotion: Head;
}

let loaded: SignalsModelData | undefined;

/** The weights, parsed on first use (about a megabyte of JSON). */
export function signalsModel(): SignalsModelData {
  loaded ??= JSON.parse(SIGNALS_WEIGHTS) as SignalsModelData;
  return loaded;
}

/** Class probabilities of one head for the features (softmax of the summed weights). */
export function probabilities(head: Head, features: readonly string[]): Record<string, number> {
  const scores = [...head.bias];
  for (const feature of features) {
    const w = head.weights[feature];
    if (w) for (let k = 0; k < scores.length; k++) scores[k]! += w[k]!;
  }
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return Object.fromEntries(head.classes.map((c, k) => [c, exps[k]! / sum]));
}

/** `confused` from its word list: 0 without a cue, 0.7 with one, 1 with two or more (a threshold above 0.7 wants two). */
export function confusedScore(normalizedText: string): number {
  const cues = CONFUSED_CUES.filter((p) => p.test(normalizedText)).length;
  return cues === 0 ? 0 : cues === 1 ? 0.7 : 1;
}

/** The moods of a text; `normalizedText` (rules/normalize.ts) is what the word list for `confused` reads. */
export function moodsOf(text: string, normalizedText: string, model: SignalsModelData = signalsModel()): Moods {
  const features = signalFeatures(text);
  const polarity = probabilities(model.polarity, features);
  const emotion = probabilities(model.emotion, features);
  const negative = polarity['negative'] ?? 0;
  return {
    frustrated: negative * (emotion['anger'] ?? 0),
    sad: negative * (emotion['sadness'] ?? 0),
    happy: polarity['positive'] ?? 0,
    confused: confusedScore(normalizedText),
  };
}
