// The offline answerer: a reply made only of sentences copied from the relevant passages. It picks the sentence of the
// best passage that shares most words with the question (earlier sentences win ties; one Jawab just said comes after
// the others, so a follow-up about the same passage gets its rest), the other sentences of that passage that answer
// about as well, while the reply is still short the sentences that follow it (their context), and at most one
// sentence of another passage, only for words of the question the others leave out ("gratis ongkir ke Bandung?": the
// Bandung rate, and the free-shipping rule). It keeps them in document order, as chat text (no Markdown), and fits
// them into the persona's reply length without cutting a word. It can never state a fact that is not in the
// passages, and adds no words of its own.
import type { Language, Persona } from '../config/settings.js';
import { conditionMet, opensCondition, saysWaited } from '../dialogue/overdue.js';
import { REPLY_LENGTHS } from '../config/settings.js';
import { type ProductField, productLine } from '../knowledge/formats/catalog.js';
import type { ScoredChunk } from '../knowledge/types.js';
import { contentStems, contentTokens, normalizeText, termGroups, tokenize } from '../knowledge/text.js';
import { slotOf } from '../language/slots.js';
import { readRow, ROW_KEY_END, writeRow } from '../knowledge/table-row.js';
import { asksHow } from '../knowledge/retrieve.js';
import { withWeightCost } from './row-amount.js';
import { WH_WORDS } from '../language/question-words.js';

export interface ExtractiveInput {
  /** Relevant passages, best first. */
  passages: readonly ScoredChunk[];
  /** What the customer asked (their messages, joined). */
  query: string;
  language: Language;
  replyLength: Persona['replyLength'];
  /** Sentences that mention any of these are never used. */
  dontMention?: readonly string[];
  /**
   * The words the customer's own message brought, when the query also holds the conversation's topic ("can I iron
   * it?" after a washing question): they count twice, so the sentence about ironing wins over the one about washing.
   */
  focus?: readonly string[];
  /** The customer's own message, when the query is more (a follow-up read with the conversation's topic). */
  asked?: string;
  /** Jawab's previous reply: its sentences are not said again while the passage has others that answer. */
  said?: string;
}

export interface ExtractiveAnswer {
  text: string;
  /** The passages the sentences came from. */
  used: ScoredChunk[];
}

/** A passage in another language is set aside when one in the reply language scores at least this share. */
const EQUIVALENT_SCORE = 0.8;

/** Abbreviations whose dot does not end a sentence ("Jl. Prawirotaman No. 27"). */
const ABBREVIATIONS = new Set(['jl', 'no', 'nr', 'mr', 'mrs', 'ms', 'dr', 'st', 'rp', 'tel', 'telp', 'dll', 'dsb', 'dst', 'eg', 'ie', 'etc', 'vs', 'approx', 'min', 'max', 'kec', 'kab', 'prov']);

interface Sentence {
  text: string;
  passageRank: number;
  position: number;
  /** How much of the question the sentence contains (rarity-weighted). */
  overlap: number;
  /** overlap plus the passage's score and a bonus for coming early. */
  score: number;
  /** The question's words (term groups, by index) it contains. */
  matched: Set<number>;
  /** Jawab's previous reply holds it. */
  said: boolean;
  terms: Set<string>;
}

/**
 * A sentence of another passage is added only when the words it adds weigh at least this share of the weightiest
 * question word the best sentence holds ("gratis" next to "Bandung"), not for a common word it happens to share.
 */
const COMPLETION_SHARE = 0.8;

const PASSAGE_RANK_PENALTY = 0.5;

/** Sentences matching at least this share of the best sentence's overlap are part of the answer. */
const STRONG_MATCH = 0.6;

/** Markdown decoration removed, links kept as "text (url)"; a numbered step keeps its number. */
function plain(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, '$1 ($2)')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/^\s*[-*+]\s+/, '')
    .replace(/^\s*>\s?/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A sentence that introduces what follows it ("the following", "berikut" but not "berikutnya", a closing colon). */
const LEAD_IN = /:\s*$|\b(?:the following|as follows|berikut)\b/iu;

/** A sentence this short says nothing alone ("Bisa.", "Yes."): it goes with the one after it. */
const SHORT_SENTENCE = 12;

function joinShort(sentences: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i += 1) {
    const sentence = sentences[i]!;
    const next = sentences[i + 1];
    if (sentence.length < SHORT_SENTENCE && next !== undefined) {
      sentences[i + 1] = `${sentence} ${next}`;
      continue;
    }
    out.push(sentence);
  }
  return out;
}

