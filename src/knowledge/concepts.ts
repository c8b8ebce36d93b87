// A small bilingual thesaurus of shop vocabulary. Offline embeddings only see spelling, so without it
// "where is my package" cannot find "parcel", and an English question cannot find the Indonesian page
// about the same thing ("refund" / "pengembalian dana"). Each word of a group adds the group's concept
// key (`~name`) to the text's terms, in the embeddings and in the lexical relevance check alike.
//
// Keep groups to true synonyms within customer service; a loose group makes unrelated questions look
// relevant. Words are matched after normalising and stemming (text.ts), so list plain forms.

const GROUPS: Record<string, string> = {
  parcel: 'package packages parcel parcels paket kiriman shipment bungkusan',
  // "ongkir" is "ongkos kirim", the shipping cost: it belongs to both ship and price.
  ship: 'ship ships shipped shipping delivery deliver delivered kirim dikirim pengiriman antar hantar penghantaran courier kurir ongkir',
  refund: 'refund refunds refunded reimburse reimbursement',
  money: 'money uang dana wang saldo duit',
  return: 'return returns returned retur kembali kembalikan pengembalian balik',
  // "ditanggung pembeli" (borne by the buyer) answers "siapa yang bayar?".
  pay: 'pay paid payment payments pays bayar dibayar pembayaran bayaran tanggung ditanggung menanggung',
  minimum: 'minimum minimal least',
  // Not "debit": a debit card is a kind of card, not a charge ("can I pay with a debit card?").
  charge: 'charge charged charges billed billing tagih ditagih tagihan tertagih terpotong dipotong kepotong',
  duplicate: 'twice double duplicate duplicated ganda dobel',
  invoice: 'invoice invoices faktur',
  // Not "pesan": it also means "message".
  order: 'order orders ordered pesanan memesan',
  track: 'track tracking lacak melacak pelacakan resi awb',
  cancel: 'cancel cancelled canceled cancellation batal dibatalkan membatalkan pembatalan',
  // "jam brp tutup?" and "what time do you close" ask for the opening hours too.
  open: 'open opening buka operasional hours jam close closes closing tutup',
  // A time of day: "bayar sore" is about the "pukul 14.00" cut-off; a shop writes its times with the time zone.
  clock: 'pukul jam sore afternoon evening morning wib wita wit',
  contact: 'contact reach hubungi menghubungi kontak',
  // "when will someone reply?" is answered by "messages … are answered the next morning".
  reply: 'reply replies replied respond responds responded response answer answers answered balas dibalas membalas balasan',
  price: 'price prices cost costs harga biaya ongkos ongkir',
  free: 'free gratis percuma',
  sameday: 'today',
  // "pajak impor" is what the page calls "bea masuk" (import duty).
  duty: 'duty duties tax taxes customs bea cukai pajak',
  // "is it available in XL?" is answered by a catalog line's "stok tersedia".
  available: 'available availability tersedia',
  stock: 'stock stok ready',
  // A garment that is too big or too small is a question of size; catalog variants of clothing are its sizes.
  size: 'size sizes sizing ukuran ukur measurement measurements varian variant variants kebesaran kekecilan kegedean kesempitan fit fits muat',
  apparel: 'baju pakaian clothes clothing garment garments',
  // Who a garment is for: the catalog says "dress wanita", "kemeja pria"; customers "women's", "buat cowok".
  women: 'wanita women womens woman ladies lady perempuan cewek',
  men: 'pria men mens man cowok',
  // Catalog names in Indonesian, questions in English.
  shirt: 'shirt shirts kemeja',
  blouse: 'blouse blouses blus',
  cloth: 'cloth fabric kain',
  sarong: 'sarong sarongs sarung',
  // A catalog's description ("batik tulis pewarna alam") in a customer's words ("hand drawn", "natural dye").
  handdrawn: 'tulis handdrawn handwritten',
  stamped: 'cap stamped',
  natural: 'alam alami natural',
  confirm: 'confirm confirmed confirmation konfirmasi dikonfirmasi terkonfirmasi',
  link: 'link links tautan url website situs web',
  wash: 'wash washing cuci mencuci dicuci laundry',
  care: 'care rawat merawat perawatan',
  late: 'late delay delayed terlambat telat lambat stuck',
  // "tanggal merah" (a red date) is a public holiday in Indonesian.
  holiday: 'holiday holidays libur',
  // "Jl. Prawirotaman No. 27" is an address without the word.
  address: 'alamat address lokasi location jl jalan',
  lost: 'lost missing hilang',
  // Gojek's delivery service is GoSend: "kirim pake gojek?" is answered by the line on GoSend.
  gosend: 'gosend gojek',
  arrive: 'arrive arrives arrived arrival datang tiba',
  exchange: 'exchange exchanged exchanging exchanges swap tukar ditukar penukaran menukar tukarkan',
  damaged: 'damaged broken defect defective torn ripped stain stains stained rusak cacat sobek robek pecah bolong noda bernoda',
  card: 'card cards kartu',
  // "Toko", "shop" and "store" name the company itself in a shop's chat (stopwords.ts): only a place to visit counts.
  showroom: 'showroom gerai outlet visit berkunjung kunjungi',
  // "how long" is answered by "3–5 working days": durations belong together.
  duration: 'long lama estimate estimates estimated estimasi day days hari week weeks minggu seminggu',
  // Not "luar" ("di luar jam" is "outside hours"): "negeri" carries "luar negeri".
  abroad: 'international overseas abroad negeri',
  // The brands stand for their kind: "pay with an e-wallet?" is answered by "we accept GoPay, OVO…".
  wallet: 'wallet ewallet dompet gopay ovo dana shopeepay linkaja',
  bank: 'bank banks bca mandiri bni bri bsi cimb permata btn',
  gift: 'gift gifts present presents kado hadiah',
  // Made to order: "bisa custom seragam?" is the FAQ on "motif atau ukuran khusus". Not "customs" (duty).
  custom: 'custom customized customised bespoke khusus',
  uniform: 'uniform uniforms seragam',
  // Buying many at once: "beli banyak", "borong", "in bulk" is the wholesale answer.
  wholesale: 'wholesale grosir bulk borong',
  // A count of items: "12 pcs" is the FAQ's "minimal 12 potong". ("potongan" is a discount: its own group's word.)
  piece: 'potong pcs pc piece pieces biji',
  // Buying to sell again: "ambil buat dijual lagi" asks how to become a reseller.
  resell: 'reseller resellers resell reselling',
  // "payment options" are the payment methods.
  method: 'method methods option options opsi',
  // When an order leaves: "kapan dikirim?" is the processing time ("dikemas dan diserahkan ke kurir"), not the days
  // a courier takes.
  dispatch: 'dispatch dispatched dikemas packed diproses processing',
  discount: 'discount discounts diskon potongan promo',
  percent: 'percent percentage persen',
  instalment: 'instalment instalments installment installments cicilan cicil angsuran',
  // "sabtu buka?" is answered by "buka setiap hari" as well as by a list of days.
  // "bayar lagi?" after a gift wrap or an exchange: "dengan tambahan Rp 15.000", "gratis satu kali".
  extra: 'tambahan additional extra surcharge gratis',
  weekday: 'senin selasa rabu kamis jumat sabtu minggu monday tuesday wednesday thursday friday saturday sunday weekend weekends',
};

