// "Which" questions ("e-wallet apa aja?", "kurir apa aja?", "which banks?") ask for the members of a kind: the passage
// that names several of them (GoPay, OVO, DANA; JNE, J&T, SiCepat) answers better than one that names the kind once.
// retrieve.ts ranks by it.
import { type Slot, slotOf } from '../language/slots.js';
import { conceptsOf } from './concepts.js';
import { isContentToken, stemVariants, tokenize } from './text.js';
import type { ScoredChunk } from './types.js';

/** Things of one kind a passage names to count as a list of them. */
const LIST_LENGTH = 3;
/** "which banks?", "what kind of fabric": the kind follows; "e-wallet apa aja?", "bank mana saja": it comes before. */
const WHICH_BEFORE: readonly string[][] = [['which'], ['what', 'kind', 'of'], ['what', 'kinds', 'of']];
const WHICH_AFTER: readonly string[][] = [['apa', 'saja'], ['mana', 'saja']];
/** Words "apa aja" may look back over to the kind: "bayar pake apa aja?" asks which ways to pay. */
const LOOK_BACK = 3;
/** Words that name a kind whose members are slot words (slots.ts): "kurir apa aja?" is answered by JNE, J&T, SiCepat. */
const KIND_SLOTS: ReadonlyMap<string, Slot> = new Map([
  ...['kurir', 'courier', 'couriers', 'ekspedisi'].map((word) => [word, 'courier'] as const),
  ...['bayar', 'pembayaran', 'payment', 'payments', 'pay', 'bank', 'banks', 'wallet', 'ewallet', 'dompet'].map((word) => [word, 'payment'] as const),
  ...['kota', 'city', 'cities', 'daerah', 'wilayah'].map((word) => [word, 'place'] as const),
  ...['ukuran', 'size', 'sizes'].map((word) => [word, 'size'] as const),
]);

interface Kind {
  slots: Set<Slot>;
  concepts: Set<string>;
}

const kindOf = (word: string): Kind => {
  const variants = stemVariants(word);
  return { slots: new Set(variants.flatMap((variant) => KIND_SLOTS.get(variant) ?? [])), concepts: new Set(conceptsOf(variants)) };
};

/** The kind a "which …?" question asks for: of the word next to its cue that names one. */
function kindAsked(tokens: readonly string[]): Kind | undefined {
  const at = (cue: readonly string[], i: number) => cue.every((word, j) => tokens[i + j] === word);
  const names = (word: string) => {
    const kind = kindOf(word);
    return kind.slots.size > 0 || kind.concepts.size > 0 ? kind : undefined;
  };
  for (let i = 0; i < tokens.length; i += 1) {
    for (const cue of WHICH_BEFORE) if (at(cue, i)) return tokens.slice(i + cue.length).filter(isContentToken).slice(0, 1).map(names)[0];
    for (const cue of WHICH_AFTER) {
      if (!at(cue, i)) continue;
      const before = tokens.slice(Math.max(0, i - LOOK_BACK), i).filter(isContentToken).reverse();
      for (const word of before) {
        const kind = names(word);
        if (kind) return kind;
      }
    }
  }
  return undefined;
}

/**
 * For "e-wallet apa aja?", "kurir apa aja?" or "which banks?": how well a passage lists the things asked for. 1 when
 * it names several (its slot words, JNE and SiCepat or BCA and GoPay, when the kind has them, else words of its
 * concept), 1.5 when its heading also names the kind ("Kurir dan ongkos kirim" over the tracking page that lists the
 * couriers' websites), else 0.
 */
export function listsOfKind(query: string): (passage: ScoredChunk) => number {
  const kind = kindAsked(tokenize(query));
  if (kind === undefined) return () => 0;
  const member = (token: string): boolean => {
    if (kind.slots.size > 0) return kind.slots.has(slotOf(token)!);
    return conceptsOf(stemVariants(token)).some((concept) => kind.concepts.has(concept));
  };
  const namesKind = (token: string): boolean => {
    const named = kindOf(token);
    return [...named.slots].some((slot) => kind.slots.has(slot)) || [...named.concepts].some((concept) => kind.concepts.has(concept));
  };
  return (passage) => {
    if (new Set(tokenize(passage.text).filter(member)).size < LIST_LENGTH) return 0;
    return tokenize(passage.metadata.heading ?? '').some(namesKind) ? 1.5 : 1;
  };
}

