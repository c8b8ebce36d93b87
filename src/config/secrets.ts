// Secrets in the settings (integration tokens, headers) are never sent back in full: the admin API masks them on the
// way out and puts the stored value back when a masked value comes in unchanged. Driven by the JSON Schema, so new
// sections are covered without code here: a field is secret when its schema says `secret: true`
// (`.meta({ secret: true })` in zod) or when its name says so (token, secret, password, apiKey, authorization).
// A stored secret belongs to the host of the URL beside it (an integration's `baseUrl`, any field of format `uri` in
// the same object): a mask sent back for another host is refused, so changing only the address never sends the
// stored token to a new server.
import type { JsonSchema } from './settings-json-schema.js';

export const MASK_PREFIX = '••••';
const SECRET_NAME = /(token|secret|password|passwd|api[-_]?key|authorization)$/i;

export interface SecretProblem {
  path: string;
  message: string;
}

/** `••••` and, for long values only, the last four characters, so an admin can tell two secrets apart. */
export function mask(secret: string): string {
  if (!secret) return '';
  return MASK_PREFIX + (secret.length >= 12 ? secret.slice(-4) : '');
}

export function maskSecrets<T>(value: T, schema: JsonSchema): T {
  // A value can be walked by several union branches: mask it once.
  return walk(value, schema, undefined, (s) => (s.startsWith(MASK_PREFIX) ? s : mask(s))) as T;
}

interface StoredSecret {
  path: string;
  value: string;
  host: string | undefined;
}

/**
 * Replaces masked values in `incoming` by the stored secrets they stand for: the one at the same path, or else the one
 * stored anywhere with the same mask (an item moved in a list). A mask that matches nothing is a problem to report.
 */
export function restoreSecrets<T>(incoming: T, stored: unknown, schema: JsonSchema): { value: T; problems: SecretProblem[] } {
  const storedSecrets: StoredSecret[] = [];
  walk(stored, schema, undefined, (value, path, host) => {
    storedSecrets.push({ path, value, host });
    return value;
  });
  const problems = new Map<string, SecretProblem>();
  const value = walk(incoming, schema, undefined, (s, path, host) => {
    if (!s.startsWith(MASK_PREFIX)) return s;
    const samePath = storedSecrets.find((x) => x.path === path && mask(x.value) === s);
    const candidates = samePath ? [samePath] : storedSecrets.filter((x) => mask(x.value) === s);
    const found = candidates.length === 1 ? candidates[0]! : undefined;
    if (found && found.host === host) return found.value;
    const message = found
      ? `this secret was kept for ${found.host ?? 'no address'} and the address is now ${host ?? 'gone'}: type the secret again (a kept secret never follows a new host)`
      : 'this secret was not kept: type it again';
    problems.set(path, { path, message });
    return s;
  }) as T;
  return { value, problems: [...problems.values()] };
}

/** `host`: the host of the nearest URL around the secret (see the top of the file). */
type OnSecret = (secret: string, path: string, host: string | undefined) => string;

function walk(value: unknown, schema: JsonSchema | undefined, name: string | undefined, onSecret: OnSecret, path = '', host?: string): unknown {
  if (!schema) return value;
  if (typeof value === 'string') return isSecretField(schema, name) && value ? onSecret(value, path, host) : value;
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (branches.length) {
    // The value matches one branch; walking it with every object branch's fields covers whichever it is.
    return branches.reduce((v, branch) => walk(v, branch, name, onSecret, path, host), value);
  }
  if (Array.isArray(value)) return value.map((item, i) => walk(item, schema.items, name, onSecret, join(path, String(i)), host));
  if (value && typeof value === 'object') {
    const here = hostOf(value as Record<string, unknown>, schema) ?? host;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const childSchema = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      out[key] = walk(child, childSchema, key, onSecret, join(path, key), here);
    }
    return out;
  }
  return value;
}

/** The host (and port) of the object's URL field, if it has one that parses. */
function hostOf(value: Record<string, unknown>, schema: JsonSchema): string | undefined {
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    const url = value[key];
    if (field.format !== 'uri' || typeof url !== 'string') continue;
    try {
      return new URL(url).host;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Shared with the settings page, which shows a secret field as a password input. */
export function isSecretField(schema: JsonSchema, name: string | undefined): boolean {
  return schema.secret === true || (name !== undefined && SECRET_NAME.test(name));
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
