// The reply to "jual apa aja kak?" offline: the catalog's products, one per line with its price, in the customer's
// language (catalog.ts writes the labels). A long catalog is cut to its first products and says how many more there
// are: a chat message is no place for a thousand lines, and the customer's next question names what they want.
import type { Language } from '../config/settings.js';
import { type ProductField, productLine } from '../knowledge/formats/catalog.js';
import { termGroups, termsOf, tokenize } from '../knowledge/text.js';
import type { ScoredChunk } from '../knowledge/types.js';

/** The most products one reply lists. */
export const LISTED_PRODUCTS = 10;

const MORE: Record<Language, (n: number) => string> = {
  en: (n) => `…and ${n} more.`,
  id: (n) => `…dan ${n} produk lainnya.`,
  ms: (n) => `…dan ${n} produk lagi.`,
  es: (n) => `…y ${n} productos más.`,
  pt: (n) => `…e mais ${n} produtos.`,
};

const PRICE_ONLY = new Set(['price'] as const);

/** Products one line each with `fields`, cut at LISTED_PRODUCTS with a line saying how many more there are. */
export function productLines(products: readonly ScoredChunk[], language: Language, fields: ReadonlySet<ProductField>): string[] {
  const lines = products.slice(0, LISTED_PRODUCTS).flatMap((chunk) => {
    const product = chunk.metadata.product;
    return product === undefined ? [] : [productLine(product, { currency: product.currency, language: product.language }, language, fields)];
  });
  const rest = products.length - LISTED_PRODUCTS;
  return [...lines, ...(rest > 0 ? [MORE[language](rest)] : [])];
}

/** The products of the kinds the question names ("what shirts do you have?": the kemeja, by the first word of their names and its synonyms). */
export function ofKindsNamed(question: string, products: readonly ScoredChunk[]): ScoredChunk[] {
  const asked = new Set(termGroups(question).flat());
  const kindOf = (chunk: ScoredChunk) => termsOf(tokenize(chunk.metadata.product?.name ?? '')[0] ?? '');
  return products.filter((chunk) => kindOf(chunk).some((term) => asked.has(term)));
}

export function catalogOverview(products: readonly ScoredChunk[], language: Language): string {
  return productLines(products, language, PRICE_ONLY).join('\n');
}
