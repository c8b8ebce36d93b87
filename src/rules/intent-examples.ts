// Intents and topics by example: a message means what an example phrase means when it is close enough to it, so
// paraphrases count, not only the words of the lists in lexicon.ts ("how do I get refunded?" is near "I want my money
// back"). Closeness is the larger of two measures, each over the words as the knowledge reads them (chat spellings
// standardised, stems, the bilingual thesaurus of knowledge/concepts.ts):
// - the cosine of the offline embeddings (knowledge/offline-embeddings.ts), which also sees spelling variants;
// - the share of the example's content words that the message has (lexical: "refund dong" has all of "refund").
// The message is compared whole and clause by clause, since a greeting or a second question around the request
// dilutes it. Built-in intents use the phrases below; a `custom` intent or topic its own, separated by commas.
import type { Topic, Want } from '../config/settings-rules.js';
import { contentStems, tokenize } from '../knowledge/text.js';
import { OfflineEmbeddings } from '../knowledge/offline-embeddings.js';
import { NEGATORS } from './signal-features.js';

/** Chosen on test/eval/classifier-tune.jsonl: the F1 of `wants refund` and `wants human` is flat from 0.6 to 0.8. */
export const EXAMPLE_THRESHOLD = 0.7;
/**
 * A custom intent has a few examples written by the owner, not phrases chosen for coverage, so it needs less: the best
 * F1 on test/eval/custom-intent-tune.json (0.86 there; 0.6 and up lose a third of the paraphrases).
 */
export const CUSTOM_THRESHOLD = 0.5;

export type BuiltIn = Exclude<Want, 'custom'> | Exclude<Topic, 'custom'>;

/** Example phrases of the built-in intents and topics, English and Indonesian. */
export const BUILT_IN_EXAMPLES: Partial<Record<BuiltIn, string[]>> = {
  buy: [
    'I will take one', 'how do I place an order', 'mau pesan satu', 'saya ambil yang ini',
    'mau checkout', 'cara beli produk ini',
  ],
  refund: [
    'I want a refund', 'I want my money back', 'refund my order', 'how do I get refunded', 'get reimbursed',
    'return the money to my account', 'saya minta refund', 'uang saya dikembalikan', 'minta pengembalian dana',
    'kembalikan uang saya', 'dana saya kapan kembali', 'refund ke rekening', 'duit saya balik', 'payment reversed',
  ],
  human: [
    'talk to a human', 'speak to a person', 'connect me to an agent', 'a real person please', 'customer service staff',
    'someone from support contact me', 'let a staff member call me', 'bicara dengan admin', 'ngobrol sama orang',
    'sambungkan ke cs', 'hubungkan ke petugas', 'mau sama manusia asli', 'mau sama orang aja', 'oper ke admin',
    'admin langsung yang bantu', 'nomor cs yang bisa ditelpon',
  ],
  availability: ['is it in stock', 'do you still have size M in stock', 'when is it back in stock', 'stoknya masih ada', 'ukuran L ready stok', 'kapan restock'],
  delivery_time: ['how long does shipping take', 'when will it arrive', 'berapa hari sampai', 'kapan sampainya', 'estimasi pengiriman berapa lama'],
  price: ['how much does it cost', 'what is the price', 'berapa harganya', 'ongkos kirim berapa', 'ada diskon'],
  refund_policy: ['what is your return policy', 'can I exchange it', 'is there a warranty', 'bisa retur', 'bisa tukar ukuran', 'ada garansi'],
  order_status: ['has my package shipped', 'track my parcel', 'pesanan saya sudah dikirim', 'paket saya sampai mana', 'cek resi'],
  troubleshooting: ['it does not work', 'the app keeps crashing', 'I cannot log in', 'tidak bisa login', 'aplikasinya error', 'barangnya tidak mau nyala'],
};

interface Example {
  vector: number[];
  stems: Set<string>;
  /** Says "not" (stopwords to the embeddings): "ga jadi pesan" (cancel) is not "mau pesan" (buy). */
  negated: boolean;
}

const embeddings = new OfflineEmbeddings();
/** A negation on one side only halves the closeness. */
const NEGATION_MISMATCH = 0.5;

function exampleOf(phrase: string): Example {
  return { vector: embeddings.embed(phrase), stems: contentStems(phrase), negated: tokenize(phrase).some((t) => NEGATORS.has(t)) };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** A message, read once for every comparison of a turn: the whole text and each of its clauses. */
export interface Reading {
  parts: Example[];
}

export function readForExamples(text: string): Reading {
  const clauses = text.split(/[.,;!?\n]+/).map((c) => c.trim()).filter(Boolean);
  const parts = [text, ...(clauses.length > 1 ? clauses : [])].map(exampleOf).filter((p) => p.stems.size > 0);
  return { parts };
}

function closeness(part: Example, example: Example): number {
  if (example.stems.size === 0) return 0;
  let shared = 0;
  for (const stem of example.stems) if (part.stems.has(stem)) shared++;
  const closest = Math.max(dot(part.vector, example.vector), shared / (part.stems.size + example.stems.size - shared));
  return part.negated === example.negated ? closest : closest * NEGATION_MISMATCH;
}

/** How close the message comes to the nearest of the examples, 0 to 1. */
export function nearest(reading: Reading, examples: readonly Example[]): number {
  let best = 0;
  for (const part of reading.parts) for (const example of examples) best = Math.max(best, closeness(part, example));
  return best;
}

const builtIn = new Map<BuiltIn, Example[]>(Object.entries(BUILT_IN_EXAMPLES).map(([intent, phrases]) => [intent as BuiltIn, phrases.map(exampleOf)]));

/** The built-in intents and topics whose examples the message comes close to. */
export function builtInsByExample(reading: Reading, threshold = EXAMPLE_THRESHOLD): BuiltIn[] {
  return [...builtIn].filter(([, examples]) => nearest(reading, examples) >= threshold).map(([intent]) => intent);
}

/** The examples of custom intents, by their text as written in the rules (bounded: rules change rarely). */
const customExamples = new Map<string, Example[]>();
const CUSTOM_CACHE = 200;

/** Does the message come close to one of the comma-separated example phrases of a custom intent or topic? */
export function matchesCustomExamples(reading: Reading, custom: string, threshold = CUSTOM_THRESHOLD): boolean {
  let examples = customExamples.get(custom);
  if (examples === undefined) {
    if (customExamples.size >= CUSTOM_CACHE) customExamples.clear();
    examples = custom.split(',').map((p) => p.trim()).filter(Boolean).map(exampleOf);
    customExamples.set(custom, examples);
  }
  return nearest(reading, examples) >= threshold;
}