/** The sentences of a passage, Markdown list items and lines counting as sentences of their own. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const rawLine of text.split('\n')) {
    // Headings and table rules are structure, not statements.
    if (/^\s*#{1,6}\s/.test(rawLine) || /^\s*\|?[\s:-]*\|[\s|:-]*$/.test(rawLine)) continue;
    const line = plain(rawLine);
    if (line.length === 0) continue;
    const pieces = line.split(/(?<=[.!?])\s+(?=["'(\p{Lu}\p{N}])/u);
    let current = '';
    for (const piece of pieces) {
      current = current.length === 0 ? piece : `${current} ${piece}`;
      const lastWord = /([\p{L}.]+)\.$/u.exec(current)?.[1]?.replace(/\./g, '').toLowerCase();
      if (lastWord !== undefined && ABBREVIATIONS.has(lastWord)) continue;
      sentences.push(current);
      current = '';
    }
    if (current.length > 0) sentences.push(current);
  }
  return joinShort(sentences);
}

/** A catalog product is written out in the reply language ("price" for an English question); other passages as stored. */
function passageText(passage: ScoredChunk, language: Language): string {
  const product = passage.metadata.product;
  return product === undefined ? passage.text : productLine(product, { currency: product.currency, language: product.language }, language);
}

/** Passages in the reply language, unless only another language has a passage this good. */
export function preferLanguage(passages: readonly ScoredChunk[], language: Language): ScoredChunk[] {
  const best = passages[0];
  if (best === undefined) return [];
  const inLanguage = passages.filter((passage) => passage.metadata.language === language || passage.metadata.language === undefined || passage.metadata.product !== undefined);
  const bestInLanguage = inLanguage[0];
  if (bestInLanguage === undefined || bestInLanguage.score < EQUIVALENT_SCORE * best.score) return [...passages];
  return inLanguage;
}

function mentionsAny(text: string, items: readonly string[]): boolean {
  const normalized = normalizeText(text);
  return items.some((item) => item.trim().length > 0 && normalized.includes(normalizeText(item.trim())));
}

/** Ends a sentence with punctuation if the source did not (list items): joining stays readable. */
function terminated(sentence: string): string {
  // A link at the end stays clickable: no period glued to it.
  return /[.!?:;)"'’”]$/.test(sentence) || /https?:\/\/\S+$/.test(sentence) ? sentence : `${sentence}.`;
}

/** A numbered step starts a line of its own; so does anything after a link (a space would run them together). */
function separator(before: string, next: string): string {
  return /^\d+[.)]\s/.test(next) || /https?:\/\/\S+$/.test(before) ? '\n' : ' ';
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(0, max - 1));
  const lastSpace = room.lastIndexOf(' ');
  const cut = (lastSpace > 0 ? room.slice(0, lastSpace) : room).replace(/[\s,;:–-]+$/, '');
  return `${cut}…`;
}

/**
 * Scores every sentence of the passages against the query: the query words it contains (a synonym
 * counts half), each weighted by how rare it is among these sentences, so "Surabaya" outweighs
 * "shipping" when every sentence is about shipping. Better passages and earlier sentences win ties.
 */
