// A product catalog (CSV or JSON) as knowledge: one section per product with its price in the account
// currency, variants, stock and link on one line, so a retrieved chunk always carries all of them
// together and the extractive answerer quotes them as one sentence.
//
// Columns are matched by name in English or Indonesian (name/nama, price/harga, stock/stok, …). A broken
// row (wrong column count, no name, a price that is not a number) is reported with its row number and
// skipped; the other rows are kept.
import { parse } from 'csv-parse/sync';
import type { Language } from '../../config/settings.js';

export interface CatalogOptions {
  /** ISO 4217 code of the account currency, e.g. IDR. */
  currency: string;
  /** Language of the labels ("price", "harga") and of the number format. */
  language: Language;
}

export interface Product {
  name: string;
  price?: number;
  variants: string[];
  stock?: number;
  link?: string;
  description?: string;
}

export interface CatalogText {
  text: string;
  /** The products themselves: an answer writes a product out again in the customer's language. */
  products: Product[];
  /** One line per skipped row: "row 4: price "abc" is not a number". */
  warnings: string[];
}

type Field = keyof Product;

const ALIASES: Record<Field, string[]> = {
  name: ['name', 'product', 'product name', 'title', 'nama', 'nama produk', 'produk'],
  price: ['price', 'harga', 'harga jual', 'precio', 'preco', 'preço'],
  variants: ['variants', 'variant', 'sizes', 'size', 'varian', 'ukuran', 'options'],
  stock: ['stock', 'stok', 'quantity', 'qty', 'inventory', 'jumlah'],
  link: ['link', 'url', 'tautan', 'page'],
  description: ['description', 'deskripsi', 'details', 'keterangan', 'category', 'kategori', 'tags'],
};

const FIELD_BY_HEADER = new Map<string, Field>(
  (Object.entries(ALIASES) as [Field, string[]][]).flatMap(([field, names]) => names.map((name) => [name, field] as const)),
);

const LOCALES: Record<Language, string> = { id: 'id-ID', en: 'en-US', ms: 'ms-MY', es: 'es-ES', pt: 'pt-BR' };

const LABELS: Record<Language, { price: string; variants: string; inStock: (n: number) => string; outOfStock: string }> = {
  en: { price: 'price', variants: 'variants', inStock: (n) => `in stock (${n})`, outOfStock: 'out of stock' },
  id: { price: 'harga', variants: 'varian', inStock: (n) => `stok tersedia (${n})`, outOfStock: 'stok habis' },
  ms: { price: 'harga', variants: 'varian', inStock: (n) => `stok ada (${n})`, outOfStock: 'stok habis' },
  es: { price: 'precio', variants: 'variantes', inStock: (n) => `en stock (${n})`, outOfStock: 'agotado' },
  pt: { price: 'preço', variants: 'variantes', inStock: (n) => `em estoque (${n})`, outOfStock: 'esgotado' },
};

/** "250000", "250.000" or "250,000" (thousands), "19.99" or "19,99" (decimals), "Rp 250.000". */
export function parsePrice(raw: string): number | undefined {
  const bare = raw.replace(/[^\d.,]/g, '');
  if (/^\d{1,3}([.,]\d{3})+$/.test(bare)) return Number(bare.replace(/[.,]/g, ''));
  if (/^\d+([.,]\d{1,2})?$/.test(bare)) return Number(bare.replace(',', '.'));
  return undefined;
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).trim();
}

/** One product from a record keyed by column name; throws the reason when the record is unusable. */
function toProduct(record: Record<string, unknown>): Product {
  const values: Partial<Record<Field, unknown>> = {};
  for (const [key, value] of Object.entries(record)) {
    const field = FIELD_BY_HEADER.get(key.trim().toLowerCase());
    if (field !== undefined && values[field] === undefined) values[field] = value;
  }
  const name = text(values.name);
  if (name === '') throw new Error('no product name');
  const product: Product = { name, variants: [] };
  const price = text(values.price);
  if (price !== '') {
    const parsed = typeof values.price === 'number' ? values.price : parsePrice(price);
    if (parsed === undefined || !Number.isFinite(parsed) || parsed < 0) throw new Error(`price "${price}" is not a number`);
    product.price = parsed;
  }
  const stock = text(values.stock);
  if (stock !== '') {
    const parsed = Number(stock);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`stock "${stock}" is not a whole number`);
    product.stock = parsed;
  }
  const variants = values.variants;
  // "S, M, L" or "S;M;L"; a comma without a space is a decimal ("2 x 1,1 m").
  product.variants = (Array.isArray(variants) ? variants.map(text) : text(variants).split(/\s*[;|/]\s*|,\s+/)).map((v) => v.trim()).filter(Boolean);
  const link = text(values.link);
  if (link !== '') product.link = link;
  const description = text(values.description);
  if (description !== '') product.description = description;
  return product;
}

