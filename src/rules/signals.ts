// What the classifier tells about a turn's messages: every signal the profile's rules and handoff settings need,
// computed once per turn. Exact checks (`message contains`, business hours) are not signals: conditions.ts does them.
import type { Sentiment, SentimentThresholds, Topic, Want } from '../config/settings-rules.js';
import type { Profile } from '../config/settings.js';
import type { Provided } from './entities.js';
import { MOODS, type Moods } from './signals-model.js';

export interface Signals {
  wants: Array<Exclude<Want, 'custom'>>;
  asksAbout: Array<Exclude<Topic, 'custom'>>;
  /** The custom intents and topics (as written in the rules) the messages match. */
  custom: string[];
  /** How strongly the messages show each mood, 0 to 1; the profile's thresholds say which ones count. */
  moods: Moods;
  provided: Provided;
}

/** Does the turn show this sentiment at the profile's thresholds? `neutral`: it shows none of the moods. */
export function shows(signals: Signals, thresholds: SentimentThresholds, sentiment: Sentiment): boolean {
  if (sentiment === 'neutral') return MOODS.every((mood) => signals.moods[mood] < thresholds[mood]);
  return signals.moods[sentiment] >= thresholds[sentiment];
}

export interface ClassifyRequest {
  /** The customer's messages of this turn. */
  texts: string[];
  /** Custom intents and topics written in the profile's rules. */
  custom: string[];
}

export interface Classifier {
  readonly mode: 'offline' | 'model';
  classify(request: ClassifyRequest): Promise<Signals>;
}

/** What the profile asks of the classifier: nothing at all spares the model call. */
export function signalNeeds(profile: Profile): { meaning: boolean; custom: string[] } {
  const custom: string[] = [];
  let meaning = profile.handoff.onSentiments.length > 0;
  for (const rule of profile.rules) {
    if (!rule.enabled) continue;
    for (const c of rule.conditions) {
      if (c.type === 'wants' || c.type === 'asks_about' || c.type === 'sentiment') meaning = true;
      if ((c.type === 'wants' || c.type === 'asks_about') && c.value === 'custom' && c.custom) custom.push(c.custom);
    }
  }
  return { meaning, custom: [...new Set(custom)] };
}