/**
 * Phrases whose meaning is not in their words ("money back" is a refund, "dua kali" is twice).
 * Matched on the raw word sequence, before stopwords are dropped.
 */
const PHRASES: [string[], string][] = [
  ['money back', 'refund'],
  ['send back', 'return'],
  ['kirim balik', 'return'],
  ['where is my', 'track'],
  ['saya di mana', 'track'],
  ['uang kembali', 'refund'],
  ['pengembalian dana', 'refund'],
  ['dana dikembalikan', 'refund'],
  ['mengembalikan dana', 'refund'],
  ['dana kembali', 'refund'],
  ['two times', 'duplicate'],
  ['2 kali', 'duplicate'],
  ['2 times', 'duplicate'],
  ['two charges', 'duplicate'],
  ['2 charges', 'duplicate'],
  ['two payments', 'duplicate'],
  // Charged twice, said as one thing: a failed payment's page also says "jangan membayar … dua kali" (do not pay twice).
  ...['terpotong', 'tertagih', 'ditagih', 'dipotong', 'bayar', 'charged', 'billed', 'debited', 'paid'].flatMap(
    (charged): [string, string][] => [
      [`${charged} 2 kali`, 'chargedtwice'],
      [`${charged} twice`, 'chargedtwice'],
      [`${charged} 2 times`, 'chargedtwice'],
      [`${charged} double`, 'chargedtwice'],
    ],
  ),
  ['double charged', 'chargedtwice'],
  ['2 charges', 'chargedtwice'],
  ['two charges', 'chargedtwice'],
  ['2 tagihan', 'chargedtwice'],
  // The shop's account number to transfer to: a shop paid by virtual account answers with how it gives one.
  ['nomor rekening', 'bank'],
  ['no rekening', 'bank'],
  ['account number', 'bank'],
  ['luar negeri', 'abroad'],
  ['ongkos kirim', 'price'],
  // "how much?" after a product asks its price, as "brp harganya?" does.
  ['how much', 'price'],
  ['beli banyak', 'wholesale'],
  ['pesan banyak', 'wholesale'],
  ['order banyak', 'wholesale'],
  ['in bulk', 'wholesale'],
  ['jual lagi', 'resell'],
  ['dijual lagi', 'resell'],
  ['jual kembali', 'resell'],
  ['dijual kembali', 'resell'],
  ['sell them on', 'resell'],
  ['kapan dikirim', 'dispatch'],
  ['dikirim kapan', 'dispatch'],
  ...['pesanan', 'pesananku', 'pesanannya', 'barang', 'barangnya', 'paket', 'paketnya', 'orderan', 'orderanku'].map(
    (thing): [string, string][] => [
      [`kapan ${thing} dikirim`, 'dispatch'],
      [`${thing} kapan dikirim`, 'dispatch'],
    ],
  ).flat(),
  ['kapan diproses', 'dispatch'],
  ['kapan dikemas', 'dispatch'],
  ['belum dikirim', 'dispatch'],
  ['belum diproses', 'dispatch'],
  ['belum dikemas', 'dispatch'],
  ['not shipped', 'dispatch'],
  ['not been shipped', 'dispatch'],
  ['hasnt been shipped', 'dispatch'],
  ['hasnt shipped', 'dispatch'],
  ['be shipped', 'dispatch'],
  ['when do you ship', 'dispatch'],
  ['when will it ship', 'dispatch'],
  ['cash on delivery', 'cod'],
  // "what time?" after the showroom asks for its hours, given as "09:00 to 21:00 WIB".
  ['what time', 'clock'],
  // Cash to an online shop is paid to the courier: "can I pay cash when it arrives?", "bayar tunai pas sampai".
  ['pay cash', 'cod'],
  ['pay in cash', 'cod'],
  ['bayar cash', 'cod'],
  ['bayar tunai', 'cod'],
  // A garment that does not fit asks about size, as "kekecilan" does.
  ['too small', 'size'],
  ['too big', 'size'],
  ['too large', 'size'],
  ['too tight', 'size'],
  ['too loose', 'size'],
  ['doesnt fit', 'size'],
  ['does not fit', 'size'],
  ['nomor whatsapp', 'contact'],
  ['whatsapp number', 'contact'],
  ['nomor telepon', 'contact'],
  ['phone number', 'contact'],
  ['nomor hp', 'contact'],
  ['tanggal merah', 'holiday'],
  ['hari libur', 'holiday'],
  ['public holiday', 'holiday'],
  ['same day', 'sameday'],
  // "bisa kirim hari ini?" asks for the same-day cut-off, not how many days.
  ['hari ini', 'sameday'],
  ['hari yang sama', 'sameday'],
  ['same working day', 'sameday'],
  ['hari kerja yang sama', 'sameday'],
  ['no whatsapp', 'contact'],
  ['no hp', 'contact'],
  ['no telp', 'contact'],
  ['hari itu juga', 'sameday'],
  ['belum sampai', 'late'],
  ['belum datang', 'late'],
  ['belum diterima', 'late'],
  ['not arrived', 'late'],
  ['hasnt arrived', 'late'],
  ['hasnt moved', 'late'],
  ['tidak bergerak', 'late'],
  ['belum masuk', 'confirm'],
  ['not confirmed', 'confirm'],
  ['cek resi', 'track'],
  ['cek resinya', 'track'],
  ['cek paketnya', 'track'],
  ['cek pesanannya', 'track'],
  ['or more', 'minimum'],
  ['at least', 'minimum'],
  ['paling sedikit', 'minimum'],
  ['alamat toko', 'showroom'],
  ['buka toko', 'showroom'],
  ['toko buka', 'showroom'],
  ['lokasi toko', 'showroom'],
  ['toko offline', 'showroom'],
  ['toko fisik', 'showroom'],
  ['toko di mana', 'showroom'],
  ['tokonya di mana', 'showroom'],
  ['ambil di toko', 'showroom'],
  ['diambil di toko', 'showroom'],
  ['ambil ke toko', 'showroom'],
  ['datang ke toko', 'showroom'],
  ['pick up at the store', 'showroom'],
  ['pick it up at the store', 'showroom'],
  ['pick up in store', 'showroom'],
  ['where is your store', 'showroom'],
  ['where is your shop', 'showroom'],
  // "where are you located?", "lokasinya di mana?": where the shop is, the place to visit.
  ['where are you located', 'showroom'],
  ['where are you based', 'showroom'],
  ['where are you guys', 'showroom'],
  ['lokasinya di mana', 'showroom'],
  ['lokasi di mana', 'showroom'],
  ['store address', 'showroom'],
  ['shop address', 'showroom'],
  ['physical store', 'showroom'],
  ['cek paket', 'track'],
  ['cek pesanan', 'track'],
  ['bayar di tempat', 'cod'],
  ['setiap hari', 'weekday'],
  // Ordering the wrong size is a matter for an exchange, not for the size guide.
  ['salah pilih', 'exchange'],
  ['salah ukuran', 'exchange'],
  ['salah size', 'exchange'],
  ['wrong size', 'exchange'],
  // The shop sent the wrong item: it takes it back or swaps it ("Jika … kami salah mengirim barang").
  ['salah kirim', 'exchange'],
  ['salah dikirim', 'exchange'],
  ['salah mengirim', 'exchange'],
  ['wrong item', 'exchange'],
  ['sent the wrong', 'exchange'],
  ['sent me the wrong', 'exchange'],
  ['bayar lagi', 'extra'],
  // "bayar ga?" after an exchange asks whether it costs anything: "gratis satu kali".
  ['bayar tidak', 'extra'],
  ['do i pay', 'extra'],
  ['do i have to pay', 'extra'],
  ['bayar tambahan', 'extra'],
  ['biaya tambahan', 'extra'],
  ['nambah bayar', 'extra'],
  ['pay extra', 'extra'],
  ['pay again', 'extra'],
  ['extra charge', 'extra'],
  ['tiap hari', 'weekday'],
  ['every day', 'weekday'],
  // DANA is also an e-wallet: "bayar pake dana?" is not about refunded funds.
  ['pake dana', 'wallet'],
  ['pakai dana', 'wallet'],
  ['via dana', 'wallet'],
  ['lewat dana', 'wallet'],
  ['dengan dana', 'wallet'],
  ['with dana', 'wallet'],
  ['cod', 'cod'],
  // normalize.ts says "between M and L" / "antara M sama L" this way, as the size guide does.
  ['between two sizes', 'betweensizes'],
  ['antara 2 ukuran', 'betweensizes'],
  ['hand drawn', 'handdrawn'],
  ['hand written', 'handdrawn'],
  ['lengan panjang', 'longsleeve'],
  ['long sleeve', 'longsleeve'],
  ['long sleeved', 'longsleeve'],
  ['long sleeves', 'longsleeve'],
  ['lengan pendek', 'shortsleeve'],
  ['short sleeve', 'shortsleeve'],
  ['short sleeved', 'shortsleeve'],
  ['short sleeves', 'shortsleeve'],
].map(([phrase, concept]) => [phrase!.split(' '), `~${concept!}`]);

