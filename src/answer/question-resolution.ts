// Which reading of a customer's question to answer (dialogue/follow-up.ts): the question alone, with the topic's slot
// words carried over, or merged into the topic. Retrieval decides among them, so a follow-up finds the passage of the
// current topic and a new question never gets the previous topic's passage.
//
// A passage found through the merged reading counts only when it scores at least minScore, holds the question's slot
// words ("kalau ke medan?" must find Medan) or others of their kind ("pake kartu BNI?" is answered by "for BCA and
// Mandiri cards"), one of its own words when it has some, and is still about the topic (one of its words, or the last
// answer's document). Then, in this order:
// - an elliptical question ("kalau ke medan?", "lingkar dadanya?", "how much is it?") takes such a passage, from the
//   last answer's section first (the next row of the same table; for a short one, "kalau lewat?", that section even
//   without its word when it opens with a cue);
// - a question with the topic's slot missing ("lama nyampenya?" after Jakarta) takes the carried reading when its
//   passage holds the carried slot;
// - a question that the last answer's section answers (at least half of its own words, all its slots) stays there:
//   "jam brp paling telat bayar?" after same-day delivery is about that delivery's cut-off;
// - otherwise the question alone, unless the topic breaks a tie: the merged reading's passage is one the question alone
//   also found relevant, ranked lower ("minimal brp pcs?" after wholesale, not after uniforms);
// - and when the question alone finds nothing, a merged passage after all (a follow-up without a cue).
import { asksHow, isNumberedSteps, passagesFitting, type Retrieval, tellsHow } from '../knowledge/retrieve.js';
import { givesMeasure, namesHeader } from '../knowledge/measurement.js';
import { readRow } from '../knowledge/table-row.js';
import { asksOnlyAttribute, productFits } from '../knowledge/product-fit.js';
import { phraseMatches } from '../knowledge/concepts.js';
import { contentStems, contentTokens, termGroups, tokenize } from '../knowledge/text.js';
import type { ScoredChunk } from '../knowledge/types.js';
import { type Slot, slotOf } from '../language/slots.js';
import { type Readings, readingsOf } from '../dialogue/follow-up.js';

/** What the conversation is about: the standalone question answered last, and the section its answer came from. */
export interface Topic {
  query: string;
  /** `source#heading` of the passage that answered it. */
  section?: string;
}

export interface Resolved {
  /** The reading answered: the conversation's topic from now on. */
  query: string;
  retrieval: Retrieval;
  /** The question's own words, which the answer should be about first. */
  focus: string[];
}

export const sectionOf = (passage: ScoredChunk): string => `${passage.metadata.source}#${passage.metadata.heading ?? ''}`;

/**
 * The topic after `question` was answered from `passage` through `reading`: what the passage is (its title and
 * heading), the slot words of the reading the passage holds ("xl" for the XL row of the size chart, not for a dress
 * that comes in S to L), and the question itself. Anchored to the passage, so a topic does not pile up the words of
 * every question before it.
 */
export function topicAfter(question: string, reading: string, passage: ScoredChunk): Topic {
  const terms = contentStems(passage.text);
  // A place the customer names stays theirs even when this passage does not name it ("ke solo" answered by "COD in
  // Java": "ongkirnya?" next is still about Solo).
  const named = new Set(tokenize(question).filter((token) => slotOf(token) === 'place'));
  // A table row answered is about its key ("M" for the row a chest measurement chose): "panjang badannya?" stays on it.
  const row = readRow(passage.text);
  const rowKey = tokenize(row?.key ?? '').filter((token) => slotOf(token) !== undefined);
  const slots = [...new Set([...tokenize(reading).filter((token) => slotOf(token) !== undefined && (holds(terms, token) || named.has(token))), ...rowKey])];
  // The column a measurement was read in ("lingkar dada" for 110): "kalo 130?" next is measured in it too.
  const readTerms = contentStems(reading);
  const measuredIn = row !== undefined && givesMeasure(reading) ? row.cells.map(([header]) => header).filter((header) => namesHeader(header, readTerms)) : [];
  const query = [passage.metadata.title, passage.metadata.heading, ...slots, ...measuredIn, question].filter((part) => part !== undefined && part !== '').join(' ');
  return { query, section: sectionOf(passage) };
}

