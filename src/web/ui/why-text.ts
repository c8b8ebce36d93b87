// A playground turn's "what: why" in the page's language, from the reason the engine gives as a code and its values
// (engine/why.ts); a decision without one (an older server) shows the audit's English sentence.
import type { Because } from '../../engine/why.js';
import { type Lang, maybe, translate } from './i18n.js';

export interface Explained {
  what: string;
  why: string;
  because?: Because;
}

export function explainDecision(lang: Lang, decision: Explained): string {
  return `${maybe(lang, `what.${decision.what}`) ?? decision.what}: ${explainWhy(lang, decision)}`;
}

/** The reason alone (the dashboard app's "why the last reply was sent"). */
export function explainWhy(lang: Lang, { why, because }: Pick<Explained, 'why' | 'because'>): string {
  if (!because) return why;
  let text: string;
  if (because.code === 'handoff') {
    text = translate(lang, `reason.${because.reason}`) + (because.detail ? ` (${because.detail})` : '');
  } else {
    const params = { ...because.params };
    // The act and the file kind are words too.
    if (params.act !== undefined) params.act = maybe(lang, `act.${params.act}`) ?? params.act;
    if (params.kind !== undefined) params.kind = maybe(lang, `media.${params.kind}`) ?? params.kind;
    text = translate(lang, `why.${because.code}`, params);
  }
  return because.rules?.length && because.code !== 'rules' ? translate(lang, 'why.with_rules', { why: text, rules: because.rules.join(', ') }) : text;
}
