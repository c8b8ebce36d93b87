// The offline classifier's word lists, English and Indonesian (with the chat spellings Indonesians use).
// Patterns run on lower-cased text without accents. Measured out of sample by `npm run eval -- --classifier` (src/eval/classifier-eval.ts).
import type { Topic, Want } from '../config/settings-rules.js';

type Lexicon<K extends string> = Record<K, RegExp[]>;

export const WANT_PATTERNS: Lexicon<Exclude<Want, 'custom' | 'human'>> = {
  buy: [
    /\b(i('d| would)? (like|want) to (buy|order|purchase|get)|i('ll| will) (take|buy)|can i (buy|order|purchase)|how (do|can) i (buy|order|purchase)|want to (buy|order|purchase)|place an order|check ?out|add to (my )?cart|buy (it|this|one|two|some)|purchase)\b/,
    /\b(mau|ingin|pengen|pingin|mo|bisa|gimana|cara) (beli|membeli|order|pesan|memesan|checkout|co)\b/,
    /\b(beli|order|pesan|ambil) (dong|donk|ya|yg|yang|satu|dua|tiga|\d+|sekarang)\b/,
    /\b(jadi|fix) (beli|order|ambil)\b/,
  ],
  get_help: [
    /\b(help|assist|support)( me)?\b/,
    /\b(i have|there is|there's|got) (a |an )?(problem|issue|trouble)\b/,
    /\b(tolong|bantu|bantuan|dibantu|minta bantuan|butuh bantuan|ada (masalah|kendala))\b/,
  ],
  refund: [
    /\b(refund|money back|reimburse(ment)?|get my money|return my money|chargeback)\b/,
    /\b(uang(nya)? (saya )?(kembali|balik|dikembalikan)|pengembalian (dana|uang)|kembalikan (uang|dana)|balikin (uang|duit)|dana (saya )?kembali|minta (uang|dana) kembali)\b/,
  ],
};

export const TOPIC_PATTERNS: Lexicon<Exclude<Topic, 'custom'>> = {
  availability: [
    /\b(in stock|out of stock|available|availability|do you (have|sell|carry)|still have|restock)\b/,
    /\b(ready( stok| stock)?|stok|stock|tersedia|masih ada|ada (ukuran|warna|size|stok|yang)|ada gak|ada nggak|ada tidak|kosong)\b/,
  ],
  delivery_time: [
    /\b(how long (does|will|is|for) (the )?(shipping|delivery|it take)|when will (it|my order|my package|the order) (arrive|come|be delivered|ship)|delivery time|shipping time|how (fast|soon)|arrive by|deliver(ed|y)? (to|in) )/,
    /\b(berapa lama (pengiriman|pengirimannya|sampai|sampainya|dikirim|kirim)|kapan (sampai|sampainya|tiba|dikirim|datang|diantar)|estimasi (pengiriman|sampai|tiba)|lama pengiriman|berapa hari (sampai|pengiriman|dikirim))\b/,
  ],
  price: [
    /\b(price|prices|pricing|cost|costs|how much|fee|fees|rate|rates|expensive|cheap|discount)\b/,
    /\b(harga|harganya|berapa(an)?( ya| kak| sih)?\??$|biaya|biayanya|tarif|ongkir|diskon|promo|murah|mahal)\b/,
  ],
  refund_policy: [
    /\b(refund policy|return policy|returns? policy|can i (return|exchange|get a refund)|warranty|guarantee|exchange policy|is it refundable)\b/,
    /\b(kebijakan (refund|pengembalian|retur|return)|bisa (di)?(retur|return|refund|tukar|dikembalikan)|garansi|syarat (retur|refund|pengembalian))\b/,
  ],
  order_status: [
    /\b(where is my (order|package|parcel)|order status|status of my order|track(ing)?( my)?( order| number| package)?|has my order (shipped|been sent)|my order (hasn't|has not|didn't|did not) (arrive|come))\b/,
    /\b(status (pesanan|order|paket)|pesanan(ku| saya)? (mana|belum|sudah|kapan|sampai)|paket(ku| saya)? (belum|mana|sudah|kapan)|resi|lacak|cek (pesanan|order|paket)|order(an)?(ku| saya)? (belum|mana|kapan))\b/,
  ],
  troubleshooting: [
    /\b(not working|doesn't work|does not work|won't (work|open|start|load|connect)|can't (log ?in|open|connect|access|sign ?in)|cannot (log ?in|open|connect|access)|broken|error|crash(es|ed)?|bug|stuck|fail(s|ed)? to)\b/,
    /\b(tidak (bisa|dapat) (login|masuk|dibuka|dipakai|digunakan|connect|terhubung)|(gak|ga|nggak|ngga|enggak) (bisa|mau) (login|masuk|dibuka|dipakai|nyala|jalan)|rusak|error|eror|tidak berfungsi|gak berfungsi|macet|hang|gagal (login|masuk|bayar)|kendala)\b/,
  ],
};

/**
 * `confused` has no public labelled data to learn from (signals-model.ts learns the other moods), so it is read from
 * these cues, English and Indonesian.
 */
export const CONFUSED_CUES: RegExp[] = [
  /\b(confused|confusing|don'?t understand|do not understand|what do you mean|unclear|not sure (how|what|if)|makes no sense|i'm lost|how does (this|it) work)\b/,
  /\b(bingung|gak ngerti|ga ngerti|nggak ngerti|tidak mengerti|tidak paham|kurang paham|gak paham|ga paham|maksudnya (apa|gimana)|gimana (caranya|maksudnya)|kurang jelas|tidak jelas)\b/,
];

export const GREETING = /^\s*(hi+|hello|hey|hai+|halo+|hallo|helo|good (morning|afternoon|evening)|selamat (pagi|siang|sore|malam)|pagi|siang|sore|malam|assalamu?alaikum|permisi|p|kak|min|gan|sis)\b/;

export const PROFANITY = /\b(fuck\w*|shit\w*|damn|bitch\w*|asshole|bastard|crap|dick|anjing|anjir|anjrit|bangsat|babi|tai|taik|kampret|goblok|goblog|bego|tolol|brengsek|sialan|bajingan|jancok|jancuk|kontol|memek|ngentot)\b/;

export const URL = /\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+\.(com|id|co\.id|net|org|io|shop|store|my)(\/\S*)?\b/;
