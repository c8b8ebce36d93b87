// "jual apa aja kak?", "produknya apa saja?", "what do you sell?": a question about the whole catalog, which no single
// passage answers (each product is a chunk of its own). The answerer lists the catalog's products for it instead of
// searching (answer/catalog-overview.ts). A question about one item ("jual masker batik gk?") is not one of these: it
// names the item, and retrieval answers it or not.
import { tokenize } from '../knowledge/text.js';

/** Phrases over standard tokens (chat spelling already undone: "aja" is "saja", "brg" "barang"). */
const CATALOG: RegExp[] = [
  // Indonesian: "jual apa saja", "jualan apa", "yang dijual apa saja", "produk(nya) apa saja", "ada barang apa saja"
  /\b(?:jual|jualan|menjual|dijual|jualnya)\s+apa\b/,
  /\bapa\s+(?:saja\s+)?(?:yang\s+)?(?:dijual|dijualnya|jual)\b/,
  // Not "barang apa saja yang bisa diretur?": which items a rule covers.
  /\b(?:produk|produknya|barang|barangnya|koleksi|koleksinya)\s+apa\s+saja\b(?!\s+yang\s+(?:bisa|boleh|tidak|dapat))/,
  /\bada\s+(?:produk|barang|koleksi)\s+apa\b/,
  /(?:^|\b(?:minta|lihat|kirim|ada|share|mau)\s+)(?:katalog|katalognya|daftar\s+produk|list\s+produk|daftar\s+harga|pricelist|price\s+list)\b/,
  // English: "what do you sell", "what products do you have", "send me your catalog"
  /\bwhat\s+(?:do\s+you|products\s+do\s+you|items\s+do\s+you|kind\s+of\s+products\s+do\s+you)\s+(?:sell|have|offer|carry)\b/,
  /\bwhat\s+(?:products|items)\s+(?:are\s+there|are\s+available|you\s+have)\b/,
  /\b(?:send|show|share|see)\s+(?:me\s+)?(?:the\s+|your\s+)?(?:catalog|catalogue|product\s+list|price\s+list)\b/,
];

export function asksForCatalog(question: string): boolean {
  const text = tokenize(question).join(' ');
  return CATALOG.some((pattern) => pattern.test(text));
}

/**
 * "jual dress apa aja?", "kemeja apa saja yang ready?", "kemeja ada apa aja?", "ada kemeja?", "what shirts do you have?",
 * "I want to buy a batik shirt": a list of some kind of thing. The
 * words naming the thing listed ("dress"), or undefined; it is a catalog question when they name a kind of product
 * (the answerer checks: "ada pembayaran apa saja?" and "dress kawung ada ukuran apa aja?" are not).
 */
const KIND_LIST: RegExp[] = [
  /\b(?:jual|jualan|ada|punya)\s+(\w+(?:\s+\w+)?)\s+apa\s+saja\b(?!\s+yang\s+(?:bisa|boleh|tidak|dapat))/,
  /\b(\w+)\s+apa\s+saja\s+yang\s+(?:dijual|ada|ready|tersedia)\b/,
  // "kemeja cowok ada apa aja?": the kind before "ada"; what follows a "yang" is a rule's scope, as above.
  /\b(\w+(?:\s+\w+)?)\s+ada\s+apa\s+saja\b(?!\s+yang\s+(?:bisa|boleh|tidak|dapat))/,
  /\b(?:what|which)\s+(?:kind\s+of\s+|kinds\s+of\s+)?(\w+)\s+do\s+you\s+(?:sell|have|offer|carry)\b/,
  // "ada kemeja?", "do you have shirts?": a kind alone, nothing after it but politeness ("ada kemeja parang?" names one).
  /\b(?:ada|punya|jual|jualan)\s+(?!apa\b|yang\b|mana\b)(\w+)(?:\s+(?:tidak|kakak|min|gan|sis|ya|dong|saja))*$/,
  /\b(?:do\s+you\s+(?:have|sell|carry)|have\s+you\s+got|got)\s+(?:any\s+)?(\w+)$/,
  // "I want to buy a batik shirt", "mau beli kemeja": which ones there are, before any order ("mau beli dress kawung"
  // names one, and retrieval finds its row).
  /\b(?:want\s+to|wanna|would\s+like\s+to|mau|ingin|pengen)\s+(?:buy|order|beli|pesan)\s+(?:a\s+|an\s+|some\s+)?(?:batik\s+)?(\w+)$/,
];

export function kindListed(question: string): string | undefined {
  const text = tokenize(question).join(' ');
  for (const pattern of KIND_LIST) {
    const match = pattern.exec(text);
    if (match !== null) return match[1];
  }
  return undefined;
}
