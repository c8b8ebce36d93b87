// How customers write in chat, mapped to how help pages write. Indonesian shoppers on WhatsApp abbreviate almost
// every word ("brp ongkir ke sby kak?", "udh tf tp blm dikonfirmasi"): without this map the knowledge, written in
// standard Indonesian, shares no word with the question. Written for Jawab (MIT, like the rest of the project) from
// common chat usage; a profile adds its own (`knowledge.synonyms`, e.g. "sby = Surabaya").
//
// Keys are single lowercased tokens without accents (as text.ts tokenises); values are the standard form, one word
// or several. A key must not also be a common word of another language Jawab answers in ("my", "no", "cm" stay out:
// "96 cm" is a centimetre). Words that only change spelling and are stopwords anyway are listed too, so that a
// message like "udh blm" is recognised as Indonesian and as carrying no topic.

/** Indonesian chat spelling -> standard Indonesian. */
export const INDONESIAN_CHAT: Readonly<Record<string, string>> = {
  // negation and aspect
  ga: 'tidak', gak: 'tidak', gk: 'tidak', nggak: 'tidak', ngga: 'tidak', nggk: 'tidak', enggak: 'tidak', engga: 'tidak',
  ndak: 'tidak', nda: 'tidak', tdk: 'tidak', kagak: 'tidak',
  udh: 'sudah', udah: 'sudah', sdh: 'sudah', sudh: 'sudah', uda: 'sudah', dah: 'sudah',
  blm: 'belum', blom: 'belum', belom: 'belum', lom: 'belum',
  // function words
  yg: 'yang', yng: 'yang', dgn: 'dengan', dg: 'dengan', dng: 'dengan', utk: 'untuk', untk: 'untuk', bwt: 'buat',
  bs: 'bisa', bsa: 'bisa', bsk: 'besok', gmn: 'bagaimana', gmna: 'bagaimana', gimana: 'bagaimana', gmana: 'bagaimana',
  bgmn: 'bagaimana', gimn: 'bagaimana', knp: 'kenapa', napa: 'kenapa', kpn: 'kapan', kapn: 'kapan', dmn: 'di mana',
  dimana: 'di mana', kmn: 'ke mana', kemana: 'ke mana', brp: 'berapa', brapa: 'berapa', berapaan: 'berapa',
  klo: 'kalau', kalo: 'kalau', kl: 'kalau', klu: 'kalau', tp: 'tapi', tpi: 'tapi', krn: 'karena', karna: 'karena',
  sm: 'sama', ama: 'sama', jd: 'jadi', jdi: 'jadi', dr: 'dari', dri: 'dari', pd: 'pada', lg: 'lagi', lgi: 'lagi',
  trs: 'terus', trus: 'terus', skrg: 'sekarang', skrng: 'sekarang', bgt: 'banget', bngt: 'banget', aj: 'saja',
  aja: 'saja', sj: 'saja', doang: 'saja', ato: 'atau', atw: 'atau', cuman: 'cuma', spt: 'seperti', kyk: 'seperti',
  emg: 'memang', emang: 'memang',
  blnja: 'belanja', blnj: 'belanja', blj: 'belanja', blanja: 'belanja',
  pdhl: 'padahal', sblm: 'sebelum', stlh: 'setelah', sbnrnya: 'sebenarnya', tlg: 'tolong', tolongin: 'tolong',
  mksd: 'maksud', org: 'orang', byk: 'banyak', bnyk: 'banyak', bnyak: 'banyak', sy: 'saya', aq: 'saya', ak: 'saya', gue: 'saya', gw: 'saya',
  gua: 'saya', km: 'kamu', kmu: 'kamu', mo: 'mau', pgn: 'ingin', pengen: 'ingin', pingin: 'ingin',
  ad: 'ada', adakah: 'ada', tau: 'tahu', tw: 'tahu', td: 'tadi', ntar: 'nanti', nnti: 'nanti', kmrn: 'kemarin',
  kemaren: 'kemarin', gpp: 'tidak apa', jg: 'juga', jga: 'juga', msh: 'masih', mash: 'masih', dpt: 'dapat', dapet: 'dapat',
  skrang: 'sekarang', bbrp: 'beberapa', brpa: 'berapa', brapaan: 'berapa', gimna: 'bagaimana',
  bener: 'benar', bnr: 'benar', udahan: 'sudah', smpe: 'sampai', krim: 'kirim', kirimnya: 'kirim',
  ongkirnya: 'ongkos kirim', duit: 'uang', ilang: 'hilang', ilangnya: 'hilang', telp: 'telepon', tlp: 'telepon', ongkirr: 'ongkos kirim', ongkr: 'ongkos kirim',
  // shop words
  ongkir: 'ongkos kirim', hrg: 'harga', hrga: 'harga', byr: 'bayar', krm: 'kirim', kirimin: 'kirim', pesen: 'pesan',
  pesenan: 'pesanan', psn: 'pesan', brg: 'barang', bju: 'baju', ukr: 'ukuran', ld: 'lingkar dada', pb: 'panjang badan',
  wrn: 'warna', grts: 'gratis', rek: 'rekening', norek: 'nomor rekening', nmr: 'nomor', nomer: 'nomor',
  // "cc" in a shop's chat is a credit card ("bisa dicicil pake cc bca?").
  va: 'virtual account', cc: 'kartu kredit', dp: 'uang muka', bikin: 'buat', sameday: 'same day', tgl: 'tanggal',
  tf: 'transfer', trf: 'transfer', trnsfr: 'transfer', tranfer: 'transfer', transper: 'transfer',
  wa: 'whatsapp', whatsap: 'whatsapp', watsap: 'whatsapp', wasap: 'whatsapp', wese: 'whatsapp',
  ig: 'instagram', insta: 'instagram', cs: 'layanan pelanggan', mimin: 'admin', min: 'admin',
  mgg: 'minggu', bln: 'bulan', thn: 'tahun', pcs: 'potong',
  sampe: 'sampai', nyampe: 'sampai', nyampai: 'sampai', dtg: 'datang', pake: 'pakai',
  nanya: 'tanya', nanyak: 'tanya', nuker: 'tukar', tuker: 'tukar', dituker: 'ditukar', balikin: 'kembalikan',
  cancelin: 'batalkan', dibatalin: 'dibatalkan', batalin: 'batalkan',
  // shops say "retur" for a return
  retur: 'pengembalian', returan: 'pengembalian', diretur: 'dikembalikan', ngeretur: 'kembalikan',
  // Jakarta vowels and chat verb forms: "dateng", "liat", "dibales", "kebayar" (ke- for ter-), "dicek"
  dateng: 'datang', dtng: 'datang', liat: 'lihat', ngeliat: 'lihat', diliat: 'dilihat', bales: 'balas', bls: 'balas',
  dibales: 'dibalas', balesan: 'balasan', abis: 'habis', sempet: 'sempat', malem: 'malam', deket: 'dekat',
  dipake: 'dipakai', makenya: 'pakai', nganter: 'antar', nganterin: 'antar', anterin: 'antar', dianter: 'diantar',
  telpon: 'telepon', tlpn: 'telepon', ditelpon: 'ditelepon', kebayar: 'terbayar', kekirim: 'terkirim',
  kepotong: 'terpotong', kecharge: 'tertagih', dicek: 'cek', cekin: 'cek', ngecekin: 'cek', dikirimin: 'dikirim',
  ultah: 'ulang tahun', hrs: 'harus', kudu: 'harus', gede: 'besar', kegedean: 'kebesaran', kegedan: 'kebesaran',
  // address terms and thanks
  kak: 'kakak', ka: 'kakak', kk: 'kakak', sist: 'sis', agan: 'gan',
  makasih: 'terima kasih', makasi: 'terima kasih', mksh: 'terima kasih', maksih: 'terima kasih', trims: 'terima kasih',
  trimakasih: 'terima kasih', terimakasih: 'terima kasih', tengkyu: 'terima kasih', suwun: 'terima kasih',
  nuhun: 'terima kasih', okee: 'oke', okey: 'oke', oce: 'oke',
};

