// "kalau beli 2 kemeja parang sama 1 dress kawung totalnya brp?": the sum of the catalog's prices, line by line, so the
// customer can check each product and quantity that was read, at catalog prices and before shipping (the courier's
// cost depends on the address and weight, a discount on the pages' terms: a person or the checkout works them out). A product is named by the words of its
// name that the others' names do not share ("parang", not "batik"); a quantity is a number in the same part of the
// message ("2", "2 pcs", "2x"), else one. With no product named, "kalau 3 totalnya brp?" counts the product just shown.
import type { Language } from '../config/settings.js';
import { formatPrice, type Product } from '../knowledge/formats/catalog.js';
import { contentTokens, tokenize } from '../knowledge/text.js';
import type { ScoredChunk } from '../knowledge/types.js';

type CatalogProduct = NonNullable<ScoredChunk['metadata']['product']>;

/** Words that ask for the sum of several things. */
const TOTAL = new Set(['total', 'totalnya', 'semuanya', 'jumlahnya', 'altogether', 'together']);
const HOW_MUCH = new Set(['berapa', 'much', 'jadi']);

/** Where one product of a list ends: "2 kemeja parang sama 1 dress kawung", "2 shirts and a dress", "A + B". */
const SEPARATOR = /\s*(?:,|\+|&|\b(?:sama|dan|and|plus|ditambah|tambah|with)\b)\s*/iu;
/** A quantity: "2", "2 pcs", "2x", "x2"; not a size in centimetres or a price. */
const QUANTITY = /(?<![\d.,])(?:x\s*)?(\d{1,3})(?!\s*(?:(?:cm|kg|rb|ribu|k|jt|juta)\b|%)|[\d.,])/iu;

export interface OrderLine {
  product: ScoredChunk;
  quantity: number;
}

/** The message asks what several things (or several of one) cost together. */
export function asksTotal(question: string): boolean {
  const tokens = tokenize(question);
  return tokens.some((token) => TOTAL.has(token)) && tokens.some((token) => HOW_MUCH.has(token));
}

/** The product a part of the message names: the most of its own name's distinctive words, one product alone. */
function namedIn(part: string, products: readonly ScoredChunk[], shared: ReadonlySet<string>): ScoredChunk | undefined {
  const words = new Set(contentTokens(part));
  const scored = products.map((product) => ({ product, hits: contentTokens(product.metadata.product!.name).filter((word) => !shared.has(word) && words.has(word)).length }));
  const best = Math.max(0, ...scored.map((entry) => entry.hits));
  const top = scored.filter((entry) => entry.hits === best);
  return best > 0 && top.length === 1 ? top[0]!.product : undefined;
}

/** The products and quantities a total is asked of, or undefined when a part names none or a product has no price. */
export function orderLines(question: string, products: readonly ScoredChunk[], topic?: ScoredChunk): OrderLine[] | undefined {
  const priced = products.filter((product) => product.metadata.product?.price !== undefined);
  if (priced.length === 0) return undefined;
  // A word every name holds ("batik" in a batik shop) names none of them.
  const names = priced.map((product) => new Set(contentTokens(product.metadata.product!.name)));
  const shared = new Set([...names[0]!].filter((word) => priced.length > 1 && names.every((name) => name.has(word))));
  const lines: OrderLine[] = [];
  for (const part of question.split(SEPARATOR)) {
    const product = namedIn(part, priced, shared);
    const quantity = QUANTITY.exec(part);
    if (product !== undefined) lines.push({ product, quantity: quantity === null ? 1 : Number(quantity[1]) });
    else if (quantity !== null && topic?.metadata.product?.price !== undefined && lines.length === 0) lines.push({ product: topic, quantity: Number(quantity[1]) });
  }
  return lines.length > 0 && lines.every((line) => line.quantity > 0) ? lines : undefined;
}

/** The sum is of the catalog's prices: a discount the pages describe (wholesale, a promo) is not taken off. */
const WORDS: Record<Language, { total: string; terms: string }> = {
  id: { total: 'Total', terms: 'dengan harga katalog, belum termasuk ongkos kirim' },
  en: { total: 'Total', terms: 'at catalogue prices, before shipping' },
  ms: { total: 'Jumlah', terms: 'pada harga katalog, belum termasuk kos penghantaran' },
  es: { total: 'Total', terms: 'a precio de catálogo, sin el envío' },
  pt: { total: 'Total', terms: 'a preço de catálogo, sem o frete' },
};

/** The lines and their sum: "2 × Kemeja Batik Parang Slim Fit @ Rp 289.000 = Rp 578.000 … Total Rp 907.000, …". */
export function orderTotalReply(lines: readonly OrderLine[], language: Language): string {
  const first = lines[0]!.product.metadata.product as CatalogProduct;
  const money = (amount: number) => formatPrice(amount, { currency: first.currency, language: first.language });
  const rows = lines.map(({ product, quantity }) => {
    const { name, price } = product.metadata.product as Product & { price: number };
    return `${quantity} × ${name} @ ${money(price)} = ${money(price * quantity)}`;
  });
  const sum = lines.reduce((total, { product, quantity }) => total + product.metadata.product!.price! * quantity, 0);
  const words = WORDS[language];
  return `${rows.join('\n')}\n${words.total} ${money(sum)} ${words.terms}.`;
}