function scoreSentences(passages: readonly ScoredChunk[], query: string, input: Pick<ExtractiveInput, 'dontMention' | 'focus' | 'said' | 'language' | 'asked'>): { sentences: Sentence[]; weights: number[] } {
  const groups = termGroups(query);
  const focused = contentStems((input.focus ?? []).join(' '));
  const said = normalizeText(input.said ?? '');
  const sentences: Sentence[] = [];
  passages.forEach((passage, passageRank) => {
    const all = splitSentences(passageText(passage, input.language));
    all.forEach((text, position) => {
      if (input.dontMention?.length && mentionsAny(text, input.dontMention)) return;
      // "We accept the following payment methods at checkout." with nothing after it in the passage says nothing.
      if (position === all.length - 1 && LEAD_IN.test(text)) return;
      const isSaid = said !== '' && said.includes(normalizeText(text));
      sentences.push({ text, passageRank, position, score: 0, overlap: 0, matched: new Set(), said: isSaid, terms: contentStems(text) });
    });
  });
  // A synonym counts half; a phrase's meaning ("tanggal merah": a holiday) has no word of its own and counts whole.
  const matches = (terms: Set<string>, group: string[]): number => {
    if (group.some((term) => !term.startsWith('~') && terms.has(term))) return 1;
    if (!group.some((term) => terms.has(term))) return 0;
    return group.every((term) => term.startsWith('~')) ? 1 : 0.5;
  };
  const weights = groups.map((group) => {
    const frequency = sentences.filter((sentence) => matches(sentence.terms, group) > 0).length;
    const weight = Math.log(1 + sentences.length / (1 + frequency));
    return group.some((term) => focused.has(term)) ? 2 * weight : weight;
  });
  const overlapOf = (terms: Set<string>): number => groups.reduce((sum, group, i) => sum + matches(terms, group) * weights[i]!, 0);
  // A section heading says what its sentences are about ("Estimasi lama pengiriman" over a list of
  // regions and days): its overlap counts for them at half weight.
  const headingOverlap = passages.map((passage) => overlapOf(contentStems(passage.metadata.heading ?? '')) / 2);
  const measures = amountsOf(input.asked ?? '');
  // Only a customer who says how long they have waited can have met a sentence's condition.
  const waited = saysWaited(input.asked ?? '') !== undefined;
  const how = asksHow(input.asked ?? query);
  const weightiest = Math.max(0, ...weights);
  for (const sentence of sentences) {
    const passage = passages[sentence.passageRank]!;
    groups.forEach((group, i) => {
      if (matches(sentence.terms, group) > 0) sentence.matched.add(i);
    });
    const own = overlapOf(sentence.terms);
    const saysWhen = sentence.passageRank === 0 && (statesAmount(sentence.text, measures) || (waited && own > 0 && conditionMet(input.asked ?? '', sentence.text)));
    const instructs = how && sentence.passageRank === 0 && INSTRUCTION.test(sentence.text);
    sentence.overlap = own + headingOverlap[sentence.passageRank]! + (saysWhen ? 2 * weightiest : 0) + (instructs ? weightiest : 0);
    // Retrieval ranked the passages with more than words (meaning, the heading, the conversation): a sentence of a
    // lower passage must share clearly more of the question to come first.
    sentence.score = sentence.overlap + passage.score + 0.3 / (1 + sentence.position) - PASSAGE_RANK_PENALTY * sentence.passageRank;
  }
  return { sentences, weights };
}

/** A sentence that says how to do something: "Untuk menukar, kirimkan …", "To exchange, send us …". */
const INSTRUCTION = /^(?:untuk|to)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?,/iu;

/**
 * The amounts a customer writes with their unit ("kalo udh lewat 3 hari?": "3 hari"), each as a pattern over sentences
 * normalised alike that finds it as it is, not as the end of a range.
 */
function amountsOf(asked: string): RegExp[] {
  return [...normalizeText(asked).matchAll(/(?<![\d.,–-])(\d+) (\p{L}+)/gu)].map((match) => new RegExp(`(?<![\\d.,–-])${match[1]} ${match[2]}\\b`, 'u'));
}

/**
 * A sentence that states one of these amounts as it is, not as the end of a range ("setelah 3 hari kerja", not
 * "3–5 hari kerja"): numbers are not words the overlap counts, yet "lewat 3 hari?" asks for the sentence on 3 days.
 * So does a sentence saying what to do once a time has passed that the customer says has ("udh 4 hari kerja msh ada":
 * "Jika … masih ada setelah 3 hari kerja, kirimkan …"; dialogue/overdue.ts). Both only in the best passage: another
 * page's "Jika 1 jam setelah membayar …" is about something else.
 */
function statesAmount(text: string, amounts: readonly RegExp[]): boolean {
  if (amounts.length === 0) return false;
  const normalized = normalizeText(text);
  return amounts.some((amount) => amount.test(normalized));
}

/** The concepts (concepts.ts) that ask for one field of a product line. */
const FIELD_CONCEPTS: ReadonlyArray<[string, ProductField]> = [
  ['~price', 'price'],
  ['~size', 'variants'],
  ['~stock', 'stock'],
  ['~available', 'stock'],
  ['~link', 'link'],
];