/**
 * Indonesian number words as digits, so "dua kali" is "2x" and "satu pesanan" "1 pesanan". (English ones stay words:
 * "one" is also a pronoun, "the red one".)
 */
export const INDONESIAN_NUMBERS: Readonly<Record<string, string>> = {
  satu: '1', dua: '2', tiga: '3', empat: '4', lima: '5', enam: '6', tujuh: '7', delapan: '8', sembilan: '9', sepuluh: '10',
};

/** English chat spelling -> standard English. */
export const ENGLISH_CHAT: Readonly<Record<string, string>> = {
  u: 'you', ur: 'your', r: 'are', pls: 'please', plz: 'please', thx: 'thanks', thnx: 'thanks', ty: 'thank you',
  tq: 'thank you', wanna: 'want to', gonna: 'going to', hw: 'how', whats: 'what is', wats: 'what is',
  hows: 'how is', wheres: 'where is', bc: 'because', coz: 'because', cuz: 'because', abt: 'about', msg: 'message',
  asap: 'as soon as possible', tmrw: 'tomorrow', tmr: 'tomorrow', yr: 'your', pics: 'pictures', pic: 'picture',
  // the misspellings chat keyboards let through most
  recieve: 'receive', recieved: 'received', acount: 'account', accout: 'account', adress: 'address',
  shiping: 'shipping', delivey: 'delivery', payement: 'payment',
};

