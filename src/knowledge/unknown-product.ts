// A price or stock question about a product the catalog does not carry: one the knowledge never names ("harga kemeja
// sidomukti brp?") or one that mixes two products' names ("harga batik tulis lasem?" when the lasem is a batik cap
// and the batik tulis a sogan; "the batik tulis parang shirt"). The nearest row is another product, and its price
// is no answer: a person says what the shop has instead. Several products in one question ("kemeja parang sama dress
// kawung") are read apart, at "dan", "sama", "and", commas and the like.
import { phrasePositions } from './concepts.js';
import { namedNowhere } from './unknown-subject.js';
import { isContentToken, stemVariants, termsOf, tokenize } from './text.js';
import type { ScoredChunk } from './types.js';

/** Where one product of a question ends and the next begins. */
const BETWEEN_PRODUCTS = /[,;+&/\n]|\b(?:dan|sama|sm|ama|and|atau|or|plus|serta|terus|trus)\b/iu;

/** Words that ask for a price or whether a product is there to buy (after tokenize: "brp" is "berapa"). */
const ASKS_PRICE_OR_STOCK = new Set('harga berapa price cost much ada ready stok stock jual sell have available tersedia punya'.split(' '));

interface NamedProduct {
  /** The stems of the words of its name. */
  words: Set<string>;
  /** The stems and concepts of its name's first word, what kind of thing it is ("kemeja" is also a shirt). */
  kind: Set<string>;
}

function namedProduct(name: string): NamedProduct {
  const tokens = tokenize(name).filter(isContentToken);
  return { words: new Set(tokens.flatMap(stemVariants)), kind: new Set(tokens.length ? termsOf(tokens[0]!) : []) };
}

const names = (product: NamedProduct, token: string): boolean => stemVariants(token).some((variant) => product.words.has(variant)) || termsOf(token).some((term) => product.kind.has(term));

/** A word that can only be a name the knowledge does not use: not one it uses, nor a size, place, number or word the lexicon gives a meaning ("price"). */
function isUnknownName(token: string, knows: (term: string) => boolean): boolean {
  return namedNowhere(token, knows) && !ASKS_PRICE_OR_STOCK.has(token) && !termsOf(token).some((term) => term.startsWith('~'));
}

/** Whether one part of a question asks about a product none of `products` is. */
function asksAboutAnother(part: string, products: readonly NamedProduct[], knows: (term: string) => boolean): boolean {
  const tokens = tokenize(part);
  if (!tokens.some((token) => ASKS_PRICE_OR_STOCK.has(token))) return false;
  const content = tokens.map((token, at) => ({ token, at })).filter(({ token }) => isContentToken(token));
  const naming = content.filter(({ token }) => products.some((product) => names(product, token)));
  if (naming.length >= 2 && !products.some((product) => naming.every(({ token }) => names(product, token)))) return true;
  // The word right after a kind of product ("kemeja", "shirt"), past words all the rows' names share ("batik"), is
  // the product's own name: after a name the catalog has ("kain tulis sogan tinggal brp?") it is not, nor after a
  // word between ("kemeja batik untuk karyawan" is for whom, not which).
  const inPhrase = phrasePositions(tokens);
  const shared = (token: string) => products.length > 1 && products.every((product) => names(product, token));
  return content.some(({ token }, i) => {
    if (!products.some((product) => termsOf(token).some((term) => product.kind.has(term)))) return false;
    let next = i + 1;
    while (next < content.length && shared(content[next]!.token)) next += 1;
    const name = content[next];
    return name !== undefined && name.at === content[next - 1]!.at + 1 && !inPhrase.has(name.at) && isUnknownName(name.token, knows);
  });
}

/** Whether the customer asks the price or stock of a product the catalog rows among `candidates` do not include. */
export function asksForUnknownProduct(asked: string, candidates: readonly ScoredChunk[], knows: (term: string) => boolean): boolean {
  const products = candidates.flatMap((candidate) => (candidate.metadata.product === undefined ? [] : [namedProduct(candidate.metadata.product.name)]));
  if (products.length === 0) return false;
  return asked.split(BETWEEN_PRODUCTS).some((part) => part !== undefined && asksAboutAnother(part, products, knows));
}