/** The fields of a product line the customer's own words ask for ("brp harganya?": price; "yang XL ada?": variants). */
function askedFields(focus: readonly string[]): Set<ProductField> {
  const terms = contentStems(focus.join(' '));
  const fields = new Set<ProductField>(FIELD_CONCEPTS.filter(([concept]) => terms.has(concept)).map(([, field]) => field));
  if (tokenize(focus.join(' ')).some((token) => slotOf(token) === 'size')) fields.add('variants');
  // Whether a size is there is also whether any is left.
  if (fields.has('variants')) fields.add('stock');
  return fields;
}

/** "brp kak?", "how much?", "yg kawung brp?": how much, and no word but the product's own name. */
function asksOnlyHowMuch(asked: string, name: string): boolean {
  const tokens = tokenize(asked);
  const named = new Set(tokenize(name));
  return contentTokens(asked).every((token) => named.has(token)) && (tokens.includes('berapa') || /\bhow much\b/.test(tokens.join(' ')));
}

/**
 * A follow-up about the product Jawab just described, asking for part of it: that part, under the product's name. The
 * whole line again ("brp harganya?", "ukuran L ada?" after it) reads like a bot that did not listen.
 */
function productFollowUp(passage: ScoredChunk | undefined, input: ExtractiveInput): ExtractiveAnswer | undefined {
  const product = passage?.metadata.product;
  if (passage === undefined || product === undefined || input.said === undefined || !input.said.includes(product.name)) return undefined;
  const fields = askedFields(input.focus ?? []);
  // A bare "how much" ("brp kak?", "how much?") after a product asks its price.
  if (fields.size === 0 && input.asked !== undefined && asksOnlyHowMuch(input.asked, product.name)) fields.add('price');
  if (fields.size === 0) return undefined;
  // One product picked from a list of several ("sarung lasem brp?" after the cheaper ones, each with its price): its
  // whole line, which the list did not give.
  if (input.said.split('\n').filter((line) => line.includes(' — ')).length > 1) return undefined;
  return { text: terminated(productLine(product, { currency: product.currency, language: product.language }, input.language, fields)), used: [passage] };
}

/**
 * A follow-up about the table row Jawab just gave, asking for some of its cells ("brp lama?" after the Makassar rate,
 * "panjangnya?" after the L size): those cells, under the row's key. A cell is asked when the customer's words are in
 * its header or its value ("hari" in "5–8 hari kerja"); words every cell holds ("kirim" in both "ongkos kirim" and
 * "lama pengiriman") tell none apart.
 */
function rowFollowUp(passage: ScoredChunk | undefined, input: ExtractiveInput): ExtractiveAnswer | undefined {
  const row = passage === undefined ? undefined : readRow(passage.text);
  if (passage === undefined || row === undefined || input.said === undefined || !input.said.includes(`${row.key}${ROW_KEY_END}`)) return undefined;
  const cellTerms = row.cells.map(([header, value]) => contentStems(`${header} ${value.replace(/[\d.,:–-]+/g, ' ')}`));
  const everywhere = (term: string): boolean => cellTerms.every((terms) => terms.has(term));
  const askedTerms = [...contentStems(input.asked ?? input.query)].filter((term) => !everywhere(term));
  const cells = row.cells.filter((_, i) => askedTerms.some((term) => cellTerms[i]!.has(term)));
  if (cells.length === 0 || cells.length === row.cells.length) return undefined;
  // A subject no cell holds asks more than the row: "kalo belanja 600rb gratis ongkir?" after the Bandung rate is about
  // free shipping, which the rate's cell does not say.
  const subjects = termGroups(input.asked ?? input.query).filter((group) => group.some((term) => term.startsWith('~')));
  if (subjects.some((group) => !cellTerms.some((terms) => group.some((term) => terms.has(term))))) return undefined;
  return { text: terminated(writeRow(row.key, cells)), used: [passage] };
}

/** Words that say what was just said did not happen, or ask why: "kok blm dikonfirmasi?", "still not here". */
// Not "tidak": "…ga?" closes a yes-no question ("boleh pake mesin cuci ga?").
const NOT_SO = new Set(`belum kok kenapa mengapa still yet why`.split(/\s+/));

/**
 * The customer's own words answer Jawab's reply with "not yet" or "why" ("kok blm dikonfirmasi ya" after "confirmed
 * automatically within 15 minutes"): saying it again does not help; the passage's next sentence ("if after 1 hour it
 * still says unpaid, send …") does.
 */
