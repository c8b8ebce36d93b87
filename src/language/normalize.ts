// Chat text in the form the knowledge is written in: numbers written one way ("800rb", "Rp 800.000" and "800k"
// are all 800000), informal spellings replaced by their standard words (chat-lexicon.ts), reduplication marked
// with a 2 undone ("baju2" -> "baju"), and a profile's own synonyms applied to a question. text.ts tokenises
// through this, so the index, the relevance check, the offline embeddings and the answerer all read the same words.
import { isStopword } from '../knowledge/stopwords.js';
import { CHAT_LEXICON } from './chat-lexicon.js';

/** A profile's synonym: `term` in a customer's message means `means` ("sby" means "Surabaya"). */
export interface Synonym {
  term: string;
  means: string;
}

const MULTIPLIERS: Record<string, number> = { rb: 1e3, ribu: 1e3, k: 1e3, jt: 1e6, juta: 1e6 };

/** A phone number (Indonesian mobile, or international with +) and an email address, as written in contact pages. */
const PHONE = /(?:\+\d{1,3}[\s-]?|\b0)8?\d{2,4}(?:[\s-]?\d{3,4}){2}\b/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** A web address: with a scheme, or a domain with a path ("batiksekar.id/lacak"). */
const URL = /\bhttps?:\/\/\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/\S*/g;

/**
 * Says what a contact detail is: "+62 812-3456-7890" is also "nomor telepon phone number", "halo@toko.id" also
 * "email", a web address also "link". A customer asks for "nomor WA", "your email" or "linknya", words the line that
 * holds the number or the address may not use.
 */
export function markContacts(text: string): string {
  return text
    .replace(URL, (url) => `${url} link`)
    .replace(PHONE, (phone) => `${phone} nomor telepon phone number`)
    .replace(EMAIL, (email) => `${email} email`);
}

/**
 * Brands as one word, as slots.ts lists them: "J&T" (the "&" would split it into two letters), "Grab Express",
 * "Go-Send", "ShopeePay" or "Apple Pay" written apart, "cash on delivery" (COD, a way to pay like the banks and wallets).
 */
export function normalizeBrands(text: string): string {
  return text
    .replace(/\bj\s?&\s?t\b/g, 'jnt')
    .replace(/\bgrab[\s-]?express\b/g, 'grabexpress')
    .replace(/\bgo[\s-]send\b/g, 'gosend')
    .replace(/\bgo[\s-]pay\b/g, 'gopay')
    .replace(/\bshopee[\s-]pay\b/g, 'shopeepay')
    .replace(/\b(apple|google|samsung|wechat)[\s-]pay\b/g, '$1pay')
    .replace(/\blink[\s-]aja\b/g, 'linkaja')
    .replace(/\bcash[\s-]on[\s-]delivery\b/g, 'cod');
}

/** Clothing sizes as customers name them: letters or a number (a waist or chest measure). */
const SIZE = '(?:xxxl|xxl|xl|l|m|s|xs|\\d{2,3})';
const BETWEEN_SIZES = new RegExp(`\\bbetween (?:size )?${SIZE} (?:and|or) ${SIZE}\\b`, 'g');
const ANTARA_SIZES = new RegExp(`\\b(?:di )?antara (?:ukuran |size )?${SIZE} (?:dan|sama|sm|ama|atau|apa|dengan|dgn) ${SIZE}\\b`, 'g');

/**
 * A choice between two sizes said as the size guide says it: "I'm between M and L" -> "between two sizes",
 * "aku antara M sama L" -> "di antara dua ukuran" ("if you are between two sizes, choose the larger one").
 */
export function normalizeSizeChoice(text: string): string {
  return text.replace(BETWEEN_SIZES, 'between two sizes').replace(ANTARA_SIZES, 'di antara dua ukuran');
}

/**
 * Numbers as digits only, on lowercased text: "rp500.000" -> "rp 500000", "1.250.000" -> "1250000",
 * "800rb" / "800 ribu" / "800k" -> "800000", "1,5jt" -> "1500000", "2x" -> "2 kali", "15%" -> "15 persen". Clock times ("08.00") and
 * decimals ("1,5 kg") are left alone: only groups of exactly three digits are thousands.
 */
export function normalizeNumbers(text: string): string {
  return text
    .replace(/\brp\.?\s?(?=\d)/g, 'rp ')
    .replace(/\b(\d+(?:[.,]\d+)?)\s?(rb|ribu|k|jt|juta)\b/g, (_whole, amount: string, unit: string) => {
      const value = Number(amount.replace(',', '.')) * MULTIPLIERS[unit]!;
      return Number.isFinite(value) ? String(Math.round(value)) : _whole;
    })
    .replace(/\b\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*\b(?![.,]\d)/g, (group) => group.replace(/[.,]/g, ''))
    .replace(/\b(\d+)x\b/g, '$1 kali')
    // "potongan 15%" answers "diskonnya brp persen?" (concepts.ts: persen is percent).
    .replace(/(\d)\s?%/g, '$1 persen');
}

/**
 * English conjunctions made of words that mean something else in a shop: "as long as the item is in stock" is not
 * about how long, "in order to" not about an order. Each is read as the one grammar word it stands for.
 */
const CONJUNCTIONS: Array<[string[], string]> = [
  [['as', 'long', 'as'], 'if'],
  [['as', 'soon', 'as'], 'when'],
  [['as', 'well', 'as'], 'and'],
  [['in', 'order', 'to'], 'to'],
];

function conjunctionAt(tokens: readonly string[], at: number): [string[], string] | undefined {
  return CONJUNCTIONS.find(([words]) => words.every((word, i) => tokens[at + i] === word));
}

/**
 * "hrgnya" is "harganya": a chat spelling keeps its "-nya" on the standard word (the last one: "ongkos kirimnya"). Not
 * when that word carries no topic: "bikinnya" stays, as "buatnya" would be dropped with the stopwords.
 */
function withNya(word: string): readonly string[] | undefined {
  const base = word.length >= 5 && word.endsWith('nya') ? CHAT_LEXICON.get(word.slice(0, -3)) : undefined;
  return base === undefined || isStopword(base.at(-1)!) ? undefined : [...base.slice(0, -1), `${base.at(-1)!}nya`];
}

/** Standard words for informal tokens; "baju2" (a reduplication) is "baju". */
export function canonicalTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let at = 0; at < tokens.length; at++) {
    const conjunction = conjunctionAt(tokens, at);
    if (conjunction !== undefined) {
      out.push(conjunction[1]);
      at += conjunction[0].length - 1;
      continue;
    }
    const token = tokens[at]!;
    const word = /^(\p{L}{3,})2$/u.exec(token)?.[1] ?? token;
    const standard = CHAT_LEXICON.get(word) ?? withNya(word);
    if (standard === undefined) out.push(word);
    else out.push(...standard);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The question with a profile's synonyms written out: each `term`, as a whole word in any case, becomes `means`. */
export function applySynonyms(text: string, synonyms: readonly Synonym[]): string {
  let out = text;
  for (const { term, means } of synonyms) {
    const trimmed = term.trim();
    if (trimmed === '') continue;
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}])`, 'giu'), means);
  }
  return out;
}
