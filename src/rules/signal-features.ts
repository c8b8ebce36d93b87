// The features the offline signals model reads (signals-model.ts), the same at fit time (training/fit-signals.ts)
// and at run time: the words of the text as the knowledge reads them (chat spellings replaced by standard words:
// "gak" is "tidak", "bgt" is "banget"; language/normalize.ts) and stemmed (knowledge/text.ts: "dibalas" and
// "balasan" are "balas", "replied" is "reply"), each word after a negation marked as negated within
// its clause ("tidak pernah kecewa" has `~pernah` and `~kecewa`, not `kecewa`, so negated blame is not blame), the
// pairs of neighbouring words, and the punctuation and emoji that tokenising drops ("!!", "??", 😭).
import { stem, tokenize } from '../knowledge/text.js';

/** Words that turn the next ones around, after the chat spellings are standardised (apostrophes dropped: "dont"). */
export const NEGATORS: ReadonlySet<string> = new Set([
  'tidak', 'bukan', 'belum', 'jangan', 'tanpa', 'kurang',
  'not', 'never', 'no', 'nothing', 'nobody', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'arent', 'cant', 'cannot', 'wont', 'havent', 'hasnt', 'couldnt',
]);
/** How many words after a negation it reaches, within its clause. */
const NEGATION_SCOPE = 3;
const CLAUSE = /[.,;:!?\n()]+|\b(?:tapi|but|namun|padahal)\b/u;

const CUES: Array<[RegExp, string]> = [
  [/!{2,}/u, '<!!>'],
  [/\?{2,}/u, '<??>'],
  [/[?!]{2,}/u, '<?!>'],
  [/[😊😁😍🥰🙏👍❤😄😀🤩👌]/u, '<emoji+>'],
  [/[😢😭😞☹🙁😔😥]/u, '<emoji-sad>'],
  [/[😡😠🤬😤🙄]/u, '<emoji-angry>'],
  [/[🤔😕]/u, '<emoji-unsure>'],
];

function clauseWords(clause: string): string[] {
  let left = 0;
  return tokenize(clause).map(stem).map((token) => {
    if (NEGATORS.has(token)) {
      left = NEGATION_SCOPE;
      return token;
    }
    if (left === 0) return token;
    left--;
    return `~${token}`;
  });
}

/** The text's features: words (negated ones marked `~`), neighbouring pairs, and punctuation and emoji cues. */
export function signalFeatures(text: string): string[] {
  const features: string[] = [];
  for (const clause of text.split(CLAUSE)) {
    const words = clauseWords(clause);
    features.push(...words);
    for (let i = 0; i + 1 < words.length; i++) features.push(`${words[i]} ${words[i + 1]}`);
  }
  for (const [pattern, cue] of CUES) if (pattern.test(text)) features.push(cue);
  return features;
}
