// A bank, wallet, card scheme, pay-later or courier the knowledge never names ("va BSI ada?", "bisa bayar pake
// Kredivo?", "can I pay with PayPal?", "kirim pake Grab Express?"). A shop's pages list the ways it takes payment and
// the couriers it ships with, so one they never name is not among them, and the nearest passage ("we accept BCA,
// Mandiri …") is no answer to it: a person says what to do instead. Unlike any word the knowledge does not use (a
// general word is often missing from a small knowledge base: measured and left out, README), a brand the knowledge
// does not name is a sure sign. So is a country or town abroad ("kirim ke brunei?", "to Australia?"): a shop that ships
// abroad lists where to. Towns at home and sizes are judged elsewhere: a rate table's page says what applies to the
// cities it does not list, and a catalog row says what sizes it comes in.
import { brandNames, isForeign, slotOf } from '../language/slots.js';
import { tokenize } from './text.js';

const BRAND_SLOTS: ReadonlySet<string> = new Set(['payment', 'courier']);

/** The brands the question names that the knowledge never does, given whether the knowledge uses a word. */
export function unknownBrands(query: string, knows: (term: string) => boolean): string[] {
  return [...new Set(tokenize(query))].filter((token) => {
    const slot = slotOf(token);
    return ((slot !== undefined && BRAND_SLOTS.has(slot)) || isForeign(token)) && !brandNames(token).some(knows);
  });
}