/** How much of the question a passage holds. */
interface Hold {
  passage: ScoredChunk;
  /** Share of the question's own words it holds (1 when it has none). */
  own: number;
  /** 2: it holds the question's slot words (or there are none); 1: others of the same kind; 0: neither. */
  slots: number;
  topic: boolean;
  sameSection: boolean;
}

/** Slots that name a subject a page is about (a bank, a wallet, a courier), unlike a table's row keys (a city, a size). */
const SUBJECT_SLOTS: ReadonlySet<Slot> = new Set<Slot>(['payment', 'courier']);

/** Thesaurus groups of a question that asks an amount of something already being talked about: how long, how much. */
const AMOUNTS: ReadonlySet<string> = new Set(['~duration', '~price']);

const sourceOf = (section: string): string => section.slice(0, section.lastIndexOf('#'));

function holds(terms: ReadonlySet<string>, word: string): boolean {
  return [...contentStems(word)].some((term) => terms.has(term));
}

/**
 * How much of the question's own words a passage holds, 0..1: a word itself (or its stem) counts 1, only a synonym
 * of it ("lacak" for "resi") half, and a phrase's meaning ("tgl merah": a holiday) as a word of its own.
 */
function ownShare(terms: ReadonlySet<string>, readings: Pick<Readings, 'own' | 'alone'>, synonym = 0.5): number {
  if (readings.own.length === 0) return 1;
  // The phrases are read in the whole message: "bayar lagi?" (pay extra) loses "lagi" among its own words.
  const phrases = termGroups(readings.alone).filter((group) => group.every((term) => term.startsWith('~')));
  const groups = [...termGroups(readings.own.join(' ')), ...phrases];
  const held = groups.reduce((sum, group) => {
    if (group.some((term) => !term.startsWith('~') && terms.has(term))) return sum + 1;
    return group.some((term) => terms.has(term)) ? sum + synonym : sum;
  }, 0);
  return held / groups.length;
}

/** A section's own terms: its heading and text, not the page title every section of the page shares. */
const sectionTerms = (passage: ScoredChunk): Set<string> => contentStems([passage.metadata.heading ?? '', passage.text].join('\n'));

function holdOf(passage: ScoredChunk, readings: Readings, topicWords: readonly string[], section: string | undefined): Hold {
  const text = [passage.metadata.title, passage.metadata.heading ?? '', passage.text].join('\n');
  const terms = contentStems(text);
  // "lacaknya dmn" is held by "Cara melacak paket", not by each section of the page titled "Lacak pesanan".
  const own = ownShare(sectionTerms(passage), readings);
  const kinds = new Set(tokenize(text).map(slotOf));
  const slots = readings.slots.every((word) => holds(terms, word)) ? 2 : readings.slots.every((word) => kinds.has(slotOf(word))) ? 1 : 0;
  const sameSection = section !== undefined && sectionOf(passage) === section;
  // Still about the topic: one of its words, or the same document ("and the dress kawung?" after a shirt of the
  // same catalog).
  const sameSource = section !== undefined && passage.metadata.source === sourceOf(section);
  return { passage, own, slots, topic: sameSource || topicWords.length === 0 || topicWords.some((word) => holds(terms, word)), sameSection };
}

/** Retrieval of a reading; `asked` is the customer's own question when the reading adds the topic's words to it. */
type Search = (query: string, asked?: string) => Promise<Retrieval>;

/** The retrieval with `passage` first. */
function leading(retrieval: Retrieval, passage: ScoredChunk): Retrieval {
  return { relevant: true, passages: [passage, ...retrieval.passages.filter((p) => p.id !== passage.id)], candidates: retrieval.candidates };
}

/**
 * The question with the topic's slot words carried over, when a passage holds one of them and what the question asks:
 * "ongkir ke Semarang?" after a GoPay answer carries "gopay", and the GoPay passage, which holds it, says nothing of
 * shipping.
 */
