// What differs between two JSON documents, path by path (pure): objects and arrays are compared member by member,
// anything else as a whole. For the settings history's "diff against the current".
import { isObject } from './merge-patch.js';

export interface Difference {
  /** Dotted path from the root, e.g. `defaultProfile.rules.0.name`. */
  path: string;
  /** The value in the first document (absent when only the second has it). */
  from?: unknown;
  /** The value in the second document (absent when only the first has it). */
  to?: unknown;
}

export function jsonDiff(from: unknown, to: unknown, path = ''): Difference[] {
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (isObject(from) && isObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
    return keys.flatMap((key) => (key in to ? (key in from ? jsonDiff(from[key], to[key], at(key)) : [{ path: at(key), to: to[key] }]) : [{ path: at(key), from: from[key] }]));
  }
  if (Array.isArray(from) && Array.isArray(to)) {
    return Array.from({ length: Math.max(from.length, to.length) }, (_, i) =>
      i >= to.length ? [{ path: at(i), from: from[i] }] : i >= from.length ? [{ path: at(i), to: to[i] }] : jsonDiff(from[i], to[i], at(i)),
    ).flat();
  }
  return JSON.stringify(from) === JSON.stringify(to) ? [] : [{ path: path || '(root)', from, to }];
}
