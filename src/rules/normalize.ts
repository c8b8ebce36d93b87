// Text as the word lists expect it: lower case, no accents, single spaces.
import { foldText } from '../knowledge/text.js';

export function normalize(text: string): string {
  return foldText(text).replace(/\s+/g, ' ').trim();
}

/** A custom intent "cancel subscription, berhenti langganan" matches when every word of one of its phrases appears. */
export function matchesCustom(normalizedText: string, custom: string): boolean {
  const words = new Set(normalizedText.split(/[^\p{L}\p{N}]+/u));
  return custom
    .split(',')
    .map((phrase) => normalize(phrase).split(/[^\p{L}\p{N}]+/u).filter(Boolean))
    .some((phrase) => phrase.length > 0 && phrase.every((w) => words.has(w)));
}
