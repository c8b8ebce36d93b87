// What the classifier tells about a turn's messages: every signal the profile's rules and handoff settings need,
// computed once per turn. Exact checks (`message contains`, business hours) are not signals: conditions.ts does them.
import type { Sentiment, Topic, Want } from '../config/settings-rules.js';
import type { Profile } from '../config/settings.js';
import type { Provided } from './entities.js';

export interface Signals {
  wants: Array<Exclude<Want, 'custom'>>;
  asksAbout: Array<Exclude<Topic, 'custom'>>;
  /** The custom intents and topics (as written in the rules) the messages match. */
  custom: string[];
  sentiment: Sentiment;
  provided: Provided;
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
