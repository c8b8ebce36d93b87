// Details a rule asks for (`ask_for`), collected across turns: which custom attribute a message gives (by pattern or by
// example), which messages answer the question rather than ask one, and what a customer turn does to a collection
// under way: complete it, ask once more for what is missing, or give up after `tries` asks that got nothing.
// Pure: the turn (engine/turn.ts) and the plan (plan.ts) decide with it, the state (engine/state.ts) keeps it.
import type { AskAttribute, ContactField } from '../config/settings-rules.js';
import type { Awaiting } from '../engine/state.js';
import { findContactDetails } from './entities.js';

/** One thing asked for: a contact detail or a custom attribute. */
export type AskItem = ContactField | AskAttribute;

/** Where a custom attribute's value is kept in the state: `contact.company`, `conversation.order_number`. */
export const attributeId = (attribute: Pick<AskAttribute, 'on' | 'key'>): string => `${attribute.on}.${attribute.key}`;

/** What `ask_for` does when the settings say nothing (a state written before tries existed reads the same). */
export const ASK_DEFAULTS = { tries: 3, fallback: 'continue' } as const;

/**
 * The value of a custom attribute in a message: the pattern's first group (or its whole match), else an example the
 * message holds. An example matches itself and any value that differs from it only in its digits, and a value
 * that is an example is saved as the example is written (a list attribute keeps its own spelling).
 */
export function findAttribute(text: string, attribute: AskAttribute): string | undefined {
  if (attribute.pattern) {
    const match = new RegExp(attribute.pattern, 'i').exec(text);
    const value = (match?.[1] ?? match?.[0])?.trim();
    if (value) return value;
  }
  for (const example of attribute.examples ?? []) {
    const found = exampleShape(example).exec(text)?.[0];
    if (found) return found.toLowerCase() === example.toLowerCase() ? example : found;
  }
  return undefined;
}

/** `INV-2024-001` → /INV-\d+-\d+/i between word edges; `PT Maju Jaya` → itself, any spacing. */
function exampleShape(example: string): RegExp {
  const body = example
    .trim()
    .split(/(\d+|\s+)/)
    .filter(Boolean)
    .map((part) => (/^\d/.test(part) ? '\\d+' : /^\s/.test(part) ? '\\s+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
}

/** The message answers what the conversation waits for: it is no question for the knowledge. */
export function holdsAwaitedDetail(text: string, awaiting: Awaiting): boolean {
  const provided = findContactDetails(text);
  return awaiting.fields.some((f) => provided[f] !== undefined) || (awaiting.attributes ?? []).some((a) => findAttribute(text, a) !== undefined);
}

export type CollectionStep =
  | { kind: 'complete' }
  /** Ask for what is missing: `more` after some details came this turn, `still` after none did. */
  | { kind: 'ask'; awaiting: Awaiting; again: 'more' | 'still' }
  | { kind: 'give_up'; fallback: 'continue' | 'handoff'; missing: string[] };

/**
 * A customer turn of a collection under way, given what is still missing after it. A turn that gave some of the
 * details starts the count of tries again: the customer is answering, only slowly.
 */
export function collectionStep(awaiting: Awaiting, missingFields: ContactField[], missingAttributes: AskAttribute[]): CollectionStep {
  const before = awaiting.fields.length + (awaiting.attributes?.length ?? 0);
  const left = missingFields.length + missingAttributes.length;
  if (left === 0) return { kind: 'complete' };
  const rest = { ...awaiting, fields: missingFields, attributes: missingAttributes };
  if (left < before) return { kind: 'ask', awaiting: { ...rest, asked: 1 }, again: 'more' };
  const asked = awaiting.asked ?? 1;
  if (asked >= (awaiting.tries ?? ASK_DEFAULTS.tries)) {
    return { kind: 'give_up', fallback: awaiting.fallback ?? ASK_DEFAULTS.fallback, missing: [...missingFields, ...missingAttributes.map((a) => a.key)] };
  }
  return { kind: 'ask', awaiting: { ...rest, asked: asked + 1 }, again: 'still' };
}
