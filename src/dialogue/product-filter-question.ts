// "ada kemeja ukuran XXL ga?", "dress ada yg XL?", "do you have the dress in XL?", "yg ready stok apa aja kak?":
// a question about which products of the catalog have a size, or are in stock. No passage answers it (each product is
// a chunk of its own, and the size chart says what sizes exist, not which product has them): the answerer filters the
// catalog's products instead (answer/product-filter.ts). This reads the question only; the words that are left
// ("kemeja", "dress") must name products for the filter to apply.
import { isContentToken, tokenize } from '../knowledge/text.js';

export interface ProductFilter {
  /** The question's other content words ("kemeja", "batik"): each must be a word of the product. */
  words: string[];
  /** The size asked for, upper case ("XL"). */
  size?: string;
  /** Only products in stock ("yang ready apa aja?"). */
  inStock: boolean;
  /** Below the product just shown ("ada yg lebih murah?"), or the lowest prices ("yang paling murah apa?"). */
  cheaper?: 'than' | 'most';
  /** At most this price ("ada yg dibawah 200rb?", "budget 300rb dapet apa?", "anything under 250k?"). */
  under?: number;
}

/** Sizes written as letters; a single letter counts only after a word that makes it a size ("ukuran L", "yang M"). */
const SIZE = /^(?:xxs|xs|s|m|l|xl|xxl|xxxl|[2-5]xl)$/;
const SINGLE_LETTER_AFTER = new Set(['ukuran', 'size', 'uk', 'yang', 'in', 'sz']);
const STOCK = new Set(['ready', 'redy', 'stok', 'stock', 'tersedia', 'available', 'sedia']);
/** Words that ask whether something is there (or what it costs): "kalau XL?" alone is a follow-up on the size chart. */
const AVAILABILITY = new Set([...STOCK, 'ada', 'punya', 'have', 'has', 'any', 'got', 'jual', 'sell', 'masih', 'still', 'harga', 'harganya', 'price', 'prices', 'cost']);
/** "lebih murah", "cheaper": below the product just shown; "paling murah", "termurah", "cheapest": the lowest prices. */
const CHEAPER_THAN = [/\blebih\s+murah\b/, /\bcheaper\b/];
const CHEAPEST = [/\b(?:paling|yang)\s+murah\b/, /\btermurah\b/, /\bcheapest\b/];
/** A price ceiling, on standard tokens ("200rb" is 200000): "di bawah", "kurang dari", "budget", "under", "max" … */
const UNDER = /\b(?:di ?bawah|kurang dari|ga sampai|tidak sampai|budget|budgetnya|bujet|max|maks|maksimal|under|below|less than|up to)\s+(?:rp\s+)?(\d{4,})\b/;
const UNDER_WORDS = new Set(['dibawah', 'bawah', 'kurang', 'budget', 'budgetnya', 'bujet', 'max', 'maks', 'maksimal', 'under', 'below', 'less', 'rp']);
/** "apa saja", "mana saja", "which", "what": the question asks for a list. */
const LIST = [/\b(?:apa|mana)\s+saja\b/, /\b(?:which|what)\b/];
/** Words of the question that say what is asked, not which product: never matched against the products. */
const CUES = new Set([
  ...STOCK,
  'ukuran',
  'size',
  'sizes',
  'uk',
  'sz',
  'still',
  'sell',
  'jual',
  'jualan',
  'produk',
  'produknya',
  'barang',
  'barangnya',
  'item',
  'items',
  'ones',
  'one',
  'left',
  'harga',
  'harganya',
  'price',
  'prices',
  'cost',
]);
/** Words of a question about lower prices that are not a product's ("murah", "cheapest"). */
const PRICE_WORDS = new Set(['murah', 'termurah', 'lebih', 'paling', 'cheaper', 'cheapest', 'cheap', 'berapa', 'apa']);
/** A size question that asks for advice or measurements, which the size chart answers ("M atau L?", "lingkar dada"). */
const NOT_AVAILABILITY = new Set([
  'antara',
  'between',
  'atau',
  'or',
  'lingkar',
  'dada',
  'panjang',
  'lebar',
  'cm',
  'chest',
  'length',
  'width',
  'measurement',
  'measurements',
  'cocok',
  'cocoknya',
  'fit',
  'fits',
  'pilih',
  'choose',
  'beda',
  'difference',
  'tukar',
  'exchange',
  'retur',
  'return',
]);

/** The size a token names, upper case, or undefined ("M dan L": the L after a size and "dan" is one too). */
function sizeAt(tokens: readonly string[], i: number): string | undefined {
  const token = tokens[i]!;
  if (!SIZE.test(token)) return undefined;
  const listed = (tokens[i - 1] === 'dan' || tokens[i - 1] === 'and') && i >= 2 && sizeAt(tokens, i - 2) !== undefined;
  if (token.length === 1 && !SINGLE_LETTER_AFTER.has(tokens[i - 1] ?? '') && !listed) return undefined;
  return token.toUpperCase();
}

/** The filter a question asks for, or undefined when it is not a question about which products have a size or stock. */
export function productFilterAsked(question: string): ProductFilter | undefined {
  const tokens = tokenize(question);
  if (tokens.some((token) => NOT_AVAILABILITY.has(token))) return undefined;
  const sizes = tokens.map((_, i) => sizeAt(tokens, i)).filter((size): size is string => size !== undefined);
  const text = tokens.join(' ');
  const inStock = tokens.some((token) => STOCK.has(token)) && LIST.some((pattern) => pattern.test(text));
  const cheaper = CHEAPER_THAN.some((pattern) => pattern.test(text)) ? 'than' : CHEAPEST.some((pattern) => pattern.test(text)) ? 'most' : undefined;
  const under = UNDER.exec(text);
  if (cheaper !== undefined || under !== null) {
    const words = tokens.filter((token) => isContentToken(token) && !CUES.has(token) && !PRICE_WORDS.has(token) && !UNDER_WORDS.has(token) && !/^\d+$/.test(token));
    return under === null ? { words, inStock, cheaper: cheaper! } : { words, inStock, under: Number(under[1]) };
  }
  // One size: "M dan L?" is two questions, which the size chart answers better than two lists.
  if (sizes.length > 1 || (sizes.length === 0 && !inStock) || !tokens.some((token) => AVAILABILITY.has(token))) return undefined;
  const words = tokens.filter((token, i) => isContentToken(token) && !CUES.has(token) && sizeAt(tokens, i) === undefined);
  return { words, ...(sizes[0] === undefined ? {} : { size: sizes[0] }), inStock };
}

/** Words that ask about stock ("stoknya ada?" too), and those that only ask whether "it" is there: "masih ada?". */
const STOCK_ASKED = new Set([...STOCK, 'stoknya']);
const ONLY_AVAILABILITY = new Set([...STOCK_ASKED, 'ada', 'masih', 'still', 'in', 'it', 'availability']);

/**
 * "ready kak?", "stoknya ada?", "is it in stock?" with no product named: whether something is in stock, but which? Only
 * the product just described answers it (its stock); without one the customer is asked which product they mean.
 */
export function asksStockOfNothing(question: string): boolean {
  const all = tokenize(question);
  // "what's in stock?", "yg ready apa aja?" ask for the list (productFilterAsked).
  if (LIST.some((pattern) => pattern.test(all.join(' ')))) return false;
  const tokens = all.filter((token) => isContentToken(token) || ONLY_AVAILABILITY.has(token));
  return tokens.some((token) => STOCK_ASKED.has(token)) && tokens.every((token) => ONLY_AVAILABILITY.has(token));
}
