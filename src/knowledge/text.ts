// Word-level text handling shared by the offline embeddings, the relevance check and the extractive
// answerer: normalising, tokenising, dropping stopwords and light stemming for English and Indonesian.
//
// Indonesian builds words from a root with prefixes and suffixes ("kembali" -> "kembalikan",
// "pengembalian"). Without a dictionary we cannot always tell where the root starts: "peng" + vowel hides
// a dropped "k" ("pengiriman" <- "kirim") or nothing ("pengambilan" <- "ambil"). So stemming returns the
// main stem plus the plausible alternatives, and callers treat any shared variant as a shared word.
import { canonicalTokens, markContacts, normalizeBrands, normalizeNumbers, normalizeSizeChoice } from '../language/normalize.js';
import { conceptsOf, phraseMatches } from './concepts.js';
import { isStopword } from './stopwords.js';

/** Lowercase without diacritics ("Envío" -> "envio"); also what the rules' word lists match on (rules/normalize.ts). */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Lowercase, strip diacritics (so "envío" matches "envio"), unify apostrophes. */
export function normalizeText(text: string): string {
  return foldText(text).replace(/[’‘`]/g, "'");
}

/**
 * Lowercased words and numbers of a text, in order (apostrophes dropped: "don't" -> "dont"), as the knowledge
 * writes them: chat spellings replaced by standard words and numbers in one form ("brp ongkir 800rb" ->
 * berapa ongkos kirim 800000; language/normalize.ts).
 */
export function tokenize(text: string): string[] {
  return canonicalTokens(normalizeNumbers(normalizeSizeChoice(normalizeBrands(markContacts(normalizeText(text))))).replace(/'/g, '').match(/[\p{L}\p{N}]+/gu) ?? []);
}

const PARTICLES = ['lah', 'kah', 'pun', 'tah'];
const POSSESSIVES = ['nya', 'ku', 'mu'];
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const MIN_STEM = 3;

function isVowel(char: string | undefined): boolean {
  return char !== undefined && VOWELS.has(char);
}

function stripSuffix(word: string, suffixes: readonly string[], minStem: number): string | undefined {
  for (const suffix of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= minStem) return word.slice(0, -suffix.length);
  }
  return undefined;
}

/**
 * Removes one Indonesian prefix layer. Returns the candidate roots, the likeliest first, or undefined
 * when the word has no prefix. Nasal prefixes swallow the root's first consonant
 * (meN-/peN-: k, t, p, s), so both readings are returned.
 */
function stripPrefix(word: string, hadAnSuffix: boolean): string[] | undefined {
  const rest = (length: number): string => word.slice(length);
  const long = (candidate: string): boolean => candidate.length >= MIN_STEM;

  for (const nasal of ['meng', 'peng']) {
    if (word.startsWith(nasal) && long(rest(4))) {
      const root = rest(4);
      return isVowel(root[0]) ? [`k${root}`, root] : [root];
    }
  }
  for (const nasal of ['meny', 'peny']) {
    if (word.startsWith(nasal) && isVowel(word[4]) && long(rest(4))) return [`s${rest(4)}`, rest(4)];
  }
  for (const nasal of ['mem', 'pem']) {
    if (word.startsWith(nasal) && long(rest(3))) {
      const root = rest(3);
      // "memakai" <- "pakai", "memakan" <- "makan" (me- + makan), "membayar" <- "bayar".
      return isVowel(root[0]) ? [`p${root}`, rest(2), root] : [root];
    }
  }
  for (const nasal of ['men', 'pen']) {
    if (word.startsWith(nasal) && long(rest(3))) {
      const root = rest(3);
      // "menukar" <- "tukar", "menerima" <- "terima", "menanti" <- "nanti".
      return isVowel(root[0]) ? [`t${root}`, rest(2), root] : [root];
    }
  }
  // Colloquial nasal prefixes (Jakarta chat): "ngirim" <- "kirim", "ngambil" <- "ambil", "nyuci" <- "cuci",
  // "nyari" <- "cari", "ngecek" <- "cek".
  if (word.startsWith('nge') && !isVowel(word[3]) && long(rest(3))) return [rest(3)];
  if (word.startsWith('ng') && isVowel(word[2]) && long(rest(2))) return [`k${rest(2)}`, rest(2)];
  if (word.startsWith('ny') && isVowel(word[2]) && long(rest(2))) return [`c${rest(2)}`, `s${rest(2)}`];
  for (const plain of ['ber', 'ter', 'per']) {
    if (word.startsWith(plain) && long(rest(3))) return [rest(3)];
  }
  // Two-letter prefixes need a longer remainder: "pesan" is a root, not pe- + "san".
  if ((word.startsWith('me') || word.startsWith('pe') || word.startsWith('di')) && rest(2).length >= 4) {
    return [rest(2)];
  }
  // ke-...-an is a confix ("keterlambatan"); a bare ke- is usually part of the root ("kembali").
  if (hadAnSuffix && word.startsWith('ke') && long(rest(2))) return [rest(2)];
  return undefined;
}

/**
 * Light English suffix stripping: "charge", "charged", "charges" -> "charg"; "shipping", "shipped" -> "ship";
 * "companies" -> "company". A doubled final consonant left by -ing/-ed is undone ("wrapping" -> "wrap").
 */
function stripEnglish(word: string): string {
  if (word.length <= 4) return word;
  const ies = /^(.{3,})ie[sd]$/.exec(word);
  if (ies !== null) return `${ies[1]}y`;
  // "-ing" leaves three letters at least ("paying" -> "pay", "buying" -> "buy"); the others four ("uses" stays "use").
  let stripped = stripSuffix(word, ['ingly', 'ings', 'ing'], 3) ?? stripSuffix(word, ['edly', 'es', 'ed', 'ly', 's'], 4) ?? word;
  if (stripped !== word && /([b-df-hj-km-np-rtv-z])\1$/.test(stripped)) stripped = stripped.slice(0, -1);
  return stripped.length > 4 && stripped.endsWith('e') ? stripped.slice(0, -1) : stripped;
}

/**
 * Stem variants of one lowercased token: the first is the canonical stem, the others are alternative
 * roots that Indonesian morphology allows. Short words and numbers are returned unchanged.
 */
export function stemVariants(token: string): string[] {
  if (token.length <= 4 || /\d/.test(token)) return [token];

  let word = stripSuffix(token, PARTICLES, 4) ?? token;
  word = stripSuffix(word, POSSESSIVES, 4) ?? word;
  let hadAnSuffix = false;
  // "-in" is chat Indonesian for "-kan"/"-i" ("kirimin", "bayarin", "beliin"); a root of four letters at least, so
  // that "ingin" or "bikin" keep theirs.
  const withoutKan = stripSuffix(word, ['kan'], 4) ?? (word.length >= 6 ? stripSuffix(word, ['in'], 4) : undefined);
  if (withoutKan !== undefined) {
    word = withoutKan;
  } else {
    const withoutAn = stripSuffix(word, ['an'], 4);
    if (withoutAn !== undefined) {
      word = withoutAn;
      hadAnSuffix = true;
    }
  }

  // Up to two prefix layers: "diperbaiki", "keterlambatan", "memperbarui".
  let candidates = [word];
  for (let layer = 0; layer < 2; layer += 1) {
    const head = candidates[0];
    if (head === undefined) break;
    const stripped = stripPrefix(head, hadAnSuffix && layer === 0);
    if (stripped === undefined) break;
    candidates = [...stripped, ...candidates.slice(1)];
  }
  // The token itself and its English reading always count too: an English word that merely looks
  // prefixed ("discount" -> "scount") must still match its own plural ("discounts"). An English negative
  // ("unwashed", "unworn") also reads as its root, so "a washed item" finds the rule about unwashed ones.
  const unNegated = /^un[a-z]{4,}$/.test(token) ? [stripEnglish(token.slice(2))] : [];
  return [...new Set([...candidates, token, stripEnglish(token), ...unNegated])];
}

/** The canonical stem of a token. */
export function stem(token: string): string {
  return stemVariants(token)[0] ?? token;
}

/** Tokens that can carry a topic: not a stopword, at least two characters (or a number of 3+ digits). */
export function isContentToken(token: string): boolean {
  // "-nya" on a stopword is still a stopword ("adanya", "kakaknya").
  if (isStopword(token) || (token.length > 5 && token.endsWith('nya') && isStopword(token.slice(0, -3)))) return false;
  if (/^\d+$/.test(token)) return token.length >= 3;
  return token.length >= 2;
}

/** The content tokens of a text, stopwords removed, in order. */
export function contentTokens(text: string): string[] {
  return tokenize(text).filter(isContentToken);
}

/** The terms one token stands for: its stem variants and the concepts (synonym groups) it belongs to. */
export function termsOf(token: string): string[] {
  const variants = stemVariants(token);
  return [...variants, ...conceptsOf(variants, token)];
}

/**
 * The terms of a text, one group per distinct content token (its stems and concepts, and the meaning of a phrase
 * it is part of), plus one group per phrase's meaning ("money back" -> ~refund).
 */
export function termGroups(text: string): string[][] {
  const tokens = tokenize(text);
  const phrases = phraseMatches(tokens);
  const seen = new Set<string>();
  const groups: string[][] = [];
  tokens.forEach((token, position) => {
    if (seen.has(token) || !isContentToken(token)) return;
    seen.add(token);
    // A word of a phrase is also matched by the phrase's meaning: "physical" in "physical store" by a showroom.
    const meanings = phrases.filter((phrase) => position >= phrase.start && position < phrase.end).map((phrase) => phrase.concept);
    groups.push([...new Set([...termsOf(token), ...meanings])]);
  });
  // And the phrase's meaning is a word of its own ("nomor WA" asks for a contact, "where is my" to track).
  for (const concept of new Set(phrases.map((phrase) => phrase.concept))) groups.push([concept]);
  return groups;
}

/** Every term of a text: two texts share a content word when these sets intersect. */
export function contentStems(text: string): Set<string> {
  return new Set(termGroups(text).flat());
}