function disputes(asked: string): boolean {
  return tokenize(asked).some((token) => NOT_SO.has(token));
}

/**
 * "Bisa." joined to the sentence after it (joinShort) answers a yes-no question ("bisa jadi reseller?"); before the
 * answer to "minimal brp pcs?" or "diskonnya brp?" it answers nothing that was asked.
 */
const AFFIRMATION = /^(?:bisa|boleh|ya|iya|ada|tentu|yes|sure|of course)[.!]\s+(?=\p{Lu})/iu;

/** "apa bisa …?", "apa ada …?" ask for a yes or a no, like "bisa …?". */
const YES_NO_AFTER_APA = new Set(['bisa', 'boleh', 'ada', 'sudah', 'benar']);

/** A minimum the answer sets ("minimal 12 potong", "minimum Rp500.000", "at least 3"), as a number. */
const MINIMUM = /\b(?:minimal|minimum|min\.|sekurang-kurangnya|paling sedikit|at least)\s+(?:rp\s?)?(\d{1,3}(?:[.,]\d{3})*|\d+)/iu;

/**
 * "ada diskon kalo beli 10?" against "Bisa. Pembelian minimal 12 potong …": the customer's number is below the
 * minimum the answer sets, so its "Bisa." would say yes to what the rest says no to.
 */
function belowMinimum(asked: string, answer: string): boolean {
  const minimum = MINIMUM.exec(answer);
  if (minimum === null) return false;
  const least = Number(minimum[1]!.replace(/[.,]/g, ''));
  return tokenize(asked).some((token) => /^\d+$/.test(token) && Number(token) < least);
}

function asksForInformation(asked: string): boolean {
  const tokens = tokenize(asked);
  return tokens.some((token, i) => WH_WORDS.has(token) && !(token === 'apa' && YES_NO_AFTER_APA.has(tokens[i + 1] ?? '')));
}

/**
 * An extractive reply from the passages, or undefined when they hold no usable sentence
 * (all of them empty or mentioning a don't-mention item).
 */
