// The reply to "ada kemeja ukuran XXL ga?" or "yg ready apa aja?" offline: the catalog's products that the question's
// words name, filtered by the size and stock asked, one line each with price, sizes and stock. When none has the size
// (or all are sold out) the reply says so and lists what there is, so the customer can pick another: the size chart's
// "shirts come in S to XXL" would have said yes to a dress that only comes in S, M and L.
import type { Language } from '../config/settings.js';
import type { ProductFilter } from '../dialogue/product-filter-question.js';
import { formatPrice, type ProductField } from '../knowledge/formats/catalog.js';
import { termGroups } from '../knowledge/text.js';
import type { ScoredChunk } from '../knowledge/types.js';
import { productLines } from './catalog-overview.js';

export interface FilteredProducts {
  filter: ProductFilter;
  /** The products the question's words name, whatever their sizes and stock. */
  named: ScoredChunk[];
  /** Those with the size and stock asked. */
  matching: ScoredChunk[];
  /** Asked of the product just shown ("ada ukuran XL?" after its line): its name and price are known already. */
  ofTopic: boolean;
}

/** A size as letters ("S", "XL"); "2XL" and "XXL" are one size. */
const LETTER_SIZE = /^(?:XXS|XS|S|M|L|XL|XXL|XXXL|[2-5]XL)$/;
const canonicalSize = (size: string): string => size.trim().toUpperCase().replace(/^XXXL$/, '3XL').replace(/^XXL$/, '2XL');

/** Per product chunk (the index keeps them per generation): the terms its name and description hold. */
const termsByProduct = new WeakMap<ScoredChunk, Set<string>>();

/** Every term of a product's name and description (stems and synonym groups), for matching the customer's words. */
function productTerms(chunk: ScoredChunk): Set<string> {
  let terms = termsByProduct.get(chunk);
  if (terms === undefined) {
    const product = chunk.metadata.product!;
    terms = new Set(termGroups(`${product.name} ${product.description ?? ''}`).flat());
    termsByProduct.set(chunk, terms);
  }
  return terms;
}

/** In stock, or with no stock column to say otherwise. */
const inStock = (chunk: ScoredChunk): boolean => (chunk.metadata.product!.stock ?? 1) > 0;

/**
 * The products `filter` asks for, or undefined when its words name no product (then it is no question about the
 * catalog). A size asked without naming a product is asked of `topic`, the product just shown, when there is one; when
 * it has the size, its own line answers (undefined here).
 */
export function filterProducts(products: readonly ScoredChunk[], filter: ProductFilter, topic?: ScoredChunk): FilteredProducts | undefined {
  if (filter.cheaper !== undefined) return cheaper(products, filter, topic);
  if (filter.under !== undefined) return under(products, filter, filter.under);
  if (topic !== undefined && filter.words.length === 0 && filter.size !== undefined) {
    const result = filterProducts([topic], filter);
    return result === undefined || result.matching.length > 0 ? undefined : { ...result, ofTopic: true };
  }
  const wordTerms = filter.words.map((word) => termGroups(word)[0] ?? []);
  const named = products.filter((chunk) => {
    if (chunk.metadata.product === undefined) return false;
    const terms = productTerms(chunk);
    return wordTerms.every((group) => group.some((term) => terms.has(term)));
  });
  const size = filter.size === undefined ? undefined : canonicalSize(filter.size);
  // A size asked of a catalog without sizes in letters (food, fabric by the metre) is not for this filter.
  if (named.length === 0 || (size !== undefined && !named.some((chunk) => chunk.metadata.product!.variants.some((variant) => LETTER_SIZE.test(variant.trim().toUpperCase()))))) {
    return undefined;
  }
  const matching = named.filter(
    (chunk) => (size === undefined || chunk.metadata.product!.variants.some((variant) => canonicalSize(variant) === size)) && (!filter.inStock || inStock(chunk)),
  );
  return { filter, named, matching, ofTopic: false };
}

/** The products with a price, only those in stock when the filter asks for stock. */
const pricedFor = (products: readonly ScoredChunk[], filter: ProductFilter): ScoredChunk[] =>
  products.filter((chunk) => priceOf(chunk) !== undefined && (!filter.inStock || inStock(chunk)));

/** The most products a "paling murah?" lists. */
const CHEAPEST = 3;

const priceOf = (chunk: ScoredChunk): number | undefined => chunk.metadata.product?.price;

/** Products by price, lowest first (the catalog's order between equal prices). */
const byPrice = (chunks: readonly ScoredChunk[]): ScoredChunk[] => [...chunks].sort((a, b) => priceOf(a)! - priceOf(b)!);

