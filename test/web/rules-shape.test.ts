// The rules editor reads WHEN/THEN from the schema of `rules`. The rules section is not in this branch's settings,
// so a stand-in shaped after SPEC 3 (≤20 rules, ≤5 conditions matched all/any, ≤5 actions) and a flat variant.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../src/config/settings-json-schema.js';
import { getIn, ruleShape, setIn } from '../../src/web/ui/rules-shape.js';

const condition = z.discriminatedUnion('type', [
  z.object({ type: z.literal('wants'), value: z.enum(['buy', 'get_help', 'refund', 'human', 'custom']), custom: z.string().max(200).optional() }),
  z.object({ type: z.literal('sentiment'), value: z.enum(['frustrated', 'confused', 'happy', 'neutral', 'sad']) }),
  z.object({ type: z.literal('message_contains'), value: z.string().max(200) }),
]);
const action = z.discriminatedUnion('type', [
  z.object({ type: z.literal('handoff'), to: z.enum(['any', 'team', 'agent']) }),
  z.object({ type: z.literal('send_message'), text: z.string().max(1000) }),
  z.object({ type: z.literal('add_labels'), labels: z.array(z.string()).max(10) }),
]);
const nested = z.array(
  z.object({
    name: z.string().max(80),
    enabled: z.boolean(),
    when: z.object({ match: z.enum(['all', 'any']), conditions: z.array(condition).min(1).max(5) }),
    then: z.array(action).min(1).max(5),
  }),
).max(20);
const flat = z.array(z.object({ name: z.string(), mode: z.enum(['all', 'any']), conditions: z.array(condition).max(5), actions: z.array(action).max(5) }));

const schemaOf = (s: z.ZodType) => z.toJSONSchema(s) as JsonSchema;

describe('the WHEN/THEN shape of rules', () => {
  it('finds conditions, match and actions in a nested rule', () => {
    const shape = ruleShape(schemaOf(nested), {})!;
    expect(shape.conditions.at).toEqual(['when', 'conditions']);
    expect(shape.conditions.schema.maxItems).toBe(5);
    expect(shape.match?.at).toEqual(['when', 'match']);
    expect(shape.actions.at).toEqual(['then']);
    expect(shape.actions.schema.maxItems).toBe(5);
    expect(shape.containers).toEqual(['when', 'then']);
  });

  it('finds them in a flat rule', () => {
    const shape = ruleShape(schemaOf(flat), {})!;
    expect([shape.conditions.at, shape.actions.at, shape.match?.at, shape.containers]).toEqual([['conditions'], ['actions'], ['mode'], ['conditions', 'actions', 'mode']]);
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