/**
 * Phrases in which a word means something else than alone: "barang diskon" is a discounted item (a returns page's
 * exception), not a discount on offer ("ada diskon?", "ada promo?"). Retrieval reads a passage that uses the word only
 * so as not about it (retrieve.ts).
 */
export const OTHER_SENSES: ReadonlyArray<{ phrase: readonly string[]; word: string }> = [
  { phrase: ['barang', 'diskon'], word: 'diskon' },
  { phrase: ['produk', 'diskon'], word: 'diskon' },
  { phrase: ['item', 'diskon'], word: 'diskon' },
];

/** A phrase found in a sequence of words: its concept and the positions of its words. */
export interface PhraseMatch {
  concept: string;
  start: number;
  end: number;
}

/** First word -> the indexes in PHRASES of the phrases that start with it (every query and chunk is matched). */
const PHRASES_BY_FIRST = new Map<string, number[]>();
PHRASES.forEach(([phrase], i) => PHRASES_BY_FIRST.set(phrase[0]!, [...(PHRASES_BY_FIRST.get(phrase[0]!) ?? []), i]));

/** Whether `phrase` is the words from `start` on. */
function phraseAt(phrase: readonly string[], words: readonly string[], start: number): boolean {
  if (start + phrase.length > words.length) return false;
  for (let offset = 1; offset < phrase.length; offset += 1) if (words[start + offset] !== phrase[offset]) return false;
  return true;
}

