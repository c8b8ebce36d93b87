// Reading the settings' JSON Schema in the browser: which editor a node needs, and a new value for a list item.
import type { JsonSchema } from '../../config/settings-json-schema.js';

export type { JsonSchema };

/** The `$ref`s zod emits point into the root's `$defs`. */
export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace(/^#\/\$defs\//, '');
  return root.$defs?.[name] ?? {};
}

export const branchesOf = (s: JsonSchema): JsonSchema[] => s.oneOf ?? s.anyOf ?? [];

/** Every value a union of constants and enums allows (e.g. `auto` or a language code), or null if it is not one. */
export function choicesOf(schema: JsonSchema, root: JsonSchema): unknown[] | null {
  if (schema.enum) return schema.enum;
  if (schema.const !== undefined) return [schema.const];
  // The null side of a nullable enum (e.g. a priority that can be cleared) is one more choice.
  if (schema.type === 'null') return [null];
  const branches = branchesOf(schema);
  if (!branches.length) return null;
  const all: unknown[] = [];
  for (const b of branches) {
    const c = choicesOf(resolve(b, root), root);
    if (!c) return null;
    all.push(...c);
  }
  return all;
}

/** The property whose constant tells the branches of an object union apart (`type`, `kind`, `strategy`...). */
export function discriminatorOf(schema: JsonSchema, root: JsonSchema): string | null {
  const branches = branchesOf(schema).map((b) => resolve(b, root));
  if (branches.length < 2 || branches.some((b) => !b.properties)) return null;
  const first = branches[0]!.properties!;
  for (const key of Object.keys(first)) {
    if (branches.every((b) => b.properties?.[key]?.const !== undefined)) return key;
  }
  return null;
}

/** A nullable field (`x | null`): the schema of its non-null side. */
export function nonNullSide(schema: JsonSchema, root: JsonSchema): JsonSchema | null {
  const branches = branchesOf(schema).map((b) => resolve(b, root));
  if (branches.length !== 2) return null;
  const other = branches.filter((b) => b.type !== 'null');
  return other.length === 1 && other[0] ? other[0] : null;
}

export function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/**
 * A value for a new item: the schema's default, else the smallest value that has every required field; a list that
 * needs items starts with that many (a new rule has its one condition and one action to fill in).
 */
export function defaultFor(schema: JsonSchema, root: JsonSchema): unknown {
  const s = resolve(schema, root);
  if (s.default !== undefined) return structuredClone(s.default);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const branches = branchesOf(s);
  if (branches.length) return defaultFor(branches[0]!, root);
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(s.properties ?? {})) {
        const c = resolve(child, root);
        if (s.required?.includes(key) || c.default !== undefined) out[key] = defaultFor(c, root);
      }
      return out;
    }
    case 'array':
      return s.items && s.minItems ? Array.from({ length: s.minItems }, () => defaultFor(s.items!, root)) : [];
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return null;
  }
}

export { isSecretField, MASK_PREFIX } from '../../config/secrets.js';

export const joinPath = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
