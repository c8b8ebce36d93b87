// The rules editor reads WHEN/THEN from the schema of `rules`: the real settings schema (flat: `match`,
// `conditions`, `actions`) and a nested variant (`when.match`, `when.conditions`, `then`), so a reshaped schema
// still gets the WHEN/THEN editor.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { settingsJsonSchema } from '../../src/config/settings-json-schema.js';
import { askAttributeFrom, getIn, ruleShape, setIn } from '../../src/web/ui/rules-shape.js';
import { choicesOf, defaultFor, type JsonSchema, resolve } from '../../src/web/ui/schema.js';

const root = settingsJsonSchema();
const realRules = root.properties!['defaultProfile']!.properties!['rules']!;
const schemaOf = (s: z.ZodType) => z.toJSONSchema(s) as JsonSchema;
const nested = z.array(
  z.object({
    name: z.string(),
    when: z.object({ match: z.enum(['all', 'any']), conditions: z.array(z.object({ type: z.literal('sentiment') })).max(5) }),
    then: z.array(z.object({ type: z.literal('resolve') })).max(5),
  }),
);

describe('the WHEN/THEN shape of rules', () => {
  it('finds match, conditions and actions in the settings schema, with their limits', () => {
    const shape = ruleShape(realRules, root)!;
    expect([shape.match?.at, shape.conditions.at, shape.actions.at, shape.containers]).toEqual([['match'], ['conditions'], ['actions'], ['conditions', 'actions', 'match']]);
    expect([resolve(realRules, root).maxItems, shape.conditions.schema.maxItems, shape.actions.schema.maxItems]).toEqual([20, 5, 5]);
  });

  it('finds them in a nested rule', () => {
    const shape = ruleShape(schemaOf(nested), {})!;
    expect([shape.conditions.at, shape.match?.at, shape.actions.at, shape.containers]).toEqual([['when', 'conditions'], ['when', 'match'], ['then'], ['when', 'then']]);
  });

  it('gives up on a list that is not rules, so the generic list editor takes it', () => {
    expect(ruleShape(schemaOf(z.array(z.string())), {})).toBeNull();
    expect(ruleShape(schemaOf(z.array(z.object({ name: z.string() }))), {})).toBeNull();
  });

  it('reads and writes nested parts without touching the rest of the rule', () => {
    const rule = { name: 'refunds', when: { match: 'any', conditions: [] }, then: [] };
    const next = setIn(rule, ['when', 'conditions'], [{ type: 'wants', value: 'refund' }]);
    expect(next).toEqual({ name: 'refunds', when: { match: 'any', conditions: [{ type: 'wants', value: 'refund' }] }, then: [] });
    expect(getIn(next, ['when', 'match'])).toBe('any');
    expect(rule.when.conditions).toEqual([]);
  });
});

describe('new values from the settings schema', () => {
  it('starts a new rule with the one condition and one action it needs', () => {
    const rule = resolve(resolve(realRules, root).items!, root);
    expect(defaultFor(rule, root)).toEqual({ name: '', enabled: true, match: 'all', conditions: [{ type: 'wants', value: 'buy' }], actions: [{ type: 'handoff' }] });
  });

  it('offers clearing a nullable choice (the priority) as one more choice', () => {
    const actions = resolve(ruleShape(realRules, root)!.actions.schema.items!, root);
    const setPriority = (actions.oneOf ?? []).find((b) => b.properties?.['type']?.const === 'set_priority')!;
    expect(choicesOf(setPriority.properties!['priority']!, root)).toEqual(['low', 'medium', 'high', 'urgent', null]);
  });
});

describe('a custom attribute picked from Chatwoot', () => {
  it('becomes an ask_for attribute: the pattern without its anchors, a list’s values as examples, else examples to fill', () => {
    expect(askAttributeFrom({ key: 'order_number', name: 'Order number', on: 'conversation', pattern: '^INV-\\d+$' })).toEqual({
      key: 'order_number',
      on: 'conversation',
      name: 'Order number',
      pattern: 'INV-\\d+',
    });
    expect(askAttributeFrom({ key: 'plan', name: 'Plan', on: 'contact', values: ['Basic', 'Pro'] })).toEqual({ key: 'plan', on: 'contact', name: 'Plan', examples: ['Basic', 'Pro'] });
    expect(askAttributeFrom({ key: 'company', name: 'Company', on: 'contact' })).toEqual({ key: 'company', on: 'contact', name: 'Company', examples: [] });
    // A pattern that ends in an escaped dollar keeps it.
    expect(askAttributeFrom({ key: 'price', name: 'Price', on: 'contact', pattern: '\\d+\\$' }).pattern).toBe('\\d+\\$');
  });
});