/** The phrases found in a sequence of lowercased words (the first place each occurs), in the order of PHRASES. */
export function phraseMatches(words: readonly string[]): PhraseMatch[] {
  // phrase index -> where it first starts; one pass over the words, looking only at phrases that start there.
  const firstAt = new Map<number, number>();
  for (let start = 0; start < words.length; start += 1) {
    for (const i of PHRASES_BY_FIRST.get(words[start]!) ?? []) {
      if (!firstAt.has(i) && phraseAt(PHRASES[i]![0], words, start)) firstAt.set(i, start);
    }
  }
  return [...firstAt]
    .sort((a, b) => a[0] - b[0])
    .map(([i, start]) => ({ concept: PHRASES[i]![1], start, end: start + PHRASES[i]![0].length }));
}

/** The positions of the words that are part of a phrase found in a sequence of words ("physical store"). */
export function phrasePositions(words: readonly string[]): Set<number> {
  return new Set(phraseMatches(words).flatMap(({ start, end }) => Array.from({ length: end - start }, (_, offset) => start + offset)));
}

/** Concept keys of the phrases found in a sequence of lowercased words. */
export function phraseConcepts(words: readonly string[]): string[] {
  return [...new Set(phraseMatches(words).map((match) => match.concept))];
}

const CLOCK_TIME = /^\d{1,2}(?:am|pm)$/;

/** token or stem -> concept keys */
const CONCEPTS = new Map<string, string[]>();
for (const [name, words] of Object.entries(GROUPS)) {
  for (const word of words.split(/\s+/)) {
    if (word.length === 0) continue;
    CONCEPTS.set(word, [...(CONCEPTS.get(word) ?? []), `~${name}`]);
  }
}

/**
 * Concept keys of a token, given its stem variants (the token itself among them). Given the `word` itself, a word a
 * group lists means that group alone: "clothes" is apparel, not the "cloth" (fabric, kain) its stem would make it.
 */
export function conceptsOf(variants: readonly string[], word?: string): string[] {
  const own = word === undefined ? undefined : CONCEPTS.get(word);
  if (own !== undefined) return [...own];
  // "11pm", "9am": a time of day, as "pukul 21.00" is.
  if (word !== undefined && CLOCK_TIME.test(word)) return ['~clock'];
  const found = new Set<string>();
  for (const variant of variants) for (const concept of CONCEPTS.get(variant) ?? []) found.add(concept);
  return [...found];
}