/** Words for every way of a kind, not one group of them ("bank", "e-wallet"): "metode pembayaran apa aja?" asks for all. */
const WHOLE_KINDS: ReadonlyMap<string, Slot> = new Map([
  ...['bayar', 'pembayaran', 'payment', 'payments', 'pay'].map((word) => [word, 'payment'] as const),
  ...['kurir', 'courier', 'couriers', 'ekspedisi'].map((word) => [word, 'courier'] as const),
]);
/** Words for one group of a kind: "e-wallet apa aja?" is the wallets' section, not the whole page. */
const GROUPS = new Set(['bank', 'banks', 'wallet', 'wallets', 'ewallet', 'dompet', 'kartu', 'card', 'cards', 'cicilan', 'instalment', 'installment']);
/** A question for the members of a kind: the "which" cues, and a bare "what" ("what payment methods do you take?"). */
const asksWhich = (tokens: readonly string[]): boolean =>
  tokens.some((_, i) => [...WHICH_BEFORE, ...WHICH_AFTER, ['what']].some((cue) => cue.every((word, j) => tokens[i + j] === word)));
/** Sections an overview needs: with one, that section is the answer. */
const OVERVIEW_SECTIONS = 2;

/** The kind a question asks every member of: "metode pembayaran apa aja?" payment, "kurir apa aja?" courier. */
export function wholeKindAsked(query: string): Slot | undefined {
  const tokens = tokenize(query);
  if (!asksWhich(tokens) || tokens.some((token) => GROUPS.has(token))) return undefined;
  const slot = tokens.flatMap((token) => stemVariants(token).flatMap((variant) => WHOLE_KINDS.get(variant) ?? []))[0];
  return slot === undefined || tokens.some((token) => slotOf(token) === slot) ? undefined : slot;
}

/**
 * "metode pembayaran apa aja?", "what payment methods do you accept?", "kurir apa aja?": every way to pay (every
 * courier) a page lists, section by section, not the one section that ranked first (the bank transfer one, while the
 * page also takes wallets, cards and COD). The page is the one of `passages` naming the most members of the kind (the
 * shipping page's couriers over the tracking page's links to three of them), `preferred` (the best passage's, in the
 * customer's language) among equals. Its sections that name a member no section naming more of them named
 * ("Payment confirmation", which names QRIS again, is left out), in the page's order; undefined when fewer than two do.
 */
export function kindOverview(slot: Slot, preferred: string, passages: readonly ScoredChunk[]): ScoredChunk[] | undefined {
  const membersOf = (passage: ScoredChunk) => new Set(tokenize(passage.text).filter((token) => slotOf(token) === slot));
  const listed = passages.filter((passage) => passage.metadata.product === undefined).map((passage) => ({ passage, members: membersOf(passage) }));
  const byPage = new Map<string, Set<string>>();
  for (const { passage, members } of listed) byPage.set(passage.metadata.source, new Set([...(byPage.get(passage.metadata.source) ?? []), ...members]));
  const most = Math.max(0, ...[...byPage.values()].map((members) => members.size));
  const page = byPage.get(preferred)?.size === most ? preferred : [...byPage].find(([, members]) => members.size === most)?.[0];
  const named = new Set<string>();
  const sections = listed
    .filter(({ passage }) => passage.metadata.source === page)
    .sort((a, b) => b.members.size - a.members.size)
    .filter(({ members }) => {
      const news = [...members].filter((member) => !named.has(member));
      for (const member of news) named.add(member);
      return news.length > 0;
    })
    .map(({ passage }) => passage);
  return sections.length >= OVERVIEW_SECTIONS ? sections.sort((a, b) => a.metadata.position - b.metadata.position) : undefined;
}
