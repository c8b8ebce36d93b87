// Why a turn did what it did, as a code and its values rather than a sentence: the audit log keeps the English
// sentence (whyText), and the playground says it in the page's language (the settings page's `why.*` texts, whose
// English is this file's). Pure: the settings page bundles it.
import type { HandoffReason } from '../rules/handoff-text.js';

/** The English sentence of each code; `{name}` is replaced by the value of that name. */
export const WHY_TEXT = {
  flow: 'flow: {path}',
  media: 'the customer sent a {kind} Jawab cannot read: asked them to type the question',
  rules: 'rules: {rules}',
  small_talk: 'small talk ({act}, {mode})',
  small_talk_quiet: 'small talk ({act}): no reply needed',
  remark: 'a remark, nothing to answer',
  remark_small_talk: 'small talk ({act}, {mode}) around a remark',
  not_found: 'nothing relevant was found in the knowledge',
  answered: 'answered from knowledge ({mode})',
  with_rules: '{why}; rules: {rules}',
} as const;
export type WhyCode = Exclude<keyof typeof WHY_TEXT, 'with_rules'>;

/** A turn's reason: one of the codes above with its values, or a hand-off (its reason's own text), and the rules that fired. */
export type Because =
  | { code: WhyCode; params?: Record<string, string>; rules?: readonly string[] }
  | { code: 'handoff'; reason: HandoffReason; detail?: string; rules?: readonly string[] };

/** Fills `{name}` placeholders; a missing value stays as written, so a mistake shows instead of vanishing. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The sentence of a reason that is not a hand-off, with the rules that fired after it. */
export function whyText(because: Exclude<Because, { code: 'handoff' }>): string {
  const why = fill(WHY_TEXT[because.code], because.params ?? {});
  return because.rules?.length && because.code !== 'rules' ? fill(WHY_TEXT.with_rules, { why, rules: because.rules.join(', ') }) : why;
}
