// Words that name one thing among several of the same kind: a city, a size, a bank or wallet, a courier. A follow-up
// swaps one of them for another ("berapa ongkir ke Surabaya?" … "kalau ke Medan?"): the question keeps its topic and
// changes its slot. Lists of Indonesian places and shop vocabulary, written for Jawab; compared on standard tokens
// (after chat-lexicon.ts: "sby" is already "surabaya", "jogja" "yogyakarta"). Words that are also common words
// are left out ("dana", the wallet, is also "funds"; "grab" a verb).

export type Slot = 'place' | 'size' | 'payment' | 'courier';

const PLACE_WORDS = `
  aceh ambon balikpapan banda bandung banjarmasin banten batam bekasi bengkulu bali bogor bukittinggi cirebon
  denpasar depok gorontalo jakarta jambi jayapura jember jepara kalimantan kediri kendari kupang lampung madiun
  magelang makassar malang manado mataram medan ngawi padang palangkaraya palembang palu pekalongan pekanbaru
  pontianak probolinggo purwokerto salatiga samarinda semarang serang sidoarjo solo sorong sukabumi sulawesi
  sumatra sumatera surabaya tangerang tasikmalaya tegal ternate yogyakarta klaten sleman bantul kudus pati rembang
  tuban gresik mojokerto pasuruan banyuwangi lombok flores maluku papua ntt ntb riau kepri jawa madura nias timor
  jabodetabek jabodetabekpunjur
`;

/** Countries and towns abroad: a shop that ships abroad names where it ships, so one it never names is not among them. */
const FOREIGN_WORDS = `
  singapura singapore malaysia brunei kuala lumpur johor penang sabah sarawak thailand bangkok vietnam filipina
  philippines manila timor leste dili australia sydney melbourne perth brisbane jepang japan tokyo osaka korea seoul
  taiwan taipei hongkong india saudi mekah makkah madinah dubai qatar uae amerika america usa
  kanada canada england london belanda netherlands amsterdam jerman germany perancis prancis france paris
  eropa europe turki turkey mesir egypt zealand
`;

const SIZE_WORDS = `xs s m l xl xxl xxxl 2xl 3xl 4xl allsize`;

const PAYMENT_WORDS = `bca mandiri bni bri bsi cimb permata btn jenius seabank gopay ovo shopeepay linkaja qris visa
  mastercard jcb amex paypal paylater kredivo akulaku indomaret alfamart cod applepay googlepay samsungpay alipay wechatpay`;

const COURIER_WORDS = `jne jnt sicepat anteraja gosend grabexpress gojek pos ninja lion tiki wahana ems dhl fedex`;

const SLOTS = new Map<string, Slot>();
for (const [slot, list] of [
  ['place', PLACE_WORDS],
  ['place', FOREIGN_WORDS],
  ['size', SIZE_WORDS],
  ['payment', PAYMENT_WORDS],
  ['courier', COURIER_WORDS],
] as const) {
  for (const word of list.split(/\s+/)) if (word) SLOTS.set(word, slot);
}

/** One service under another name: Gojek's delivery is GoSend, Grab's GrabExpress. */
const SAME_SERVICE: Readonly<Record<string, string>> = { gojek: 'gosend', grabexpress: 'grab' };

/** The names a brand goes by: itself and the service's other name. */
export function brandNames(token: string): string[] {
  const other = SAME_SERVICE[token];
  return other === undefined ? [token] : [token, other];
}

/** The words of a slot ("jne", "jnt", "sicepat", … for courier). */
export function wordsOf(slot: Slot): string[] {
  return [...SLOTS].filter(([, of]) => of === slot).map(([word]) => word);
}

const FOREIGN = new Set(FOREIGN_WORDS.split(/\s+/).filter(Boolean));

/** A country or town abroad ("brunei", "sydney"). */
export function isForeign(token: string): boolean {
  return FOREIGN.has(token);
}

/** The slot a standard token fills, if any. */
export function slotOf(token: string): Slot | undefined {
  return SLOTS.get(token);
}