async function carriedReading(readings: Readings, focus: string[], search: Search): Promise<{ resolved: Resolved; slots: string[] } | undefined> {
  if (readings.carried === undefined) return undefined;
  const carriedSearch = await search(readings.carried, readings.alone);
  if (!carriedSearch.relevant) return undefined;
  const slots = readings.carried.slice(readings.alone.length).trim().split(' ');
  const passage = carriedSearch.passages.find((candidate) => {
    const terms = contentStems(candidate.text);
    // And the question's own: "brp lama ke Medan?" after COD is the Medan row, not the COD refund's days.
    return slots.some((slot) => holds(terms, slot)) && readings.slots.every((slot) => holds(terms, slot)) && (readings.own.length === 0 || ownShare(terms, readings) > 0);
  });
  return passage && { resolved: { query: readings.carried, retrieval: leading(carriedSearch, passage), focus }, slots };
}

/**
 * A question that names a place ("kalo pesen hari ini kapan nyampe ke Bandung?") is answered by that place's row when
 * a relevant row holds the place and some of the question's own words, though a passage that shares more of its
 * other words ranked first (the processing time, which knows no city). Not for a bank or courier named beside it
 * ("bisa COD ke Bandung?" is about COD).
 */
function placeRowFirst(retrieval: Retrieval, readings: Readings, minScore: number): Retrieval {
  const [best] = retrieval.passages;
  if (!retrieval.relevant || best === undefined || readings.slots.length === 0 || !readings.slots.every((slot) => slotOf(slot) === 'place')) return retrieval;
  const holdsPlaces = (passage: ScoredChunk) => {
    const terms = contentStems(passage.text);
    return readings.slots.every((slot) => holds(terms, slot));
  };
  if (holdsPlaces(best)) return retrieval;
  const row = retrieval.passages.find(
    (passage) => passage.score >= minScore && readRow(passage.text) !== undefined && holdsPlaces(passage) && ownShare(sectionTerms(passage), readings, 1) > 0,
  );
  return row === undefined ? retrieval : leading(retrieval, row);
}

/**
 * "size L ukurannya brp?", "what are the measurements of size XL?": the row of the size named, not the size guide's
 * "S, M, L, XL dan XXL" that ranked first (it names every size and measures none). The rows among the relevant
 * passages already fit the size asked (retrieve.ts); its key must be a word of the question.
 */
function sizeRowFirst(retrieval: Retrieval, question: string, minScore: number): Retrieval {
  const [best] = retrieval.passages;
  if (!retrieval.relevant || best === undefined || readRow(best.text) !== undefined) return retrieval;
  const words = new Set(tokenize(question));
  const row = retrieval.passages.find((passage) => {
    const key = readRow(passage.text)?.key.toLowerCase();
    return passage.score >= minScore && key !== undefined && slotOf(key) === 'size' && words.has(key);
  });
  return row === undefined ? retrieval : leading(retrieval, row);
}

