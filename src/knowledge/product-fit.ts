// A catalog row says what a product is (its name and description), what it costs, what it comes in, whether it is in
// stock and where to buy it, and nothing else. A question about the product that asks anything else ("bahannya
// katun?", "kapan restock?", "ada furingnya?", "arti motifnya apa?", "send me more photos") names the product well,
// so retrieval finds its row with a high score, but the row does not answer it: the question goes to a person
// instead of getting the row. Other passages are not judged here (a policy page may say what the row does not).
import { phraseMatches } from './concepts.js';
import { contentStems, isContentToken, termsOf, tokenize } from './text.js';
import type { ScoredChunk } from './types.js';
import { QUESTION_WORDS } from '../language/question-words.js';
import { slotOf } from '../language/slots.js';

/**
 * Words a row answers whatever its text: asking for an amount, what it comes in, what is left, where to buy
 * ("berapa", "come in", "still", "tinggal", "meter", "link", "beli"), and "one" of "the parang one", which is the
 * product itself. Its own fields are matched through the
 * thesaurus ("price" for "harga", "sizes" for "varian", "ready" for "stok").
 */
const ROW_ASKS: ReadonlySet<string> = new Set(
  `berapa how much many come comes still masih tinggal sisa left remaining meter metre cm link url tautan beli buy
   order pesan checkout available one ones`.split(/\s+/),
);
/** "batik tulis atau cap?", "lengan panjang apa pendek?" (chat's "or"): one of the alternatives the row holds answers it. */
const OR: ReadonlySet<string> = new Set(['atau', 'or', 'apa']);

/**
 * The lines of a message that ask, when some do: "ready kak?" under the description of the photo it came with
 * ("Kemeja batik mega mendung warna biru, label ukuran XL.") asks about stock, not about the colour the photo shows.
 */
function askingPart(query: string): string {
  const lines = query.split(/\n+|(?<=[.!?])\s+/).filter((line) => line.trim() !== '');
  const asking = lines.filter((line) => line.includes('?') || tokenize(line).some((token) => QUESTION_WORDS.has(token)));
  return asking.length > 0 && asking.length < lines.length ? asking.join('\n') : query;
}

/** Whether a passage answers the question as far as a catalog row can; every other passage passes. */
export function productFits(query: string): (passage: ScoredChunk) => boolean {
  const tokens = tokenize(askingPart(query));
  const phrases = phraseMatches(tokens);
  // "linknya", "harganya": the word's stems count too.
  const rowAsks = (token: string) => termsOf(token).some((term) => ROW_ASKS.has(term));
  const asked = tokens.flatMap((token, at) => (isContentToken(token) && slotOf(token) === undefined && !rowAsks(token) ? [at] : []));
  if (asked.length === 0) return () => true;
  return (passage) => {
    if (passage.metadata.product === undefined) return true;
    const terms = contentStems(passage.text);
    const holds = (at: number): boolean =>
      at >= 0 &&
      at < tokens.length &&
      (termsOf(tokens[at]!).some((term) => terms.has(term)) || phrases.some((phrase) => at >= phrase.start && at < phrase.end && terms.has(phrase.concept)));
    const alternative = (at: number): boolean => (OR.has(tokens[at - 1] ?? '') && holds(at - 2)) || (OR.has(tokens[at + 1] ?? '') && holds(at + 2));
    return asked.every((at) => holds(at) || alternative(at));
  };
}

/** What a product is made and looks like: asked of the product just described, only its row (or a person) answers. */
const ATTRIBUTES: ReadonlySet<string> = new Set('warna color colour colors colours bahan material materials motif pattern patterns corak'.split(' '));

/**
 * The question asks only about an attribute of a product ("warna apa aja?", "bahannya apa?", "what material?"): its
 * content words are all attribute words. "warna luntur gimana?" asks about colour fastness, which a policy answers.
 */
export function asksOnlyAttribute(question: string): boolean {
  const words = tokenize(question).filter(isContentToken);
  return words.length > 0 && words.every((word) => termsOf(word).some((term) => ATTRIBUTES.has(term)));
}