export function extractiveAnswer(input: ExtractiveInput): ExtractiveAnswer | undefined {
  const { min, max } = REPLY_LENGTHS[input.replyLength];
  const passages = preferLanguage(input.passages, input.language);
  const asked = input.asked ?? input.query;
  const partOfProduct = productFollowUp(passages[0], input);
  if (partOfProduct !== undefined && !mentionsAny(partOfProduct.text, input.dontMention ?? [])) return partOfProduct;
  const partOfRow = rowFollowUp(passages[0], input);
  if (partOfRow !== undefined && !mentionsAny(partOfRow.text, input.dontMention ?? [])) return { ...partOfRow, text: withWeightCost(partOfRow.text, asked) };
  const { sentences, weights } = scoreSentences(passages, input.query, input);
  // A follow-up whose own words the best passage does not hold ("caranya gimana?", "kalau lewat?") asks for more of
  // it: what was just said comes last, and is not said again but for the sentence that leads.
  const focused = contentStems((input.focus ?? []).join(' '));
  const holdsFocus = (sentence: Sentence): boolean => sentence.passageRank === 0 && [...focused].some((term) => sentence.terms.has(term));
  const disputed = disputes(asked);
  const againLast = !sentences.some(holdsFocus) || disputed;
  // A follow-up: the query also holds the conversation's topic, beyond the customer's own words.
  const followUp = [...contentStems(input.query)].some((term) => !focused.has(term));
  const ranked = [...sentences].sort((a, b) => (againLast ? Number(a.said) - Number(b.said) : 0) || b.score - a.score);
  // The best passage is the answer (retrieval chose it, with the conversation in view); another passage's sentence
  // leads only when the best passage shares no word with the question. A follow-up's own words pick the sentence
  // ("boleh disetrika?" after a washing answer: the ironing sentence, not the washing ones again).
  const anchor = (againLast || !followUp ? undefined : ranked.find(holdsFocus)) ?? ranked.find((sentence) => sentence.passageRank === 0 && sentence.overlap > 0) ?? ranked[0];
  if (anchor === undefined) return undefined;

  const chosen = new Set<Sentence>([anchor]);
  const length = (): number => [...chosen].reduce((sum, sentence) => sum + terminated(sentence.text).length + 1, -1);
  const tryAdd = (sentence: Sentence | undefined): void => {
    if (sentence === undefined || chosen.has(sentence) || (againLast && sentence.said)) return;
    chosen.add(sentence);
    if (length() > max) chosen.delete(sentence);
  };
  const following = (sentence: Sentence): Sentence | undefined =>
    sentences.find((other) => other.passageRank === sentence.passageRank && other.position === sentence.position + 1);

  // 1. Other sentences of the same passage that answer the question about as well as the best one
  //    (another passage's sentence would lose its context: "Delivery takes 7–14 days" is international).
  //    For a follow-up, about as well means on its own words: the washing sentences do not come back with the ironing one.
  for (const sentence of ranked) {
    if (sentence.passageRank === anchor.passageRank && anchor.overlap > 0 && sentence.overlap >= STRONG_MATCH * anchor.overlap && (againLast || !followUp || holdsFocus(sentence))) tryAdd(sentence);
  }
  // 2. While the reply is short: the sentences that follow the best one in its passage (its context). After a
  //    condition, the one after it whatever the length: "If both charges are still there after 3 days, send us …"
  //    goes on with what happens then ("We check it within one working day and refund …").
  if (opensCondition(anchor.text)) tryAdd(following(anchor));
  for (let next = following(anchor); next !== undefined && length() < min; next = following(next)) tryAdd(next);
  // 3. The words of the question nothing chosen holds: one sentence of another passage that holds enough of them and
  //    shares a word with what was chosen (it is about the same thing).
  const covered = new Set([...chosen].flatMap((sentence) => [...sentence.matched]));
  // The anchor's page title and heading say what its sentences are about: "bayar pake DANA?" is answered by the
  // e-wallet line of the payment page and needs no sentence of another page for "bayar" (the refund page's "Dana
  // dikembalikan…"). The rest of the same page still completes it ("kota yang tidak ada di tabel").
  const anchorPassage = passages[anchor.passageRank]!;
  const context = contentStems(`${anchorPassage.metadata.title} ${anchorPassage.metadata.heading ?? ''}`);
  const groups = termGroups(input.query);
  const inContext = new Set(groups.flatMap((group, i) => (group.some((term) => context.has(term)) ? [i] : [])));
  // A follow-up that asks something of its own is completed for its own words: "bisa bayar cod?" after the Malang rate
  // needs no line on the shipping cost the conversation was about. One that only swaps a place ("kalo ke kupang?") is
  // completed for the topic's ("ongkos kirim tampil saat checkout").
  const asksOwn = tokenize((input.focus ?? []).join(' ')).some((token) => slotOf(token) === undefined);
  const ownGroup = (group: number): boolean => !followUp || !asksOwn || groups[group]!.some((term) => focused.has(term));
  const gain = (sentence: Sentence): number => {
    const samePage = passages[sentence.passageRank]!.metadata.source === anchorPassage.metadata.source;
    return [...sentence.matched].reduce((sum, group) => sum + (covered.has(group) || (!samePage && inContext.has(group)) || !ownGroup(group) ? 0 : weights[group]!), 0);
  };
  const completion = ranked
    .filter((sentence) => sentence.passageRank !== anchor.passageRank && !sentence.said && [...sentence.matched].some((group) => covered.has(group)))
    .sort((a, b) => gain(b) - gain(a))[0];
  const anchorBest = Math.max(0, ...[...anchor.matched].map((group) => weights[group]!));
  // "Not yet" is answered by what the passage says next, not by another page on the topic's words.
  if (completion !== undefined && !disputed && gain(completion) >= COMPLETION_SHARE * anchorBest) tryAdd(completion);

  const ordered = [...chosen].sort((a, b) => a.passageRank - b.passageRank || a.position - b.position);
  const texts = ordered.map((sentence) => terminated(sentence.text));
  if (asksForInformation(asked) || belowMinimum(asked, texts[0]!)) texts[0] = texts[0]!.replace(AFFIRMATION, '');
  let text = texts.reduce((out, sentence) => (out === '' ? sentence : `${out}${separator(out, sentence)}${sentence}`), '');
  if (text.length > max) text = cutAtWord(text, max);
  const usedRanks = new Set(ordered.map((sentence) => sentence.passageRank));
  return { text: withWeightCost(text, asked), used: passages.filter((_, rank) => usedRanks.has(rank)) };
}
