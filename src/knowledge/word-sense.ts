// What a phrase in a question says about what is asked, and about the passages that share its words:
// - the meanings of the phrases a question is built on ("kapan barangnya dikirim": when it ships), which the passage
//   that answers carries;
// - a word a passage uses only inside a phrase where it means something else ("barang diskon", a discounted item, for
//   "ada diskon?"), so the passage is not about what the question asks.
// retrieve.ts ranks candidates with both.
import { OTHER_SENSES, phraseMatches } from './concepts.js';
import { contentStems, isContentToken, termsOf, tokenize } from './text.js';
import type { ScoredChunk } from './types.js';
import { WH_WORDS } from '../language/question-words.js';

/** The concepts a passage shares with a question (its title, heading and text against the question's terms). */
type Shared = (query: string, passage: ScoredChunk) => string[];

/**
 * The meanings of the phrases the question is built on: those holding its question word ("kalo tf skrg jam 4 sore
 * dikirim kapan": when it ships, whatever the transfer), or all of them when they make at least half of its content
 * words ("saldo kepotong 2x"). A phrase in passing ("blm masuk" in "mau refund udh 2 minggu blm masuk dananya") is not
 * what the question is about.
 */
export function phraseMeanings(query: string): string[] {
  const tokens = tokenize(query);
  const phrases = phraseMatches(tokens);
  const asking = phrases.filter((phrase) => tokens.slice(phrase.start, phrase.end).some((token) => WH_WORDS.has(token)));
  if (asking.length > 0) return [...new Set(asking.map((phrase) => phrase.concept))];
  const content = tokens.flatMap((token, at) => (isContentToken(token) ? [at] : []));
  const inPhrase = content.filter((at) => phrases.some((phrase) => at >= phrase.start && at < phrase.end));
  return content.length > 0 && inPhrase.length * 2 >= content.length ? [...new Set(phrases.map((phrase) => phrase.concept))] : [];
}

/** Whether `phrase` stands in `tokens` with its word `word` at `at`. */
function phraseAround(tokens: readonly string[], at: number, phrase: readonly string[], word: string): boolean {
  const offset = phrase.indexOf(word);
  return offset >= 0 && phrase.every((part, i) => tokens[at - offset + i] === part);
}

/**
 * Whether a passage shares with the question only a word it uses in another sense (concepts.ts OTHER_SENSES): "ada
 * diskon?" and "ada promo?" against "Barang diskon … tidak dapat dikembalikan". Not when the question says the phrase
 * too ("barang diskon bisa diretur?").
 */
export function usesOtherSense(query: string, sharedTerms: Shared): (passage: ScoredChunk) => boolean {
  const asked = tokenize(query);
  const terms = contentStems(query);
  const senses = OTHER_SENSES.map(({ phrase, word }) => ({ phrase, word, ofWord: new Set(termsOf(word)) })).filter(
    ({ phrase, ofWord }) => [...ofWord].some((term) => terms.has(term)) && !asked.some((_, at) => phraseAround(asked, at, phrase, phrase[0]!)),
  );
  if (senses.length === 0) return () => false;
  return (passage) => {
    const shared = sharedTerms(query, passage);
    const tokens = tokenize(`${passage.metadata.heading ?? ''}\n${passage.text}`);
    return senses.some(({ word, ofWord }) => {
      if (shared.length === 0 || !shared.every((term) => ofWord.has(term))) return false;
      const uses = tokens.flatMap((token, at) => (token === word ? [at] : []));
      return uses.length > 0 && uses.every((at) => OTHER_SENSES.some((sense) => sense.word === word && phraseAround(tokens, at, sense.phrase, word)));
    });
  };
}
