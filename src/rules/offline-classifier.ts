// The classifier without a model: word lists (lexicon.ts), the offline sentiment model (signals-model.ts), and
// contact-detail patterns (entities.ts). English and Indonesian. Deterministic and fast enough to run on every turn.
import { findContactDetails, type Provided } from './entities.js';
import { asksForHuman } from './human-request.js';
import { builtInsByExample, matchesCustomExamples, readForExamples } from './intent-examples.js';
import { TOPIC_PATTERNS, WANT_PATTERNS } from './lexicon.js';
import { matchesCustom, normalize } from './normalize.js';
import type { Classifier, ClassifyRequest, Signals } from './signals.js';
import { moodsOf } from './signals-model.js';

/** What the patterns find exactly, which the model classifier takes from here too: a request for a human, contact details. */
export function exactSignals(request: ClassifyRequest): { human: boolean; provided: Provided } {
  return { human: request.texts.some(asksForHuman), provided: findContactDetails(request.texts.join('\n')) };
}

const WANTS_KNOWN = ['buy', 'get_help', 'refund', 'human'] as const;
const TOPICS_KNOWN = Object.keys(TOPIC_PATTERNS) as Array<keyof typeof TOPIC_PATTERNS>;

export function classifyOffline(request: ClassifyRequest): Signals {
  const exact = exactSignals(request);
  const text = normalize(request.texts.join('\n'));
  const reading = readForExamples(request.texts.join('\n'));
  const byExample = new Set(builtInsByExample(reading));
  const wants: Signals['wants'] = WANTS_KNOWN.filter((k) => (k === 'human' ? exact.human : WANT_PATTERNS[k].some((p) => p.test(text))) || byExample.has(k));
  const asksAbout = TOPICS_KNOWN.filter((k) => TOPIC_PATTERNS[k].some((p) => p.test(text)) || byExample.has(k));
  return {
    wants,
    asksAbout,
    custom: request.custom.filter((c) => matchesCustom(text, c) || matchesCustomExamples(reading, c)),
    moods: moodsOf(request.texts.join('\n'), text),
    provided: exact.provided,
  };
}

export const offlineClassifier: Classifier = {
  mode: 'offline',
  classify: async (request) => classifyOffline(request),
};
