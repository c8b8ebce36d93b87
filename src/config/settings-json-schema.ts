// The settings schema as JSON Schema (zod 4's exporter): what the settings page renders its editors from, and what
// the plugin manifest publishes. Field help comes from `.describe()`; `.meta({ secret: true })` marks a secret.
import { z } from 'zod';
import { settingsSchema } from './settings.js';

/** The subset of JSON Schema (draft 2020-12) that zod emits and that Jawab's editors and secret masking read. */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  title?: string;
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  format?: string;
  /** Jawab's own keyword, from `.meta({ secret: true })`. */
  secret?: boolean;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

let cached: JsonSchema | undefined;

/** The settings as stored and served (zod's output side: defaults filled in). */
export function settingsJsonSchema(): JsonSchema {
  cached ??= z.toJSONSchema(settingsSchema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  return cached;
}