/** Places as customers write them -> as the knowledge names them (neither language's: both use them). */
export const PLACES: Readonly<Record<string, string>> = {
  sby: 'surabaya', suroboyo: 'surabaya', jkt: 'jakarta', jogja: 'yogyakarta', jogya: 'yogyakarta',
  yogya: 'yogyakarta', jogjakarta: 'yogyakarta', djogja: 'yogyakarta', jogjes: 'yogyakarta',
  bdg: 'bandung', smg: 'semarang', mlg: 'malang', dps: 'denpasar', mks: 'makassar', mksr: 'makassar', makasar: 'makassar',
  bpn: 'balikpapan', plg: 'palembang', pku: 'pekanbaru', bks: 'bekasi', tng: 'tangerang', dpk: 'depok', bgr: 'bogor',
  mdn: 'medan', btm: 'batam', pdg: 'padang', sda: 'sidoarjo', bjm: 'banjarmasin', ptk: 'pontianak', mdo: 'manado',
  surakarta: 'solo', singapur: 'singapura', singapore: 'singapura', spore: 'singapura',
  sg: 'singapura', msia: 'malaysia', jateng: 'jawa tengah', jatim: 'jawa timur', jabar: 'jawa barat',
  jaksel: 'jakarta selatan', jakbar: 'jakarta barat', jaktim: 'jakarta timur', jakut: 'jakarta utara',
  jakpus: 'jakarta pusat', kalbar: 'kalimantan barat', kaltim: 'kalimantan timur', kalsel: 'kalimantan selatan',
  kalteng: 'kalimantan tengah', sumut: 'sumatera utara', sumbar: 'sumatera barat', sumsel: 'sumatera selatan',
  sulsel: 'sulawesi selatan', sulut: 'sulawesi utara', sulteng: 'sulawesi tengah', sultra: 'sulawesi tenggara',
};

/** Every informal token, with its standard form. */
export const CHAT_LEXICON: ReadonlyMap<string, readonly string[]> = new Map(
  [INDONESIAN_CHAT, INDONESIAN_NUMBERS, ENGLISH_CHAT, PLACES].flatMap((table) => Object.entries(table).map(([key, value]) => [key, value.split(' ')] as const)),
);
