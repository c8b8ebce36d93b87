// A product the customer already has ("beli kemeja mega mendung kmrn …, kegedean, bisa dibalikin?", "I bought the
// kawung dress … too small, can I swap it?"): its name says which item, and the question asks a policy its catalog
// row does not hold. retrieve.ts reads such a question again without the name.
import { contentStems, tokenize } from './text.js';
import type { ScoredChunk } from './types.js';

/** Words that make a product the customer's own: "I bought", "my", "aku punya". */
const OWNS = new Set(['bought', 'purchased', 'received', 'my', 'punya']);
/** "beli" said of the past: "beli kmrn", "udh beli", "tadi beli", "minggu lalu beli". */
const BOUGHT_WHEN = new Set(['kemarin', 'sudah', 'tadi', 'lalu']);
/** "yg aku beli", "yang saya beli": the one I bought. */
const BUYER = new Set(['aku', 'saya', 'gue', 'gw']);

function ownsItem(query: string): boolean {
  const tokens = tokenize(query);
  const bought = tokens.some((token, i) => token === 'beli' && tokens[i - 2] === 'yang' && BUYER.has(tokens[i - 1] ?? ''));
  return bought || tokens.some((token) => OWNS.has(token)) || (tokens.includes('beli') && tokens.some((token) => BOUGHT_WHEN.has(token)));
}

/**
 * The question without the name of the product it is about, when the customer already has it ("beli kemeja mega
 * mendung kmrn pas diskon, ternyata kegedean, bisa dibalikin ga", "I bought the kawung dress … too small") and its row,
 * leading the candidates, does not answer: the name says which item, the rest asks a policy (returns, exchanges,
 * care), and the name's words drown the policy page. A question about a product not yet bought that its row does
 * not answer ("warna apa aja?", "more photos?") stays with the row, which hands it to a person. Undefined when there
 * is no such row or nothing but the name is asked.
 */
export function withoutProductName(query: string, candidates: readonly ScoredChunk[], fits: (passage: ScoredChunk) => boolean): ((text: string) => string) | undefined {
  const lead = candidates[0];
  const product = lead?.metadata.product;
  if (lead === undefined || product === undefined || fits(lead) || !ownsItem(query)) return undefined;
  const name = new Set(tokenize(product.name));
  const strip = (text: string): string => {
    const kept = tokenize(text).filter((token) => !name.has(token));
    return `${kept.join(' ')}${text.includes('?') ? '?' : ''}`;
  };
  return contentStems(strip(query)).size > 0 ? strip : undefined;
}
