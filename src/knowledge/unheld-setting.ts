// "retur bisa ke showroom?", "di showroom bisa bayar pake kartu kredit?", "harga di showroom sama kyk di web?": a
// question about doing something at the shop's physical store. The pages say what the store offers in its own section
// (trying on, picking up); the returns or card section that ranks first for the rest of the question says how it is
// done online and nothing of the store, so it is no answer to whether it can be done there: a person says. Only the
// physical store counts as such a setting: the website is where everything else happens, so "pesen di web bisa cod?"
// is answered by the COD section.
import { contentStems, termsOf, tokenize } from './text.js';
import type { ScoredChunk } from './types.js';

/** The words that put what follows as the place where something happens. */
const AT = new Set(['di', 'ke', 'at', 'in', 'to']);
const ARTICLES = new Set(['the', 'your', 'a', 'an']);
const STORE = '~showroom';

/** The question asks something of the physical store: a showroom word right after "di", "ke", "at" … */
function asksAtStore(asked: string): boolean {
  const tokens = tokenize(asked);
  return tokens.some((token, at) => {
    if (!AT.has(token)) return false;
    const next = tokens.slice(at + 1).find((word) => !ARTICLES.has(word));
    return next !== undefined && termsOf(next).includes(STORE);
  });
}

/** The best passage says nothing of the physical store the question asks about. */
export function storeUnheld(asked: string, candidates: readonly ScoredChunk[]): boolean {
  const [best] = candidates;
  if (best === undefined || !asksAtStore(asked)) return false;
  return !contentStems(`${best.metadata.heading ?? ''} ${best.text}`).has(STORE);
}
