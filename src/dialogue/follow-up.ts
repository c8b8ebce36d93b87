// Follow-up questions without a model. Customers ask in pieces: "brp ongkir ke sby?" … "kalau ke medan?", "how much is
// it?", "lingkar dadanya?", "udh 2 jam lho". Such a message is elliptical: it leans on the conversation's current
// topic, the last question Jawab answered. This module says which reading of a message to search for:
// - `alone`: the message as it stands (a new question is never answered with the previous topic's passage);
// - `carried`: the message with the topic's slot words it does not replace ("lama nyampenya?" after a question about
//   Jakarta asks about Jakarta);
// - `merged`: the topic with the message's slot words swapped in ("berapa ongkos kirim ke surabaya" + "kalau ke
//   medan" -> "berapa ongkos kirim ke medan").
// Which one wins is decided by retrieval (answer/question-resolution.ts); `elliptical` says when the merged reading
// comes first.
import { givesMeasure } from '../knowledge/measurement.js';
import { isContentToken, tokenize } from '../knowledge/text.js';
import { QUESTION_WORDS } from '../language/question-words.js';
import { type Slot, slotOf } from '../language/slots.js';

export interface Readings {
  alone: string;
  /** The words the message brings (content and slot words, not pronouns): a merged reading must find one of them. */
  news: string[];
  /** Of those, the words of its own (what it asks about) and its slot words (which city, which size). */
  own: string[];
  slots: string[];
  carried?: string;
  merged?: string;
  /** The message cannot stand alone: a follow-up cue, a pronoun with nothing else, or a short statement. */
  elliptical: boolean;
  /** It opens with a follow-up cue ("kalau …", "what about …"). */
  cue: boolean;
  /** It points back at what was said ("syaratnya?": its requirements; "is it…"). */
  anaphoric: boolean;
  /** The message has at most one word of its own (besides slots and pronouns): a miss alone is likely a follow-up. */
  short: boolean;
}

/**
 * Openings that continue the previous question ("kalau …", "terus …", "what about …"), as standard tokens. Words that
 * also open new questions ("untuk", "for", "in") are not cues.
 */
const CUES: string[][] = [
  'kalau',
  'terus',
  'lalu',
  'bagaimana dengan',
  'yang',
  'and',
  'what about',
  'how about',
  'and if',
  'also',
  'what if',
  'same for',
].map((cue) => cue.split(' '));

/** Pronouns that point back at something said before. */
const ANAPHORA = new Set(['it', 'its', 'that', 'this', 'they', 'them', 'those', 'one', 'ones', 'itu', 'ini', 'tersebut', 'sana', 'situ', 'begitu']);

/**
 * A word with -nya points back at something said before ("harganya": its price), besides the pronouns; "caranya"
 * ("the way to") is a question word, and points back only in a message with nothing else (then it has no own words).
 */
function pointsBack(token: string): boolean {
  return ANAPHORA.has(token) || (token.length >= 6 && token.endsWith('nya') && isContentToken(token));
}

function startsWithCue(tokens: readonly string[]): boolean {
  return CUES.some((cue) => cue.every((word, i) => tokens[i] === word));
}

/** The readings of `question` given the conversation's `topic` (the standalone form of the last question answered). */
export function readingsOf(question: string, topic: string | undefined, hasQuestionMark = question.includes('?')): Readings {
  const tokens = tokenize(question);
  // "kalo L?" after the M row: a size written as one letter is no content word, but after a topic with a size it is
  // the size asked now.
  const topicSized = topic !== undefined && tokenize(topic).some((token) => slotOf(token) === 'size');
  const content = tokens.filter((token) => isContentToken(token) || (topicSized && token.length === 1 && slotOf(token) === 'size'));
  const news = content.filter((token) => !ANAPHORA.has(token));
  // Its own words: what it asks about besides the slot it fills ("harganya" is a word of its own: the price).
  const own = news.filter((token) => slotOf(token) === undefined);
  const short = own.length <= 1;
  const slots = news.filter((token) => slotOf(token) !== undefined);
  const cue = startsWithCue(tokens);
  const anaphoric = tokens.some(pointsBack);
  if (topic === undefined || topic.trim() === '') return { alone: question, news, own, slots, elliptical: false, cue, anaphoric, short };

  const asking = hasQuestionMark || tokens.some((token) => QUESTION_WORDS.has(token));
  // A cue before a whole question of its own ("kalau salah pilih ukuran bisa dituker?") opens a new one.
  // A question word and one word of its own, no more ("what time?", "brp lama?"), asks that of what was just said.
  const bare = asking && own.length === 1 && tokens.length <= 3;
  const elliptical = (cue && own.length <= 2) || own.length === 0 || (anaphoric && own.length <= 2) || (!asking && own.length <= 2) || bare;

  const slotsHere = new Set(content.map(slotOf).filter((slot): slot is Slot => slot !== undefined));
  // "kalo lingkar dada 110?" after the L row asks which size fits 110, not about L again; "kalo 100?" after 110, which
  // fits 100: a measurement is a size of its own, and replaces the topic's.
  const measured = givesMeasure(question);
  if (measured) slotsHere.add('size');
  const topicTokens = tokenize(topic);
  const kept = topicTokens.filter((token) => {
    const slot = slotOf(token);
    if (measured && givesMeasure(token)) return false;
    return slot === undefined || !slotsHere.has(slot);
  });
  const carriedSlots = topicTokens.filter((token) => {
    const slot = slotOf(token);
    return slot !== undefined && !slotsHere.has(slot);
  });
  const readings: Readings = { alone: question, news, own, slots, merged: `${kept.join(' ')} ${question}`.trim(), elliptical, cue, anaphoric, short };
  if (carriedSlots.length) readings.carried = `${question} ${[...new Set(carriedSlots)].join(' ')}`;
  return readings;
}

/** The slot words of a reading (what a carried reading must find in its passage to count). */
export function slotWords(text: string): string[] {
  return tokenize(text).filter((token) => slotOf(token) !== undefined);
}
