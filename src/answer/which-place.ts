// "ongkirnya brp?", "how much is shipping?" naming no town, where the shipping rates are a table with a row per town:
// no row answers it (another town's rate would be wrong, retrieve.ts rowsFitting), and the line under the table ("for
// towns not listed, the cost is shown at checkout") tells the customer nothing yet. A shop's agent asks where to; the
// customer's next message ("sby") is read with the question (the Surabaya row).
import type { Language } from '../config/settings.js';
import { keyedByPlace } from '../knowledge/retrieve.js';
import { termGroups, tokenize } from '../knowledge/text.js';
import type { ScoredChunk } from '../knowledge/types.js';
import { slotOf } from '../language/slots.js';

const WHICH_PLACE: Record<Language, string> = {
  id: 'Dikirim ke kota mana, kak? Sebutkan kotanya ya, nanti saya cek ongkirnya.',
  en: 'Where should it be sent? Tell me the town or city and I will check the shipping cost.',
  ms: 'Hendak dihantar ke bandar mana? Beritahu bandarnya dan saya akan semak kos penghantaran.',
  es: '¿A qué ciudad se envía? Dígame la ciudad y le digo el costo del envío.',
  pt: 'Para qual cidade é o envio? Diga a cidade e eu verifico o frete.',
};

/** The question asks a price naming no place, and what ranks first for it is a town's row. */
export function asksPriceOfNoPlace(query: string, candidates: readonly ScoredChunk[]): boolean {
  if (tokenize(query).some((token) => slotOf(token) === 'place') || !termGroups(query).some((group) => group.includes('~price'))) return false;
  return candidates[0] !== undefined && keyedByPlace(candidates[0]);
}

export function whichPlaceReply(language: Language): string {
  return WHICH_PLACE[language];
}
