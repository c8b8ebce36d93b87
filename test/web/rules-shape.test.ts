// The rules editor reads WHEN/THEN from the schema of `rules`. The rules section is not in this branch's settings,
// so the stand-in of test/helpers (SPEC 3's shape) and a flat variant.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../src/config/settings-json-schema.js';
import { getIn, ruleShape, setIn } from '../../src/web/ui/rules-shape.js';
import { standInAction, standInCondition, standInRules } from '../helpers/stand-in-rules.js';

const flat = z.array(z.object({ name: z.string(), mode: z.enum(['all', 'any']), conditions: z.array(standInCondition).max(5), actions: z.array(standInAction).max(5) }));

const schemaOf = (s: z.ZodType) => z.toJSONSchema(s) as JsonSchema;

describe('the WHEN/THEN shape of rules', () => {
  it('finds conditions, match and actions in a nested rule', () => {
    const shape = ruleShape(schemaOf(standInRules), {})!;
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