/**
 * "ada yg lebih murah?" after a product: the products priced below it, lowest first. "yang paling murah apa?", "what is
 * your cheapest shirt?": the lowest-priced products the words name.
 */
function cheaper(products: readonly ScoredChunk[], filter: ProductFilter, topic: ScoredChunk | undefined): FilteredProducts | undefined {
  const priced = pricedFor(products, filter);
  const limit = topic === undefined || filter.cheaper !== 'than' ? undefined : priceOf(topic);
  if (filter.words.length === 0 && limit !== undefined) {
    return { filter, named: [topic!], matching: byPrice(priced.filter((chunk) => priceOf(chunk)! < limit)), ofTopic: true };
  }
  const named = filterProducts(priced, { words: filter.words, inStock: false })?.named ?? [];
  return named.length === 0 ? undefined : { filter, named, matching: byPrice(named).slice(0, CHEAPEST), ofTopic: false };
}

/**
 * "ada yg dibawah 200rb?", "kemeja budget 300rb?": the products the words name priced at most `limit`, lowest first;
 * when there are none, `matching` is empty and the reply names the lowest prices instead.
 */
function under(products: readonly ScoredChunk[], filter: ProductFilter, limit: number): FilteredProducts | undefined {
  const priced = pricedFor(products, filter);
  const named = filter.words.length === 0 ? priced : (filterProducts(priced, { words: filter.words, inStock: false })?.named ?? []);
  return named.length === 0 ? undefined : { filter, named: byPrice(named), matching: byPrice(named.filter((chunk) => priceOf(chunk)! <= limit)), ofTopic: false };
}

interface Texts {
  /** Before the products with the size asked. */
  withSize: (size: string) => string;
  /** Before the products in stock. */
  inStock: string;
  /** None has the size; `words` is what the customer asked about, or empty. */
  noSize: (size: string, words: string) => string;
  /** All are sold out. */
  soldOut: (words: string) => string;
  /** Before the products priced below `name`. */
  cheaperThan: (name: string) => string;
  /** Before the lowest-priced products. */
  cheapest: string;
  /** Nothing is priced below `name`. */
  lowest: (name: string) => string;
  /** Before the products priced at most `price`. */
  under: (price: string) => string;
  /** None is priced at most `price`: before the lowest prices. */
  noneUnder: (price: string) => string;
}

const TEXTS: Record<Language, Texts> = {
  en: {
    withSize: (size) => `We have size ${size} in:`,
    inStock: 'In stock now:',
    noSize: (size, words) => `Sorry, size ${size} is not available${words ? ` for ${words}` : ''}. What we have:`,
    soldOut: (words) => `Sorry, ${words || 'everything'} is sold out at the moment.`,
    cheaperThan: (name) => `Cheaper than ${name}:`,
    cheapest: 'Our lowest prices:',
    lowest: (name) => `${name} is already our lowest price.`,
    under: (price) => `At most ${price}:`,
    noneUnder: (price) => `Sorry, nothing is priced at ${price} or less. Our lowest prices:`,
  },
  id: {
    withSize: (size) => `Ukuran ${size} ada untuk:`,
    inStock: 'Yang ready saat ini:',
    noSize: (size, words) => `Maaf kak, ukuran ${size} belum tersedia${words ? ` untuk ${words}` : ''}. Yang ada:`,
    soldOut: (words) => `Maaf kak, ${words || 'semua produk'} sedang habis.`,
    cheaperThan: (name) => `Yang lebih murah dari ${name}:`,
    cheapest: 'Yang paling murah:',
    lowest: (name) => `${name} sudah yang paling murah, kak.`,
    under: (price) => `Yang harganya sampai ${price}:`,
    noneUnder: (price) => `Maaf kak, belum ada yang harganya sampai ${price}. Yang paling murah:`,
  },
  ms: {
    withSize: (size) => `Saiz ${size} ada untuk:`,
    inStock: 'Yang ada stok sekarang:',
    noSize: (size, words) => `Maaf, saiz ${size} tiada${words ? ` untuk ${words}` : ''}. Yang ada:`,
    soldOut: (words) => `Maaf, ${words || 'semua produk'} habis dijual buat masa ini.`,
    cheaperThan: (name) => `Yang lebih murah daripada ${name}:`,
    cheapest: 'Yang paling murah:',
    lowest: (name) => `${name} sudah yang paling murah.`,
    under: (price) => `Yang harganya sehingga ${price}:`,
    noneUnder: (price) => `Maaf, tiada yang harganya sehingga ${price}. Yang paling murah:`,
  },
  es: {
    withSize: (size) => `Tenemos la talla ${size} en:`,
    inStock: 'Disponible ahora:',
    noSize: (size, words) => `Lo siento, no tenemos la talla ${size}${words ? ` en ${words}` : ''}. Lo que hay:`,
    soldOut: (words) => `Lo siento, ${words || 'todo'} está agotado por ahora.`,
    cheaperThan: (name) => `Más barato que ${name}:`,
    cheapest: 'Nuestros precios más bajos:',
    lowest: (name) => `${name} ya es nuestro precio más bajo.`,
    under: (price) => `Hasta ${price}:`,
    noneUnder: (price) => `Lo siento, no hay nada de ${price} o menos. Nuestros precios más bajos:`,
  },
  pt: {
    withSize: (size) => `Temos o tamanho ${size} em:`,
    inStock: 'Em estoque agora:',
    noSize: (size, words) => `Desculpe, não temos o tamanho ${size}${words ? ` em ${words}` : ''}. O que temos:`,
    soldOut: (words) => `Desculpe, ${words || 'tudo'} está esgotado no momento.`,
    cheaperThan: (name) => `Mais barato que ${name}:`,
    cheapest: 'Nossos menores preços:',
    lowest: (name) => `${name} já é o nosso menor preço.`,
    under: (price) => `Até ${price}:`,
    noneUnder: (price) => `Desculpe, não há nada de ${price} ou menos. Nossos menores preços:`,
  },
};

