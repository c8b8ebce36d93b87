// What every editor needs besides its own value: the language, the root schema ($refs) and the server's field errors.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { humanize, type Lang, maybe, translate } from './i18n.js';
import type { JsonSchema } from './schema.js';

export interface FormContext {
  lang: Lang;
  root: JsonSchema;
  /** Messages by dotted path from the settings root. */
  errors: Record<string, string>;
}

export const Form = createContext<FormContext>({ lang: 'en', root: {}, errors: {} });

export function useForm() {
  const ctx = useContext(Form);
  return {
    ...ctx,
    t: (key: string, params?: Record<string, string | number>) => translate(ctx.lang, key, params),
    label: (name: string, schema?: JsonSchema) => maybe(ctx.lang, `label.${name}`) ?? schema?.title ?? humanize(name),
    help: (name: string, schema?: JsonSchema) => maybe(ctx.lang, `help.${name}`) ?? schema?.description,
    option: (value: unknown) => maybe(ctx.lang, `option.${String(value)}`) ?? humanize(String(value)),
  };
}
