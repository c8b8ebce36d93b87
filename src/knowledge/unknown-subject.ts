// A question whether something exists or can be done, about a thing the knowledge never names ("paketnya bisa pakai
// asuransi?", "ada sertifikat keaslian?", "is there parking at the showroom?", "can I watch the batik being made?").
// A shop's pages say what it offers; one they never mention is not among what they say, and the nearest passage (the
// parcel tracking page, the showroom's address) is no answer to it: a person says yes or no. Only the thing the
// question asks about counts (the content words after "ada", "bisa", "pakai", "is there", "can I", …, up to the next
// preposition or conjunction: "a batik-making class" is the class, "a debit card" the debit card): any other word the
// knowledge does not use is often only a way of saying it (measured and left out, README). A word of one or two
// letters is rather a chat abbreviation the lexicon lacks ("pk" for pakai, "cc" a credit card) than the thing.
import { slotOf } from '../language/slots.js';
import { phrasePositions } from './concepts.js';
import { isContentToken, termsOf, tokenize } from './text.js';
import { WH_WORDS } from '../language/question-words.js';

/**
 * The token sequences that ask whether something exists or can be done: the thing asked about follows them. An English
 * noun phrase ends in its head ("a batik-making class") and its modifiers tell one thing from another ("a debit card"),
 * so every content word up to the next preposition names it; an Indonesian one starts with its head ("seragam batik
 * kantor") and the words after it only narrow it down, so the first content word is the thing.
 */
const ASKS_WHETHER: readonly { readonly words: readonly string[]; readonly english: boolean }[] = [
  // "Kena" asks whether a cost applies ("telat bayar kena denda?").
  ...['ada', 'bisa', 'boleh', 'pakai', 'cara', 'bayar dengan', 'kena', 'dekat'].map((words) => ({ words: words.split(' '), english: false })),
  ...[
    'is there',
    'are there',
    'do you have',
    'can i',
    'can you',
    'can we',
    'do you charge',
    // What a thing does: "do the shirts shrink after washing?", "does it fade?".
    'do the',
    'does the',
    'do they',
    'does it',
    'do these',
    'does this',
    // How to do something the knowledge never names ("cara hapus akun?") and what to pay with.
    'how to',
    'how do i',
    'how can i',
    'pay with',
    'pay in',
    'pay by',
    'pay using',
    // Near a landmark no page names ("showroom deket malioboro?").
    'near',
  ].map((words) => ({ words: words.split(' '), english: true })),
];

/** The words that end an English thing asked about: what follows says where, when or for what, not which thing. */
const ENDS_THING = new Set('at in on for to from with by of about after before during until than when if or and but because while'.split(' '));

const namesThing = (token: string) => isContentToken(token) && token.length > 2;

function startsAt(tokens: readonly string[], at: number, sequence: readonly string[]): boolean {
  return sequence.every((token, offset) => tokens[at + offset] === token);
}

/** The positions of the words naming the thing that starts after `after` (see ASKS_WHETHER). */
function thingAt(tokens: readonly string[], after: number, english: boolean): number[] {
  const first = tokens.findIndex((token, at) => at >= after && namesThing(token));
  if (first < 0) return [];
  if (!english) return [first];
  const positions: number[] = [];
  for (let at = first; at < tokens.length && !ENDS_THING.has(tokens[at]!); at++) if (namesThing(tokens[at]!)) positions.push(at);
  return positions;
}

/**
 * A question word and one word of its own ("yg lebih mahal yg mana?", "awetnya brp lama?"): that word is what it asks
 * about, wherever it stands.
 */
function onlyThing(tokens: readonly string[], inPhrase: ReadonlySet<number>): string[] {
  const content = tokens.flatMap((token, at) => (namesThing(token) ? [at] : []));
  return content.length === 1 && !inPhrase.has(content[0]!) && tokens.some((token) => WH_WORDS.has(token)) ? [tokens[content[0]!]!] : [];
}

/** The words naming the things the question asks whether they exist or can be done, after each asking phrase. */
function askedThings(tokens: readonly string[]): string[] {
  // A word of a known phrase means the phrase ("physical store" is the showroom), not itself.
  const inPhrase = phrasePositions(tokens);
  const asked = tokens.flatMap((_, at) => {
    const asking = ASKS_WHETHER.find((candidate) => startsAt(tokens, at, candidate.words));
    if (asking === undefined) return [];
    return thingAt(tokens, at + asking.words.length, asking.english)
      .filter((position) => !inPhrase.has(position))
      .map((position) => tokens[position]!);
  });
  return [...asked, ...onlyThing(tokens, inPhrase)];
}

/** A word the knowledge never uses in any form or synonym, and no size, place, brand or number (judged elsewhere). */
export function namedNowhere(token: string, knows: (term: string) => boolean): boolean {
  return slotOf(token) === undefined && !/\d/.test(token) && !termsOf(token).some(knows);
}

/** The things asked about that the knowledge never names, given whether it uses a word. Sizes, places, brands and numbers are judged elsewhere. */
export function unknownSubjects(query: string, knows: (term: string) => boolean): string[] {
  // "cod ke bdg bisa? totalnya 2jt": what follows a sentence's end is not what it asks about.
  const things = new Set(query.split(/[.?!\n]+/u).flatMap((sentence) => askedThings(tokenize(sentence))));
  return [...things].filter((thing) => namedNowhere(thing, knows));
}
