// Evaluating WHEN conditions: meaning from the classifier's signals, `message contains` and business hours exactly.
import type { Condition, Rule } from '../config/settings-rules.js';
import type { Profile } from '../config/settings.js';
import { withinBusinessHours } from './business-hours.js';
import { GREETING, PROFANITY, URL } from './lexicon.js';
import { normalize } from './normalize.js';
import { shows, type Signals } from './signals.js';

export interface ConditionContext {
  signals: Signals;
  /** The turn's messages, joined. */
  text: string;
  /** When the last message arrived (ms). */
  receivedAt: number;
  profile: Profile;
}

export function holds(condition: Condition, ctx: ConditionContext): boolean {
  const { signals } = ctx;
  switch (condition.type) {
    case 'wants':
      return condition.value === 'custom' ? signals.custom.includes(condition.custom ?? '') : signals.wants.includes(condition.value);
    case 'asks_about':
      return condition.value === 'custom' ? signals.custom.includes(condition.custom ?? '') : signals.asksAbout.includes(condition.value);
    case 'sentiment':
      return shows(signals, ctx.profile.sentimentThresholds, condition.value);
    case 'provides':
      return signals.provided[condition.value] !== undefined;
    case 'contains': {
      const text = normalize(ctx.text);
      if (condition.value === 'greeting') return GREETING.test(text);
      if (condition.value === 'profanity') return PROFANITY.test(text);
      if (condition.value === 'url') return URL.test(text);
      return text.includes(normalize(condition.text ?? ''));
    }
    case 'received': {
      const within = withinBusinessHours(ctx.profile.businessHours, ctx.receivedAt);
      return condition.value === 'within_business_hours' ? within : !within;
    }
  }
}

export function ruleFires(rule: Rule, ctx: ConditionContext): boolean {
  if (!rule.enabled) return false;
  return rule.match === 'all' ? rule.conditions.every((c) => holds(c, ctx)) : rule.conditions.some((c) => holds(c, ctx));
}