const LISTED: ReadonlySet<ProductField> = new Set<ProductField>(['price', 'variants', 'stock']);
const SIZES_AND_STOCK: ReadonlySet<ProductField> = new Set<ProductField>(['variants', 'stock']);
const ONE: ReadonlySet<ProductField> = new Set<ProductField>(['price', 'variants', 'stock', 'link']);

/** The line before the products (or the whole reply when there are none to list). */
function headOf({ filter, named, matching, ofTopic }: FilteredProducts, texts: Texts, price: (amount: number) => string): string {
  if (filter.under !== undefined) return matching.length > 0 ? texts.under(price(filter.under)) : texts.noneUnder(price(filter.under));
  if (filter.cheaper !== undefined) {
    const name = named[0]!.metadata.product!.name;
    return matching.length === 0 ? texts.lowest(name) : ofTopic ? texts.cheaperThan(name) : texts.cheapest;
  }
  if (matching.length > 0) return filter.size !== undefined ? texts.withSize(filter.size) : texts.inStock;
  // "ada ukuran XL?" about the product just shown names it: "… belum tersedia untuk Dress Batik Kawung".
  const words = filter.words.join(' ') || (named.length === 1 ? named[0]!.metadata.product!.name : '');
  return filter.size !== undefined ? texts.noSize(filter.size, words) : texts.soldOut(words);
}

/** The reply; `shown` are the products it lists (the matching ones, else those named). */
export function productFilterReply(result: FilteredProducts, language: Language): { text: string; shown: ScoredChunk[] } {
  const { filter, matching, named, ofTopic } = result;
  const first = named[0]?.metadata.product;
  const price = (amount: number) => (first === undefined ? String(amount) : formatPrice(amount, { currency: first.currency, language: first.language }));
  const head = headOf(result, TEXTS[language], price);
  // Nothing under the price asked: the lowest prices there are.
  const shown = matching.length > 0 ? matching : filter.under !== undefined ? named.slice(0, CHEAPEST) : named;
  if (filter.under !== undefined) return { text: [head, ...productLines(shown, language, shown.length === 1 ? ONE : LISTED)].join('\n'), shown };
  // Nothing to list: sold out (the lines would only repeat "sold out"), or already the lowest price.
  if (matching.length === 0 && filter.size === undefined) return { text: head, shown };
  const fields = ofTopic && filter.cheaper === undefined ? SIZES_AND_STOCK : shown.length === 1 ? ONE : LISTED;
  return { text: [head, ...productLines(shown, language, fields)].join('\n'), shown };
}

const WHICH_PRODUCT: Record<Language, string> = {
  en: 'Which product do you mean? Tell me its name and I will check the stock.',
  id: 'Produk yang mana, kak? Sebutkan nama produknya ya, nanti saya cek stoknya.',
  ms: 'Produk yang mana? Beritahu nama produknya dan saya akan semak stoknya.',
  es: '¿Qué producto? Dígame su nombre y le confirmo si hay existencias.',
  pt: 'Qual produto? Diga o nome e eu verifico o estoque.',
};

/** The reply to "ready kak?" when no product was named or shown (dialogue/product-filter-question.ts). */
export function whichProductReply(language: Language): string {
  return WHICH_PRODUCT[language];
}