export async function resolveQuestion(
  question: string,
  topic: Topic | undefined,
  search: Search,
  minScore: number,
): Promise<Resolved> {
  const readings = readingsOf(question, topic?.query);
  // The message's phrases are its words too ("bayar lagi?": pay extra, though "lagi" alone says nothing).
  const tokens = tokenize(question);
  const focus = [...readings.news, ...phraseMatches(tokens).map((match) => tokens.slice(match.start, match.end).join(' '))];
  const alone: Resolved = { query: readings.alone, retrieval: sizeRowFirst(placeRowFirst(await search(readings.alone), readings, minScore), question, minScore), focus };
  // "kalo pake Kredivo?" after a payment answer names what the knowledge never does: no reading of it answers.
  if (readings.merged === undefined || topic === undefined || alone.retrieval.unanswerable) return alone;

  const mergedSearch = await search(readings.merged, readings.alone);
  // "warna apa aja?" after a product's line asks about that product: its row answers (product-fit.ts) or a person does,
  // not the colour-fastness guarantee that shares the word "warna".
  const row = mergedSearch.candidates.find((passage) => passage.metadata.product !== undefined && sectionOf(passage) === topic.section);
  if (row !== undefined && readings.slots.length === 0 && asksOnlyAttribute(question) && alone.retrieval.passages[0]?.metadata.product === undefined) {
    return productFits(readings.alone)(row) ? { query: readings.merged, retrieval: leading(mergedSearch, row), focus } : { ...alone, retrieval: { ...alone.retrieval, relevant: false } };
  }
  const topicWords = contentTokens(topic.query);
  // Another place's row is never the follow-up's answer ("kalau ke Kupang?" after the Makassar row).
  const fits = passagesFitting(readings.merged, readings.alone);
  const held = mergedSearch.candidates.filter((passage) => passage.score >= minScore && fits(passage)).map((passage) => holdOf(passage, readings, topicWords, topic.section));
  // Exact slots first (the Medan row before a list of regions), then more of the question's own words, then the
  // last answer's section, then the ranking. A question of one word of its own ("how long will it take?") is about
  // the last answer before it is about whatever holds that word ("do not soak it for long").
  const bySection = (a: Hold, b: Hold) => Number(b.sameSection) - Number(a.sameSection);
  const byOwn = (a: Hold, b: Hold) => b.own - a.own;
  const fitting = held
    .filter((hold) => hold.slots > 0 && hold.own > 0 && hold.topic)
    .sort((a, b) => b.slots - a.slots || (readings.short ? bySection(a, b) || byOwn(a, b) : byOwn(a, b) || bySection(a, b)));
  // "kalau lewat?" goes on about the last answer, whatever else holds the word "lewat"; "and the cost?" asks about a
  // subject of its own (a word the thesaurus knows: price, size, return) and goes where that subject is.
  const namesSubject = termGroups(readings.own.join(' ')).some((group) => group.some((term) => term.startsWith('~')));
  const nearby = readings.short && (readings.cue || readings.anaphoric) && !namesSubject ? held.find((hold) => hold.sameSection && hold.slots > 0) : undefined;
  // "gimana caranya?" after the return conditions asks for the steps: the topic's page's how-to, not more conditions;
  // its numbered steps first ("gmn dong?" after "damaged items are returned at our cost" is what to do), also when the
  // question's own words are all the steps' ("mau retur gmn caranya" after a torn item).
  const onPage = (hold: Hold) => hold.topic && hold.slots > 0 && hold.passage.metadata.source === sourceOf(topic.section ?? '');
  const howAsked = asksHow(question) && !(fitting[0] && isNumberedSteps(fitting[0].passage));
  const numbered = howAsked ? held.find((hold) => onPage(hold) && isNumberedSteps(hold.passage)) : undefined;
  const stepsSay = numbered !== undefined && (readings.own.length === 0 || ownShare(sectionTerms(numbered.passage), readings, 1) === 1);
  const howTo = howAsked && readings.own.length === 0 && !(fitting[0] && tellsHow(fitting[0].passage)) ? held.find((hold) => onPage(hold) && tellsHow(hold.passage)) : undefined;
  const steps = stepsSay ? numbered : howTo;
  const pick = steps ?? (fitting[0]?.sameSection || readings.slots.length > 0 ? fitting[0] : (nearby ?? fitting[0]));
  const merged = pick && { query: readings.merged, retrieval: leading(mergedSearch, pick.passage), focus };

  // A bank, wallet or courier is a subject of its own, not a row key: "bisa cod ga?" after the Makassar row is the COD
  // section, which the question alone finds holding all it says, not the refund page that also names COD and days.
  const [bestAlone] = alone.retrieval.passages;
  if (alone.retrieval.relevant && bestAlone !== undefined && readings.slots.length > 0 && readings.slots.every((slot) => SUBJECT_SLOTS.has(slotOf(slot)!))) {
    const hold = holdOf(bestAlone, readings, topicWords, topic.section);
    if (hold.slots === 2 && hold.own === 1 && pick?.passage.id !== bestAlone.id) return alone;
  }

  const carried = await carriedReading(readings, focus, search);
  // An elliptical question takes the merged reading, unless its passage drops the place or size the conversation is
  // about and the carried reading keeps it ("ongkirnya?" after "cod ke solo?": the Solo row, not the COD page).
  const keptPlaces = carried?.slots.filter((slot) => slotOf(slot) === 'place' || slotOf(slot) === 'size') ?? [];
  // Not when the question names a subject (a thesaurus concept: "beli banyak" is wholesale) the question alone finds a
  // passage on and the topic's pick only shares a word with ("pembeli" in the return conditions).
  // How long and how much ask about the topic, not of a subject of their own ("how much?" after shipping abroad).
  const subjects = termGroups(readings.alone).flat().filter((term) => term.startsWith('~') && !AMOUNTS.has(term));
  const aloneHasSubject = alone.retrieval.relevant && bestAlone !== undefined && subjects.some((concept) => sectionTerms(bestAlone).has(concept));
  const elsewhere = (passage: ScoredChunk | undefined) => aloneHasSubject && passage !== undefined && !subjects.some((concept) => sectionTerms(passage).has(concept));
  // A synonym counts in full here ("return" is said as "pengembalian").
  const holdsAll = (passage: ScoredChunk | undefined) => passage !== undefined && ownShare(sectionTerms(passage), readings, 1) === 1;
  // "kalo warnanya luntur gimana?" after how to dry batik: a cue, but two words of its own that the question alone
  // finds together (the colour-fastness guarantee) and the topic's passage does not hold: a new question.
  const newUnderCue = readings.cue && readings.own.length >= 2 && alone.retrieval.relevant && holdsAll(bestAlone) && !holdsAll(pick?.passage);
  if (readings.elliptical && merged && !newUnderCue && !elsewhere(pick.passage) && (keptPlaces.length === 0 || keptPlaces.some((slot) => holds(contentStems(pick.passage.text), slot)))) return merged;
  if (newUnderCue) return alone;
  // Not when the question alone finds a passage holding every one of its own words and the carried one does not:
  // "kalo barang diskon bs di return?" after a COD refund is the return conditions, which say nothing of COD.
  const aloneHoldsAll = alone.retrieval.relevant && holdsAll(bestAlone) && !holdsAll(carried?.resolved.retrieval.passages[0]);
  // Nor when the message names a subject only the question alone finds: "tokonya dimana?" after the Bandung row is
  // the showroom, not Bandung's row again.
  if (carried && !aloneHoldsAll && !elsewhere(carried.resolved.retrieval.passages[0])) return carried.resolved;
  // Not when another passage of the topic holds more of them: "udh dpt resi tp gk bs dilacak" after "where is my
  // resi" is about tracking it, which the section on where the resi is sent does not say. A short follow-up stays
  // ("which banks?" after instalments: the BCA and Mandiri it names, not the bank transfer section), and so does a
  // product's row: it names its fields its own way ("ada ukuran apa aja?" is its "varian", not the size guide).
  const mostOwn = Math.max(0, ...fitting.map((hold) => hold.own));
  const stays = (hold: Hold) => hold.sameSection && hold.own >= 0.5 && !elsewhere(hold.passage) && (readings.short || hold.own >= mostOwn || hold.passage.metadata.product !== undefined);
  if (stepsSay && merged) return merged;
  const stay = readings.own.length > 0 ? fitting.find(stays) : undefined;
  if (stay) return { query: readings.merged, retrieval: leading(mergedSearch, stay.passage), focus };
  // "how long do I have?" after the return conditions asks how long for that, which the topic's page says ("within 14
  // days"), not whatever page holds the word ("do not soak it for long"): a short question whose one word of its own
  // asks a duration or a price stays on the topic's page when a passage there answers it.
  const asksAmount = readings.short && readings.own.length === 1 && readings.slots.length === 0 && termGroups(readings.own[0]!)[0]?.some((term) => AMOUNTS.has(term));
  const amountOnPage = asksAmount && bestAlone?.metadata.source !== sourceOf(topic.section ?? '') ? fitting.find(onPage) : undefined;
  if (amountOnPage) return { query: readings.merged, retrieval: leading(mergedSearch, amountOnPage.passage), focus };
  if (alone.retrieval.relevant) {
    const [best] = alone.retrieval.passages;
    const tie = pick !== undefined && pick.own === 1 && pick.passage.id !== best?.id && alone.retrieval.passages.some((passage) => passage.id === pick.passage.id);
    return tie && merged ? merged : alone;
  }
  // A question about a place (a size, a bank) that found nothing alone is answered from the topic only by a passage
  // naming it: "tau toko batik lain di solo?" after the Solo row is not the "kota lain" of the shipping page.
  if (merged && pick.slots === 2) return merged;
  // Not when the topic's passage holds none of the message's own words: "bisa nego?" after a product's line would get
  // that line again, which says nothing about bargaining.
  const [topPassage] = mergedSearch.passages;
  const saysSomething = topPassage !== undefined && ownShare(contentStems([topPassage.metadata.title, topPassage.metadata.heading ?? '', topPassage.text].join('\n')), readings) > 0;
  return readings.short && mergedSearch.relevant && saysSomething ? { query: readings.merged, retrieval: mergedSearch, focus } : alone;
}
