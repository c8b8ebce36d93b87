// The offline sentiment model: two small logistic regressions over signal-features.ts, fitted by
// `npm run fit:signals` (training/fit-signals.ts) and shipped as data in signals-weights.ts.
// - polarity (negative / neutral / positive): IndoNLU SmSA reviews and the chat messages of training/chat/;
// - emotion of a negative message (anger / sadness): IndoNLU EmoT tweets and the same chat messages.
// `frustrated` is negative and angry, `sad` negative and sad, `happy` positive: each a probability that the profile's
// threshold (settings-rules.ts, `sentimentThresholds`) turns into yes or no. `confused` has no public data to learn
// from, so it stays a word list (lexicon.ts) with a score of 0, 0.7 or 1 (confusedScore).
import type { Sentiment } from '../config/settings-rules.js';
import { CONFUSED_CUES } from './lexicon.js';
import { signalFeatures } from './signal-features.js';
import { SIGNALS_WEIGHTS } from './signals-weights.js';

export type Mood = Exclude<Sentiment, 'neutral'>;
export const MOODS: readonly Mood[] = ['frustrated', 'confused', 'happy', 'sad'];
/** How strongly a message shows each mood, 0 to 1. */
export type Moods = Record<Mood, number>;

/**
 * One regression as shipped: the features one per line, and their weights flat, one per class in turn (feature i,
 * class k at i × classes + k). A flat array of numbers parses several times faster than an object of small arrays.
 */
export interface StoredHead {
  classes: string[];
  bias: number[];
  features: string;
  weights: number[];
}

export interface Head {
  classes: string[];
  bias: number[];
  /** Per feature, where its weights start in `weights`. */
  at: Map<string, number>;
  weights: Float64Array;
}

export interface SignalsModelData {
  fittedOn: string[];
  polarity: Head;
  emotion: Head;
}

export function headOf(stored: StoredHead): Head {
  const k = stored.classes.length;
  const at = new Map(stored.features.split('\n').map((feature, i) => [feature, i * k] as const));
  return { classes: stored.classes, bias: stored.bias, at, weights: Float64Array.from(stored.weights) };
}

let loaded: SignalsModelData | undefined;

/** The weights, parsed on first use (about a megabyte of JSON). */
export function signalsModel(): SignalsModelData {
  if (loaded === undefined) {
    const stored = JSON.parse(SIGNALS_WEIGHTS) as { fittedOn: string[]; polarity: StoredHead; emotion: StoredHead };
    loaded = { fittedOn: stored.fittedOn, polarity: headOf(stored.polarity), emotion: headOf(stored.emotion) };
  }
  return loaded;
}

/** Class probabilities of one head for the features (softmax of the summed weights). */
export function probabilities(head: Head, features: readonly string[]): Record<string, number> {
  const scores = [...head.bias];
  for (const feature of features) {
    const at = head.at.get(feature);
    if (at !== undefined) for (let k = 0; k < scores.length; k++) scores[k]! += head.weights[at + k]!;
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
