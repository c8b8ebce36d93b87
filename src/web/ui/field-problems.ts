// A refused field in the reader's words: "Name: at most 80 characters" / "Nama: paling banyak 80 karakter", never the
// schema's path or zod's English. The server sends each problem's path, code and numbers (store/settings-store.ts
// describe); a problem without a code (a rule's own check) keeps the server's message.
import type { FieldError } from './api.js';
import { humanize, type Lang, maybe, translate } from './i18n.js';

/** What is wrong with the field, in `lang`. */
export function problemText(lang: Lang, problem: FieldError): string {
  if (problem.code === undefined) return problem.message;
  const params = problem.params ?? {};
  // too_long / too_short say it per kind of value: characters of a text, items of a list, the number itself.
  const of = problem.code === 'too_long' || problem.code === 'too_short' ? `.${params['of'] === 'string' || params['of'] === 'array' ? params['of'] : 'number'}` : '';
  return maybe(lang, `problem.${problem.code}${of}`) === undefined ? problem.message : translate(lang, `problem.${problem.code}${of}`, params);
}

/**
 * Where the field is, by the names the page shows: `defaultProfile.rules.0.conditions.1.value` is "Rules 1 › Conditions
 * 2 › Value"; the profile itself is the page's selection, so it is left out.
 */
export function fieldName(lang: Lang, path: string): string {
  const parts = path.split('.');
  const start = parts[0] === 'defaultProfile' ? 1 : parts[0] === 'inboxes' ? 2 : 0;
  const names: string[] = [];
  for (const part of parts.slice(start)) {
    if (/^\d+$/.test(part) && names.length > 0) names[names.length - 1] += ` ${Number(part) + 1}`;
    else names.push(maybe(lang, `label.${part}`) ?? humanize(part));
  }
  return names.join(' › ') || path;
}

/** A problem shown under its field, as a sentence ("At most 80 characters"). */
export function problemSentence(lang: Lang, problem: FieldError): string {
  const text = problemText(lang, problem);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
