// What every editor needs besides its own value: the language, the root schema ($refs) and the server's field errors.
import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { humanize, type Lang, maybe, translate } from './i18n.js';
import type { JsonSchema } from './schema.js';
import type { Directory } from '../../chatwoot/port.js';

export interface FormContext {
  lang: Lang;
  root: JsonSchema;
  /** Messages by dotted path from the settings root. */
  errors: Record<string, string>;
  /** Values a text field of this name is picked from, each shown by its label (a flow's steps for `next`, `else`, `start`). */
  choices?: Record<string, Choice[]>;
  /** Chatwoot's agents, teams, inboxes and labels by name (directory.tsx), once read. */
  directory?: Directory | null;
  /** More ways to add to a list, by the list's name, besides a blank item (ask_for's attributes: picked from Chatwoot's). */
  pickers?: Record<string, (add: (item: unknown) => void) => ComponentChildren>;
}

/** One value of a select and what the page shows for it. */
export interface Choice {
  value: string;
  label: string;
}

export const Form = createContext<FormContext>({ lang: 'en', root: {}, errors: {} });

function lookup(lang: Lang, kind: string, key: string, ...contexts: (string | undefined)[]): string | undefined {
  for (const c of contexts) {
    const found = c === undefined ? undefined : maybe(lang, `${kind}.${c}.${key}`);
    if (found !== undefined) return found;
  }
  return maybe(lang, `${kind}.${key}`);
}

export function useForm() {
  const ctx = useContext(Form);
  return {
    ...ctx,
    t: (key: string, params?: Record<string, string | number>) => translate(ctx.lang, key, params),
    // Labels, help and choices are looked up most specific first: `option.conditions.sentiment` (in the context of
    // the list or kind that holds it) before `option.sentiment`, so one word can read differently in two places.
    label: (name: string, schema?: JsonSchema, context?: string) => lookup(ctx.lang, 'label', name, context) ?? schema?.title ?? humanize(name),
    help: (name: string, schema?: JsonSchema, ...contexts: (string | undefined)[]) => lookup(ctx.lang, 'help', name, ...contexts) ?? schema?.description,
    option: (value: unknown, ...contexts: (string | undefined)[]) => lookup(ctx.lang, 'option', String(value), ...contexts) ?? humanize(String(value)),
  };
}
