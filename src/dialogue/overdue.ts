// "udh 2 jam lho" after "terkonfirmasi otomatis dalam 15 menit", "udh 2 minggu blm masuk dananya" after "dalam 3–7
// hari kerja": the customer has waited longer than Jawab's last reply said it takes. Saying it again, or the next
// sentence of the page, does not help; a person who can look at the order does, unless the page says what to do
// after such a time ("Jika 1 jam setelah membayar …"). A stated time is the longest one the reply names; the
// customer's is one they say they have waited ("udah 2 jam", "sudah seminggu", "it's been 3 days", "2 minggu blm
// masuk").
import { tokenize } from '../knowledge/text.js';

/** Minutes in each unit, as customers and pages write it. */
const UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(?:menit|mnt|minutes?|mins?)$/, 1],
  [/^(?:jam|hours?|hrs?)$/, 60],
  [/^(?:hari|days?)$/, 24 * 60],
  [/^(?:minggu|mgg|pekan|weeks?)$/, 7 * 24 * 60],
  [/^(?:bulan|bln|months?)$/, 30 * 24 * 60],
];
/** Words that say the time has passed: "udah 2 jam", "it's been a week", "lebih dari 3 hari". */
const WAITED = new Set(['udah', 'sudah', 'dah', 'already', 'been', 'lebih', 'over', 'more', 'sejak', 'since', 'for']);
/** Words that say it has not happened yet: "2 minggu blm masuk", "still nothing after 3 days". */
const NOT_YET = new Set(['belum', 'still', 'yet', 'masih']);

const unitMinutes = (word: string | undefined): number | undefined => (word === undefined ? undefined : UNITS.find(([pattern]) => pattern.test(word))?.[1]);

/** When something was done, said as a time past ("tadi pagi", "kemarin", "last night"), as the least time since. */
const SINCE: ReadonlyArray<[RegExp, number]> = [
  [/\b(?:(?:tadi|td|dari|dr|sejak) (?:pagi|siang)|this morning)\b/giu, 3 * 60],
  [/\b(?:semalam|tadi malam|td malam|last night)\b/giu, 8 * 60],
  [/\b(?:kemarin|kemaren|kmrn|kmren|yesterday)\b/giu, 24 * 60],
];

interface Duration {
  minutes: number;
  /** As the text writes it ("15 menit", "3–7 hari kerja"). */
  text: string;
}

/**
 * Durations in a text: "15 menit", "3–7 hari kerja" (its upper end), "seminggu", "a week". A working day counts as
 * `working` calendar days: 7/5 for a time promised (the customer waits through weekends), 1 for a time a condition
 * names (4 days without movement meets "3 working days" as the customer sees it).
 */
function durations(text: string, working = 7 / 5): Duration[] {
  const found: Duration[] = [];
  // "3–7 hari kerja", "3 working days", "2 jam", "seminggu", "a week".
  const pattern = /(?<![\d.,])(\d{1,3})(?:\s*[–-]\s*(\d{1,3}))?\s*(?:(working|business)\s+)?(\p{L}+)(?:\s+(kerja))?|\b(se|an?|one|satu)\s*(\p{L}+)/giu;
  for (const match of text.matchAll(pattern)) {
    const [whole, low, high, workingBefore, unit, workingAfter, one, oneUnit] = match;
    const workDays = workingBefore ?? workingAfter;
    const perUnit = unitMinutes((unit ?? oneUnit)!.toLowerCase());
    if (perUnit === undefined) continue;
    const count = one !== undefined ? 1 : Number(high ?? low);
    found.push({ minutes: count * perUnit * (workDays !== undefined && perUnit === 24 * 60 ? working : 1), text: whole.trim() });
  }
  // "dikirim pada hari kerja berikutnya", "ship the next working day": one working day.
  for (const match of text.matchAll(/\b(?:hari kerja (?:berikutnya|selanjutnya)|next (?:working|business) day)\b/giu)) {
    found.push({ minutes: 24 * 60 * working, text: match[0] });
  }
  // "udh tf td pagi tp blm dikonfirmasi": a time of day past is hours ago, at the least.
  for (const [pattern, minutes] of SINCE) for (const match of text.matchAll(pattern)) found.push({ minutes, text: match[0] });
  return found;
}

/** The longest time a reply says something takes, or undefined when it names none. */
export function statedWait(reply: string): Duration | undefined {
  return durations(reply).sort((a, b) => b.minutes - a.minutes)[0];
}

/** How long the customer says they have waited, or undefined when they say no such thing. */
export function saysWaited(message: string): number | undefined {
  const tokens = tokenize(message);
  if (!tokens.some((token) => WAITED.has(token) || NOT_YET.has(token))) return undefined;
  return Math.max(0, ...durations(message).map((duration) => duration.minutes)) || undefined;
}

/** The customer has waited longer than the reply said it takes: what it names, for the note. */
export function waitedLonger(message: string, reply: string): Duration | undefined {
  const stated = statedWait(reply);
  const waited = saysWaited(message);
  return stated !== undefined && waited !== undefined && waited > stated.minutes ? stated : undefined;
}

/**
 * Words that say something has not happened: the customer is waiting for it ("10 hari blm sampe", "hasn't come"), or
 * that it takes too long ("kok pesanan aku lama bgt, udh seminggu!!").
 */
const STILL_WAITING = new Set(['belum', 'yet', 'hasnt', 'havent', 'didnt', 'not', 'kok', 'lama']);

/**
 * The customer says they have waited longer than the answer about to be given says it takes, for something that has
 * not happened ("paket aku udh 10 hari blm sampe, ke medan" against "lama pengiriman: 3–5 hari kerja"): what it names.
 * Not for a question about a time limit ("udh 3 minggu, masih bisa retur?"), which the answer answers.
 */
export function waitedPastAnswer(message: string, answer: string): Duration | undefined {
  return tokenize(message).some((token) => STILL_WAITING.has(token)) ? waitedLonger(message, answer) : undefined;
}

/** A sentence that says what to do after a time: "Jika 1 jam setelah membayar …", "If it has not moved for 3 days …". */
const CONDITION = /^(?:jika|kalau|apabila|bila|if|when|once)\b/i;

/** A sentence that opens with a condition ("Jika …", "If …"). */
export function opensCondition(sentence: string): boolean {
  return CONDITION.test(sentence.trim());
}

/** The answer says what to do once a time has passed, and the customer has waited that long: it is the answer. */
export function conditionMet(message: string, answer: string): boolean {
  const waited = saysWaited(message);
  if (waited === undefined) return false;
  return answer
    .split(/(?<=[.!?])\s+/)
    .filter(opensCondition)
    .some((sentence) => durations(sentence, 1).some((duration) => waited >= duration.minutes));
}
