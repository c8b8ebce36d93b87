// The rules settings refuse what the seeds' limits forbid, with messages that say what is wrong and where.
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../src/config/settings.js';

const condition = { type: 'contains', value: 'greeting' };
const action = { type: 'add_labels', labels: ['x'] };
const rule = (name: string, n = { conditions: 1, actions: 1 }) => ({
  name,
  conditions: Array.from({ length: n.conditions }, () => condition),
  actions: Array.from({ length: n.actions }, () => action),
});

function problems(profile: Record<string, unknown>): string[] {
  const parsed = settingsSchema.safeParse({ defaultProfile: profile });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('rule limits', () => {
  it('accepts 20 rules of 5 conditions and 5 actions', () => {
    expect(problems({ rules: Array.from({ length: 20 }, (_, i) => rule(`r${i}`, { conditions: 5, actions: 5 })) })).toEqual([]);
  });

  it('refuses a 21st rule, a 6th condition, a 6th action, duplicate names', () => {
    expect(problems({ rules: Array.from({ length: 21 }, (_, i) => rule(`r${i}`)) })).toEqual(['defaultProfile.rules: at most 20 rules per profile']);
    expect(problems({ rules: [rule('a', { conditions: 6, actions: 1 })] })).toEqual(['defaultProfile.rules.0.conditions: a rule has at most 5 conditions']);
    expect(problems({ rules: [rule('a', { conditions: 1, actions: 6 })] })).toEqual(['defaultProfile.rules.0.actions: a rule has at most 5 actions']);
    expect(problems({ rules: [rule('a'), rule('a')] })).toEqual(['defaultProfile.rules: rule names must be unique']);
  });

  it('a custom condition needs its words, `contains text` its text', () => {
    expect(problems({ rules: [{ name: 'a', conditions: [{ type: 'wants', value: 'custom' }], actions: [action] }] })).toEqual([
      'defaultProfile.rules.0.conditions.0: `custom` needs `custom`: the words or phrases to look for, separated by commas',
    ]);
    expect(problems({ rules: [{ name: 'a', conditions: [{ type: 'contains', value: 'text' }], actions: [action] }] })).toEqual([
      'defaultProfile.rules.0.conditions.0: `text` needs `text`: the exact text to look for',
    ]);
  });

  it('ask_for: defaults to 3 tries and `continue`; a custom attribute needs a pattern that compiles or examples', () => {
    const ask = (a: Record<string, unknown>) => problems({ rules: [{ name: 'a', conditions: [condition], actions: [{ type: 'ask_for', ...a }] }] });
    const parsed = settingsSchema.parse({ defaultProfile: { rules: [{ name: 'a', conditions: [condition], actions: [{ type: 'ask_for', fields: ['email'] }] }] } });
    expect(parsed.defaultProfile.rules[0]!.actions[0]).toEqual({ type: 'ask_for', fields: ['email'], attributes: [], tries: 3, fallback: 'continue' });
    expect(ask({ fields: [] })).toEqual(['defaultProfile.rules.0.actions.0: `ask_for` needs at least one field or custom attribute']);
    expect(ask({ attributes: [{ key: 'order_number', pattern: 'INV-(\\d+' }] })).toEqual([
      'defaultProfile.rules.0.actions.0.attributes.0.pattern: not a valid regular expression: Invalid regular expression: /INV-(\\d+/i: Unterminated group',
    ]);
    expect(ask({ attributes: [{ key: 'company' }] })).toEqual(['defaultProfile.rules.0.actions.0.attributes.0: a custom attribute needs `pattern` or `examples` to recognise its value']);
    expect(ask({ attributes: [{ key: 'Order Number', examples: ['INV-1'] }] })).toEqual([
      'defaultProfile.rules.0.actions.0.attributes.0.key: the attribute key is 1-64 letters, digits, - or _ (the key Chatwoot shows, not the display name)',
    ]);
    expect(ask({ fields: ['email'], tries: 0 })).toEqual(['defaultProfile.rules.0.actions.0.tries: Too small: expected number to be >=1']);
  });

  it('follow-ups: at most 5, each within 24 hours', () => {
    const f = { afterSeconds: 60, message: 'hi' };
    expect(problems({ followUps: Array.from({ length: 6 }, () => f) })).toEqual(['defaultProfile.followUps: at most 5 follow-ups']);
    expect(problems({ followUps: [{ ...f, afterSeconds: 86_401 }] })).toEqual(['defaultProfile.followUps.0.afterSeconds: a follow-up is at most 24 hours after the previous message']);
  });

  it('business hours: a real time zone and HH:MM times', () => {
    expect(problems({ businessHours: { enabled: true, timeZone: 'Mars/Olympus' } })).toEqual(['defaultProfile.businessHours.timeZone: an IANA time zone such as Asia/Jakarta']);
    expect(problems({ businessHours: { weekly: { mon: [{ from: '9:00', to: '17:00' }] } } })).toEqual(['defaultProfile.businessHours.weekly.mon.0.from: a time is HH:MM (24 h)']);
  });

  it('the schema describes itself for the settings page (JSON Schema with descriptions)', async () => {
    const { z } = await import('zod');
    const json = JSON.stringify(z.toJSONSchema(settingsSchema, { io: 'input' }));
    expect(json).toContain('WHEN/THEN rules, checked once per turn');
    expect(json).toContain('Round robin among online agents');
  });
});