export function formatPrice(price: number, options: CatalogOptions): string {
  return new Intl.NumberFormat(LOCALES[options.language], {
    style: 'currency',
    currency: options.currency,
    minimumFractionDigits: Number.isInteger(price) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(price);
}

/** What a product line can say besides the product's name. */
export type ProductField = 'price' | 'variants' | 'stock' | 'link';
const ALL_FIELDS: ReadonlySet<ProductField> = new Set<ProductField>(['price', 'variants', 'stock', 'link']);

/**
 * A product as one line: name, description, price, variants, stock, link. The labels ("harga", "price") are in
 * `labelLanguage` (the customer's, in an answer), the price as the catalog writes it. With `fields`, only the name
 * and those: "brp harganya?" after the whole line was given gets its price, not the line again.
 */
export function productLine(product: Product, options: CatalogOptions, labelLanguage: Language = options.language, fields: ReadonlySet<ProductField> = ALL_FIELDS): string {
  const labels = LABELS[labelLanguage];
  const whole = fields === ALL_FIELDS;
  const parts = [product.description === undefined || !whole ? product.name : `${product.name}: ${product.description}`];
  if (product.price !== undefined && fields.has('price')) parts.push(`${labels.price} ${formatPrice(product.price, options)}`);
  if (product.variants.length > 0 && fields.has('variants')) parts.push(`${labels.variants} ${product.variants.join(', ')}`);
  if (product.stock !== undefined && fields.has('stock')) parts.push(product.stock > 0 ? labels.inStock(product.stock) : labels.outOfStock);
  if (product.link !== undefined && fields.has('link')) parts.push(product.link);
  return parts.join(' — ');
}

function render(products: Product[], warnings: string[], options: CatalogOptions): CatalogText {
  if (products.length === 0) {
    throw new Error(warnings.length > 0 ? `no usable product rows (${warnings.slice(0, 3).join('; ')})` : 'the catalog has no products');
  }
  return { text: products.map((product) => `## ${product.name}\n\n${productLine(product, options)}`).join('\n\n'), products, warnings };
}

/** csv-parse's "Invalid Record Length: columns length is 3, got 4 on line 4" -> "4 columns, the header has 3". */
function describeCsvError(message: string): string {
  const length = /columns length is (\d+), got (\d+)/.exec(message);
  return length === null ? message : `${length[2]} columns, the header has ${length[1]}`;
}

export function csvCatalog(source: string, options: CatalogOptions): CatalogText {
  const skipped: { row: number; reason: string }[] = [];
  const products: Product[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(source, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error !== undefined) skipped.push({ row: Number(error.lines), reason: describeCsvError(error.message) });
        return undefined;
      },
    }) as { record: Record<string, string>; info: { lines: number } }[];
  } catch (error) {
    throw new Error(`unreadable CSV (${error instanceof Error ? error.message : String(error)})`);
  }
  for (const { record, info } of records) {
    try {
      products.push(toProduct(record));
    } catch (error) {
      skipped.push({ row: info.lines, reason: (error as Error).message });
    }
  }
  const warnings = skipped.sort((a, b) => a.row - b.row).map(({ row, reason }) => `row ${row}: ${reason}`);
  return render(products, warnings, options);
}

export function jsonCatalog(source: string, options: CatalogOptions): CatalogText {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`);
  }
  const items = Array.isArray(data) ? data : (data as { products?: unknown } | null)?.products;
  if (!Array.isArray(items)) throw new Error('a JSON catalog is an array of products, or {"products": [...]}');
  const warnings: string[] = [];
  const products: Product[] = [];
  items.forEach((item: unknown, i) => {
    try {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('not an object');
      products.push(toProduct(item as Record<string, unknown>));
    } catch (error) {
      warnings.push(`item ${i + 1}: ${(error as Error).message}`);
    }
  });
  return render(products, warnings, options);
}
