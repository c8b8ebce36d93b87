// The classifier without a model: word lists (lexicon.ts), a weighted sentiment lexicon, and contact-detail
// patterns (entities.ts). English and Indonesian. Deterministic and fast enough to run on every turn.
import type { Sentiment } from '../config/settings-rules.js';
import { findContactDetails, type Provided } from './entities.js';
import { asksForHuman } from './human-request.js';
import { SENTIMENT_CUES, TOPIC_PATTERNS, WANT_PATTERNS } from './lexicon.js';
import { matchesCustom, normalize } from './normalize.js';
import type { Classifier, ClassifyRequest, Signals } from './signals.js';

/** Below this total a message reads as neutral. */
const SENTIMENT_THRESHOLD = 1;

/** What the patterns find exactly, which the model classifier takes from here too: a request for a human, contact details. */
export function exactSignals(request: ClassifyRequest): { human: boolean; provided: Provided } {
  return { human: request.texts.some(asksForHuman), provided: findContactDetails(request.texts.join('\n')) };
}

export function classifyOffline(request: ClassifyRequest): Signals {
  const exact = exactSignals(request);
  const text = normalize(request.texts.join('\n'));
  const wants: Signals['wants'] = (Object.keys(WANT_PATTERNS) as Array<keyof typeof WANT_PATTERNS>).filter((k) => WANT_PATTERNS[k].some((p) => p.test(text)));
  if (exact.human) wants.push('human');
  const asksAbout = (Object.keys(TOPIC_PATTERNS) as Array<keyof typeof TOPIC_PATTERNS>).filter((k) => TOPIC_PATTERNS[k].some((p) => p.test(text)));
  return {
    wants,
    asksAbout,
    custom: request.custom.filter((c) => matchesCustom(text, c)),
    sentiment: sentimentOf(text),
    provided: exact.provided,
  };
}

export function sentimentOf(normalizedText: string): Sentiment {
  let best: Sentiment = 'neutral';
  let bestScore = SENTIMENT_THRESHOLD - Number.EPSILON;
  // Object order breaks ties: frustrated, confused, happy, sad. A complaint that says "thanks" stays a complaint.
  for (const [sentiment, cues] of Object.entries(SENTIMENT_CUES) as Array<[Exclude<Sentiment, 'neutral'>, Array<[RegExp, number]>]>) {
    const score = cues.reduce((sum, [pattern, weight]) => sum + (pattern.test(normalizedText) ? weight : 0), 0);
    if (score > bestScore) {
      best = sentiment;
      bestScore = score;
    }
  }
  return best;
}

export const offlineClassifier: Classifier = {
  mode: 'offline',
  classify: async (request) => classifyOffline(request),
};
