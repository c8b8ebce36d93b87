// Finds the WHEN/THEN parts of a rule in the schema of `rules` (SPEC 3: ≤20 rules, each WHEN ≤5 conditions matched
// `all` or `any`, THEN ≤5 actions), wherever the rules section nests them: `when.conditions` or `conditions`,
// `then` or `actions`, `when.match` or `match`. Pure, so it is tested without a browser.
import type { CustomAttributeDefinition } from '../../chatwoot/port.js';
import type { AskAttribute } from '../../config/settings-rules.js';
import { choicesOf, type JsonSchema, resolve, typeOf } from './schema.js';

export interface RulePart {
  /** Keys from the rule object down to the part. */
  at: string[];
  schema: JsonSchema;
}

export interface RuleShape {
  conditions: RulePart;
  actions: RulePart;
  match?: RulePart;
  /** Top-level keys of a rule that hold the parts above (the rest are edited as plain fields). */
  containers: string[];
}

const CONDITIONS = /^(when|conditions?|if)$/i;
const ACTIONS = /^(then|actions?|do)$/i;
const MATCH = /^(match|mode|combine|operator|logic)$/i;

export function ruleShape(rulesSchema: JsonSchema, root: JsonSchema): RuleShape | null {
  const rules = resolve(rulesSchema, root);
  if (typeOf(rules) !== 'array' || !rules.items) return null;
  const rule = resolve(rules.items, root);
  if (!rule.properties) return null;
  const found: Partial<Record<'conditions' | 'actions' | 'match', RulePart>> = {};
  const visit = (schema: JsonSchema, at: string[]) => {
    for (const [key, raw] of Object.entries(schema.properties ?? {})) {
      const child = resolve(raw, root);
      const here = [...at, key];
      const type = typeOf(child);
      if (type === 'array' && CONDITIONS.test(key) && !found.conditions) found.conditions = { at: here, schema: child };
      else if (type === 'array' && ACTIONS.test(key) && !found.actions) found.actions = { at: here, schema: child };
      else if (MATCH.test(key) && isAllAny(child, root) && !found.match) found.match = { at: here, schema: child };
      else if (type === 'object' && at.length === 0) visit(child, here);
    }
  };
  visit(rule, []);
  if (!found.conditions || !found.actions) return null;
  const containers = [...new Set([found.conditions, found.actions, found.match].flatMap((p) => (p ? [p.at[0]!] : [])))];
  return { conditions: found.conditions, actions: found.actions, match: found.match, containers };
}

function isAllAny(schema: JsonSchema, root: JsonSchema): boolean {
  const choices = choicesOf(schema, root);
  return !!choices && choices.includes('all') && choices.includes('any');
}

export function getIn(value: unknown, at: string[]): unknown {
  return at.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

export function setIn(value: unknown, at: string[], next: unknown): Record<string, unknown> {
  const obj = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const [key, ...rest] = at;
  if (key === undefined) return obj;
  return { ...obj, [key]: rest.length ? setIn(obj[key], rest, next) : next };
}

/**
 * A custom attribute picked from the helpdesk's list, as `ask_for` asks for it: Chatwoot's pattern checks a whole
 * field, so its anchors go (the value sits inside a message); a list attribute's values are its examples; a text
 * attribute with neither gets empty examples, for the admin to fill (the settings refuse it until then).
 */
export function askAttributeFrom(definition: CustomAttributeDefinition): AskAttribute {
  const pattern = definition.pattern?.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
  return { key: definition.key, on: definition.on, name: definition.name, ...(pattern ? { pattern } : { examples: definition.values ?? [] }) };
}
