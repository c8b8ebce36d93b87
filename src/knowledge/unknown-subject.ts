// A question whether something exists or can be done, about a thing the knowledge never names ("paketnya bisa pakai
// asuransi?", "ada sertifikat keaslian?", "is there parking at the showroom?", "can I watch the batik being made?").
// A shop's pages say what it offers; one they never mention is not among what they say, and the nearest passage (the
// parcel tracking page, the showroom's address) is no answer to it: a person says yes or no. Only the thing the
// question asks about counts (the first content word after "ada", "bisa", "pakai", "is there", "can I", …): any other
// word the knowledge does not use is often only a way of saying it (measured and left out, README). A word of one or
// two letters is rather a chat abbreviation the lexicon lacks ("pk" for pakai, "cc" a credit card) than the thing.
import { slotOf } from '../language/slots.js';
import { phrasePositions } from './concepts.js';
import { isContentToken, termsOf, tokenize } from './text.js';

/** The token sequences that ask whether something exists or can be done: the thing asked about follows them. */
const ASKS_WHETHER: readonly (readonly string[])[] = [
  ['ada'],
  ['bisa'],
  ['pakai'],
  ['is', 'there'],
  ['are', 'there'],
  ['do', 'you', 'have'],
  ['can', 'i'],
  ['can', 'you'],
  ['can', 'we'],
  // How to do something the knowledge never names ("cara hapus akun?") and what to pay with.
  ['cara'],
  ['how', 'to'],
  ['how', 'do', 'i'],
  ['how', 'can', 'i'],
  ['pay', 'with'],
  ['pay', 'in'],
  ['pay', 'by'],
  ['pay', 'using'],
  ['bayar', 'dengan'],
];

function startsAt(tokens: readonly string[], at: number, sequence: readonly string[]): boolean {
  return sequence.every((token, offset) => tokens[at + offset] === token);
}

/** The things the question asks whether they exist or can be done: the first content word after each asking phrase. */
function askedThings(tokens: readonly string[]): string[] {
  // A word of a known phrase means the phrase ("physical store" is the showroom), not itself.
  const inPhrase = phrasePositions(tokens);
  const things: string[] = [];
  tokens.forEach((_, at) => {
    const sequence = ASKS_WHETHER.find((candidate) => startsAt(tokens, at, candidate));
    if (sequence === undefined) return;
    const after = at + sequence.length;
    const offset = tokens.slice(after).findIndex((token) => isContentToken(token) && token.length > 2);
    if (offset >= 0 && !inPhrase.has(after + offset)) things.push(tokens[after + offset]!);
  });
  return things;
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
