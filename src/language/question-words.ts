// Words that make a message a question wherever they stand, besides a question mark: "caranya gmn" asks, "oke noted"
// does not. Compared on standard tokens (chat-lexicon.ts: "gmn" is already "bagaimana").
export const QUESTION_WORDS: ReadonlySet<string> = new Set(
  `apa apakah berapa bagaimana kapan mana siapa kenapa mengapa bisa boleh ada adakah how what when where which who
   why can could do does did is are will would may should have has`.split(/\s+/),
);

/**
 * The question words that ask for a piece of information (how much, when, where, why), not for a yes or a no; they ask
 * wherever they stand ("paketnya di mana"). "kok" asks why ("kok blm dikonfirmasi ya").
 */
export const WH_WORDS: ReadonlySet<string> = new Set(`apa berapa bagaimana kapan mana siapa kenapa mengapa kok how what when where which who why`.split(/\s+/));
