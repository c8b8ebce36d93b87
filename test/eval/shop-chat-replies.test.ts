// Exact replies of a few shop chats, offline through the playground's engine path on the sample knowledge: what a
// pass rate over the whole conversation set would let one regression through.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateConversations } from '../../src/eval/conversation-eval.js';
import { conversationSchema } from '../../src/eval/conversation-set.js';

const KNOWLEDGE = fileURLToPath(new URL('../../knowledge/', import.meta.url));

const CHATS = [
  {
    id: 'product-parts',
    // The whole catalog line once; then only the part asked for, under the product's name.
    turns: [
      { say: 'kemeja parang msh ada?', expect: 'answer', facts: ['Kemeja Batik Parang Slim Fit: kemeja pria lengan panjang batik cap motif parang — harga Rp 289.000 — varian S, M, L, XL — stok tersedia (14) — https://batiksekar.id/p/kemeja-parang'] },
      { say: 'ukuran L ada?', expect: 'answer', facts: ['Kemeja Batik Parang Slim Fit — varian S, M, L, XL — stok tersedia (14)'], not: ['289.000', 'https://'] },
      { say: 'brp harganya', expect: 'answer', facts: ['Kemeja Batik Parang Slim Fit — harga Rp 289.000.'], not: ['varian', 'stok'] },
    ],
  },
  {
    id: 'cod-after-a-city',
    // "cod" is a subject of its own: its section, not the refund page that also names COD and days.
    turns: [
      { say: 'sy dr makassar, ongkir kesana brp ya', expect: 'answer', facts: ['Makassar — ongkos kirim per kg: Rp 38.000; lama pengiriman: 5–8 hari kerja.'] },
      { say: 'brp hari nyampe?', expect: 'answer', facts: ['5–8 hari kerja'] },
      { say: 'bisa cod ga?', expect: 'answer', facts: ['COD tersedia di Pulau Jawa untuk pesanan maksimal Rp1.500.000.'], not: ['Refund'] },
    ],
  },
  {
    id: 'brands-the-shop-names-and-does-not',
    // GoSend is Gojek's delivery: the couriers section. Grab Express and Kredivo are named nowhere in the knowledge: a
    // person, also as a follow-up, not the nearest courier or payment passage.
    turns: [
      { say: 'bisa kirim pake gojek?', expect: 'answer', facts: ['Pengiriman di hari yang sama dengan GoSend tersedia untuk wilayah Yogyakarta'] },
      { say: 'kalo grab express?', expect: 'handoff', not: ['EMS', 'GoSend'] },
    ],
  },
  {
    id: 'a-pay-later-the-shop-does-not-take',
    turns: [
      { say: 'bisa bayar pake ovo?', expect: 'answer', facts: ['Kami menerima GoPay, OVO, DANA dan ShopeePay'] },
      { say: 'kalo kredivo?', expect: 'handoff', not: ['GoPay'] },
    ],
  },
  {
    id: 'every-way-to-pay',
    // One line per section of the payment page that names a way to pay, in the page's order, with the sentences that
    // name one; the section on confirming payments names QRIS again and is left out.
    turns: [
      {
        say: 'metode pembayaran apa aja?',
        expect: 'answer',
        facts: [
          [
            'Transfer bank dan virtual account: Pembayaran dapat dilakukan melalui virtual account BCA, Mandiri, BNI dan BRI.',
            'Dompet digital dan QRIS: Kami menerima GoPay, OVO, DANA dan ShopeePay, serta aplikasi bank apa pun yang dapat memindai QRIS.',
            'Kartu kredit: Kartu kredit Visa, Mastercard dan JCB dapat digunakan. Cicilan 0% selama 3 atau 6 bulan tersedia untuk kartu kredit BCA dan Mandiri dengan belanja minimal Rp1.000.000.',
            'Bayar di tempat (COD): COD tersedia di Pulau Jawa untuk pesanan maksimal Rp1.500.000.',
          ].join('\n'),
        ],
        not: ['Konfirmasi pembayaran'],
      },
    ],
  },
  {
    id: 'numbered-questions-in-one-burst',
    // The second question names a city of its own: the Medan row, not the COD refund's days carried from the first.
    turns: [
      {
        say: ['kak mau nanya dong', '1. bisa cod?', '2. brp lama ke medan?'],
        expect: 'answer',
        facts: ['COD tersedia di Pulau Jawa untuk pesanan maksimal Rp1.500.000.', 'Medan — ongkos kirim per kg: Rp 35.000; lama pengiriman: 3–5 hari kerja.'],
        not: ['Refund'],
      },
    ],
  },
  {
    id: 'attribute-of-the-product-just-described',
    // "warna apa aja?" asks the blouse's colours, which its row does not say: a person, not the colour-fastness
    // guarantee that shares the word; "motifnya apa?" is in the row.
    turns: [
      { say: 'ready kak blus truntum?', expect: 'answer', facts: ['stok habis'] },
      { say: 'warna apa aja?', expect: 'handoff', not: ['luntur'] },
    ],
  },
  {
    id: 'pattern-of-the-product-just-described',
    turns: [
      { say: 'kemeja parang msh ada?', expect: 'answer', facts: ['stok tersedia (14)'] },
      { say: 'motifnya apa?', expect: 'answer', facts: ['motif parang'] },
    ],
  },
  {
    id: 'what-now-after-a-torn-item',
    // A bare "gmn dong?" after the return-cost rule asks what to do: the numbered steps, not the rule again.
    turns: [
      { say: 'kak barang aku dateng tp sobek', expect: 'answer', facts: ['ongkos kirim pengembalian kami tanggung'] },
      { say: 'gmn dong', expect: 'answer', facts: ['1. Kirimkan nomor pesanan dan alasan pengembalian melalui WhatsApp atau email.'], not: ['kami tanggung'] },
    ],
  },
  {
    id: 'english-product-parts',
    // "how much?" after the line asks its price, as "brp harganya?" does: the price under the name, in English labels.
    turns: [
      { say: 'is the mega mendung shirt available in xxl?', expect: 'answer', facts: ['variants M, L, XL, XXL — in stock (9)'] },
      { say: 'how much?', expect: 'answer', facts: ['Kemeja Batik Mega Mendung — price Rp 259.000.'], not: ['variants'] },
    ],
  },
  {
    id: 'proof-of-transfer-unasked',
    // The reply said no proof is needed; "ini buktinya" sends it anyway: a person takes it, not the same reply again.
    turns: [
      { say: 'udh tf ya kak', expect: 'answer', facts: ['Anda tidak perlu mengirim bukti transfer.'] },
      { say: 'ini buktinya', expect: 'handoff', facts: ['Terima kasih, sudah kami catat.'], not: ['15 menit'] },
    ],
  },
  {
    id: 'proof-of-transfer-as-asked',
    // Jawab asked for the order number and the transfer receipt; "ini buktinya" gives it: a person, not the same
    // instruction again.
    turns: [
      { say: 'kak aku udh transfer 2 jam lalu tp status masih menunggu pembayaran', expect: 'answer', facts: ['kirimkan nomor pesanan dan bukti transfer ke WhatsApp kami'] },
      { say: 'ini buktinya ya kak', expect: 'handoff', facts: ['Terima kasih, sudah kami catat.'], not: ['Menunggu pembayaran'] },
    ],
  },
  {
    id: 'buying-many-after-discounted-items',
    // "kalo beli banyak?" names a subject of its own (wholesale): the reseller answer, not the return conditions that
    // hold "pembeli".
    turns: [
      { say: 'ada diskon ga?', expect: 'answer' },
      { say: 'kalo beli banyak?', expect: 'answer', facts: ['Pembelian minimal 12 potong mendapat potongan 15%'], not: ['belum dipakai'] },
    ],
  },
  {
    id: 'when-it-ships',
    // When an order leaves is the processing time, not the days a courier takes to a region.
    turns: [{ say: 'pesanan aku kapan dikirim kak?', expect: 'answer', facts: ['Pesanan yang dibayar sebelum pukul 14.00 WIB dikemas dan diserahkan ke kurir pada hari kerja yang sama.'], not: ['Yogyakarta dan Jawa Tengah'] }],
  },
  {
    id: 'nobody-replies',
    // Not answered with the support hours that share its words: a person, with an apology.
    turns: [{ say: 'min ini gmn sih dari kemarin chat ga dibales2', expect: 'handoff', facts: ['Mohon maaf atas kendalanya. Saya sambungkan Anda dengan tim kami sekarang ya.'] }],
  },
  {
    id: 'a-remark-with-kak',
    // "kak" closing a remark is politeness: no "what can I help with?" as if the customer had said nothing.
    turns: [
      { say: 'saya sudah transfer tadi pagi tapi status masih menunggu pembayaran', expect: 'answer', facts: ['kirimkan nomor pesanan dan bukti transfer ke WhatsApp kami'] },
      { say: 'sudah 3 jam kak', expect: 'quiet' },
    ],
  },
  {
    id: 'reference-after-asking-for-it',
    // Jawab asked for the order number; the resi that comes is for a person, not the how-to-track page.
    turns: [
      { say: 'min paket aku blm nyampe2', expect: 'answer', facts: ['kirimkan nomor pesanan Anda'] },
      { say: 'resinya JNE123456789', expect: 'handoff', facts: ['Terima kasih, sudah kami catat. Saya sambungkan Anda dengan tim kami sekarang ya.'], not: ['batiksekar.id/lacak'] },
    ],
  },
  {
    id: 'product-material',
    // The row says name, price, sizes, stock and link; what the shirt is made of is for a person, not the row again.
    turns: [
      { say: 'kemeja parang msh ada?', expect: 'answer', facts: ['stok tersedia (14)'] },
      { say: 'bahannya katun ya?', expect: 'handoff', not: ['289.000'] },
    ],
  },
  {
    id: 'resi-then-tracking',
    // "where is my resi", then "got it but it cannot be tracked": the tracking section, not the resi one again; and a
    // bare "lacaknya dmn" is not drawn to the heading "Di mana nomor resi saya" by "di mana" alone.
    turns: [
      { say: 'resi sy dmn ya kak', expect: 'answer', facts: ['Pesanan saya'] },
      { say: 'udh dpt resi tp gk bs dilacak', expect: 'answer', facts: ['Masukkan nomor resi di batiksekar.id/lacak', 'hingga 24 jam'] },
    ],
  },
  {
    id: 'cod-refund-then-discounted-item',
    // COD is not carried into a new question that the return conditions answer in full.
    turns: [
      { say: 'kmrn bayarnya cod, refundnya gmn', expect: 'answer', facts: ['Refund untuk pesanan COD dikirim melalui transfer bank'] },
      { say: 'kalo barang diskon bs di return gk', expect: 'answer', facts: ['barang diskon boleh ditukar ukuran satu kali'], not: ['COD'] },
    ],
  },
  {
    id: 'instalments-which-banks',
    // A short follow-up stays on the section it follows: the banks of the instalments, not the bank transfer section.
    turns: [
      { say: 'Can I pay in instalments with my credit card?', expect: 'answer', facts: ['0%'] },
      { say: 'which banks?', expect: 'answer', facts: ['BCA and Mandiri credit cards'] },
    ],
  },
  {
    id: 'which-e-wallets',
    // "apa aja" after a kind asks for the things of that kind: the section that names GoPay, OVO, DANA, not the one on
    // confirming payments that mentions e-wallets once.
    turns: [{ say: 'kak bs bayar pake e-wallet apa aja', expect: 'answer', facts: ['Kami menerima GoPay, OVO, DANA dan ShopeePay'] }],
  },
  {
    id: 'between-two-sizes',
    // "antara M sama L" is the size guide's "di antara dua ukuran": choose the larger one.
    turns: [{ say: 'kak aku antara M sama L, ambil yg mana ya?', expect: 'answer', facts: ['Jika ukuran Anda di antara dua ukuran, pilih yang lebih besar.'] }],
  },
  {
    id: 'which-couriers',
    // The section that names the couriers and is headed by them, not the estimate that mentions couriers twice.
    turns: [{ say: 'kirimnya pake kurir apa aja?', expect: 'answer', facts: ['Kami mengirim dengan JNE, J&T Express dan SiCepat.'] }],
  },
  {
    id: 'ways-to-pay',
    // "bayar pake apa aja?" asks for the ways to pay: a section that names banks, not the one on confirming payments.
    turns: [{ say: 'bisa bayar pake apa aja kak?', expect: 'answer', facts: ['virtual account BCA, Mandiri, BNI dan BRI'], not: ['terkonfirmasi otomatis'] }],
  },
  {
    id: 'pay-via',
    // "via" is a preposition, not a word the knowledge lacks: answered, not handed off.
    turns: [{ say: 'pembayarannya via apa aja?', expect: 'answer', facts: ['virtual account BCA, Mandiri, BNI dan BRI'] }],
  },
  {
    id: 'return-then-how',
    // "retur" is how shops say a return; "gimana caranya?" after the conditions asks for the steps, not more conditions.
    turns: [
      { say: 'mau retur baju nih kekecilan', expect: 'answer', facts: ['dikembalikan'] },
      { say: 'gimana caranya?', expect: 'answer', facts: ['1. Kirimkan nomor pesanan dan alasan pengembalian melalui WhatsApp atau email.\n2. Kami membalas'], not: ['belum dicuci'] },
    ],
  },
  {
    id: 'what-do-you-sell',
    // The whole catalog, which no single passage is: each product with its price; then a product's own line.
    turns: [
      { say: 'halo kak, jual apa aja?', expect: 'answer', facts: ['Kemeja Batik Parang Slim Fit — harga Rp 289.000\nKemeja Batik Mega Mendung — harga Rp 259.000\nDress Batik Kawung — harga Rp 329.000\nBlus Batik Truntum — harga Rp 199.000\nKain Batik Tulis Sogan — harga Rp 1.250.000\nSarung Batik Cap Lasem — harga Rp 175.000'] },
      { say: 'yang dress stoknya ada?', expect: 'answer', facts: ['Dress Batik Kawung', 'stok tersedia (6)'] },
    ],
  },
  {
    id: 'reseller-follow-ups',
    // "syaratnya?" points back at the reseller answer, not at the page headed "Syarat pengembalian"; "15%" is 15 persen.
    turns: [
      { say: 'kak aku mau jadi reseller', expect: 'answer', facts: ['Daftar reseller lewat WhatsApp kami'] },
      { say: 'syaratnya apa aja?', expect: 'answer', facts: ['Pembelian minimal 12 potong mendapat potongan 15%'], not: ['label'] },
      { say: 'diskonnya brp persen?', expect: 'answer', facts: ['potongan 15%'], not: ['Barang diskon'] },
    ],
  },
  {
    id: 'an-order-with-its-address',
    // The city after an order in one burst is where to send it, not a question about shipping abroad.
    turns: [{ say: ['hai kak', 'mau order kemeja mega mendung XL 1', 'kirim ke bekasi'], expect: 'handoff', not: ['Malaysia', 'Maaf'] }],
  },
  {
    id: 'the-one-picked-from-a-list',
    // "the parang one" picks a product of the list: "one" names nothing the row lacks, so the row answers, whole; "I'll
    // take one in L" is an order for a person.
    turns: [
      { say: 'Do you have batik shirts in XL?', expect: 'answer', facts: ['We have size XL in:\nKemeja Batik Parang Slim Fit — price Rp 289.000'] },
      { say: 'How much is the parang one?', expect: 'answer', facts: ['Kemeja Batik Parang Slim Fit: kemeja pria lengan panjang batik cap motif parang — price Rp 289.000'] },
      { say: "ok I'll take one in L", expect: 'handoff', not: ['Sorry'] },
    ],
  },
  {
    id: 'price-by-the-name-just-shown',
    // "yg kawung brp?" names the product just shown and asks only how much: its price, not the whole line again.
    turns: [
      { say: 'ada dress batik?', expect: 'answer', facts: ['Dress Batik Kawung: dress wanita batik cap motif kawung — harga Rp 329.000'] },
      { say: 'yg kawung brp?', expect: 'answer', facts: ['Dress Batik Kawung — harga Rp 329.000.'], not: ['varian', 'https://'] },
    ],
  },
  {
    id: 'waited-longer-than-said',
    // Past the time Jawab gave: what the page says for that case when it says something ("Jika 1 jam setelah
    // membayar …"), else a person, with an apology (the refund was due in 3–7 working days, not two weeks).
    turns: [
      { say: 'udh tf ya kak', expect: 'answer', facts: ['terkonfirmasi otomatis dalam 15 menit'] },
      { say: 'udh 2 jam lho', expect: 'answer', facts: ['Jika 1 jam setelah membayar status pesanan masih "Menunggu pembayaran", kirimkan nomor pesanan dan bukti transfer'] },
      { say: 'kak aku mau refund', expect: 'answer', facts: ['Dana dikembalikan ke metode pembayaran awal dalam 3–7 hari kerja.'] },
      { say: 'udh 2 minggu blm masuk dananya', expect: 'handoff', facts: ['Mohon maaf atas kendalanya.'], not: ['workshop'] },
    ],
  },
  {
    id: 'the-wrong-item-sent',
    // "salah kirim" is the shop's mistake: how to swap it, not the page on late parcels that shares "paket" and "kirim".
    turns: [
      { say: 'kak mau komplain', expect: 'smalltalk' },
      { say: 'paketnya salah kirim, aku pesen ukuran L yg dateng M', expect: 'answer', facts: ['Untuk menukar, kirimkan nomor pesanan dan ukuran atau warna yang diinginkan'], not: ['pelacakan'] },
    ],
  },
  {
    id: 'a-total-of-several',
    // Each product read and its quantity, then the sum at catalog prices; "kalau 3?" after one product counts it.
    turns: [
      {
        say: 'kalau beli 2 kemeja parang sama 1 dress kawung totalnya brp?',
        expect: 'answer',
        facts: ['2 × Kemeja Batik Parang Slim Fit @ Rp 289.000 = Rp 578.000\n1 × Dress Batik Kawung @ Rp 329.000 = Rp 329.000\nTotal Rp 907.000 dengan harga katalog, belum termasuk ongkos kirim.'],
      },
      { say: 'kemeja mega mendung ada?', expect: 'answer', facts: ['Kemeja Batik Mega Mendung: kemeja pria lengan pendek'] },
      { say: 'kalau 3 totalnya brp?', expect: 'answer', facts: ['3 × Kemeja Batik Mega Mendung @ Rp 259.000 = Rp 777.000\nTotal Rp 777.000'] },
    ],
  },
  {
    id: 'row-parts',
    // The whole row once; then only the cells asked for, under the row's key. A bare number after the body length
    // is a chest measurement: 110 cm is no body length.
    turns: [
      { say: 'ongkir ke makassar brp', expect: 'answer', facts: ['Makassar — ongkos kirim per kg: Rp 38.000; lama pengiriman: 5–8 hari kerja.'] },
      { say: 'brp hari nyampe?', expect: 'answer', facts: ['Makassar — lama pengiriman: 5–8 hari kerja.'], not: ['Rp'] },
      { say: 'ongkirnya?', expect: 'answer', facts: ['Makassar — ongkos kirim per kg: Rp 38.000.'], not: ['lama pengiriman', 'tabel'] },
      { say: 'kalau 3 kg?', expect: 'answer', facts: ['Makassar — ongkos kirim per kg: Rp 38.000; 3 kg: Rp 114.000.'] },
      { say: 'ukuran L lingkar dadanya brp', expect: 'answer', facts: ['L — lingkar dada: 108 cm; panjang badan: 72 cm.'] },
      { say: 'panjangnya?', expect: 'answer', facts: ['L — panjang badan: 72 cm.'], not: ['lingkar'] },
      { say: 'kalo 110?', expect: 'answer', facts: ['XL — lingkar dada: 114 cm; panjang badan: 74 cm.'] },
    ],
  },
  {
    id: 'yes-then-how-many',
    // "Bisa." answers "apa bisa …?"; before the answer to "minimal brp pcs?" it answers nothing that was asked.
    turns: [
      { say: 'apa bisa jadi reseller kak?', expect: 'answer', facts: ['Bisa. Pembelian minimal 12 potong mendapat potongan 15%'] },
      { say: 'minimal brp pcs?', expect: 'answer', facts: ['Pembelian minimal 12 potong mendapat potongan 15%'], not: ['Bisa'] },
    ],
  },
  {
    id: 'reference-unasked',
    // A bare order number is for a person even when no page asked for it; "nanti aku order" needs no answer.
    turns: [
      { say: 'pesanan saya blm dikirim padahal udah bayar kemarin', expect: 'answer', facts: ['hari kerja berikutnya'] },
      { say: 'nomor pesanan 100234', expect: 'handoff', facts: ['Terima kasih, sudah kami catat.'], not: ['nomor resi'] },
    ],
  },
  {
    id: 'intent-to-order',
    turns: [
      { say: 'ongkir ke surabaya brp', expect: 'answer', facts: ['Surabaya — ongkos kirim per kg: Rp 19.000'] },
      { say: 'ok kak nanti aku order', expect: 'quiet' },
    ],
  },
  {
    id: 'support-hours',
    turns: [{ say: 'cs jam brp bales chat?', expect: 'answer', facts: ['08.00–20.00 WIB'] }],
  },
  {
    id: 'sizes-and-stock-across-the-catalog',
    // Which products have a size, or are in stock: the catalog filtered, not the size chart's "S to XXL" (which would
    // have said yes to a dress that only comes in S, M and L). The one product found is the topic for its price.
    turns: [
      {
        say: 'ada kemeja batik ukuran XXL ga?',
        expect: 'answer',
        facts: ['Ukuran XXL ada untuk:\nKemeja Batik Mega Mendung — harga Rp 259.000 — varian M, L, XL, XXL — stok tersedia (9) — https://batiksekar.id/p/kemeja-mega-mendung'],
        not: ['Parang', 'S, M, L, XL dan XXL'],
      },
      { say: 'harganya brp', expect: 'answer', facts: ['Kemeja Batik Mega Mendung — harga Rp 259.000.'] },
      { say: 'kalo dress ukuran XL ada?', expect: 'answer', facts: ['Maaf kak, ukuran XL belum tersedia untuk dress. Yang ada:\nDress Batik Kawung — harga Rp 329.000 — varian S, M, L — stok tersedia (6)'] },
      { say: 'yg ready stok apa aja kak', expect: 'answer', facts: ['Yang ready saat ini:\nKemeja Batik Parang Slim Fit — harga Rp 289.000'], not: ['Truntum'] },
    ],
  },
  {
    id: 'a-city-beside-other-words',
    // The city's row first (the processing time knows no city), the processing time after it; COD named with the city
    // is about COD.
    turns: [
      {
        say: 'mau nanya, kalo pesen hari ini kapan nyampe ke bandung?',
        expect: 'answer',
        facts: ['Bandung — ongkos kirim per kg: Rp 17.000; lama pengiriman: 2–3 hari kerja. Pesanan yang dibayar sebelum pukul 14.00 WIB'],
      },
      { say: 'bisa cod ke bandung?', expect: 'answer', facts: ['COD tersedia di Pulau Jawa untuk pesanan maksimal Rp1.500.000.'], not: ['Rp 17.000'] },
    ],
  },
  {
    id: 'lower-prices',
    // Below the product just shown, lowest first; the lowest of all when asked so; the cheapest already says it.
    turns: [
      { say: 'dress kawung brp?', expect: 'answer', facts: ['harga Rp 329.000'] },
      { say: 'ada yg lebih murah?', expect: 'answer', facts: ['Yang lebih murah dari Dress Batik Kawung:\nSarung Batik Cap Lasem — harga Rp 175.000'], not: ['ukuran Anda'] },
      { say: 'sarung lasem brp?', expect: 'answer', facts: ['Sarung Batik Cap Lasem: sarung batik cap motif lasem'] },
      { say: 'ada yg lebih murah?', expect: 'answer', facts: ['Sarung Batik Cap Lasem sudah yang paling murah, kak.'] },
    ],
  },
  {
    id: 'a-size-the-product-shown-lacks',
    turns: [
      { say: 'kalo dress kawung?', expect: 'answer', facts: ['Dress Batik Kawung: dress wanita batik cap motif kawung'] },
      { say: 'ada ukuran XL?', expect: 'answer', facts: ['Maaf kak, ukuran XL belum tersedia untuk Dress Batik Kawung. Yang ada:\nDress Batik Kawung — varian S, M, L — stok tersedia (6)'] },
      { say: 'ada yg M?', expect: 'answer', facts: ['varian S, M, L — stok tersedia (6)'], not: ['Maaf'] },
    ],
  },
  {
    id: 'paid-and-not-confirmed-yet',
    // "kok blm dikonfirmasi" answers "confirmed within 15 minutes" with "not yet": what the page says next, not the
    // same sentence again (and not taken as an echo of it).
    turns: [
      { say: 'udah tf kak', expect: 'answer', facts: ['Pembayaran lewat virtual account, dompet digital dan QRIS terkonfirmasi otomatis dalam 15 menit; Anda tidak perlu mengirim bukti transfer.'] },
      {
        say: 'kok blm dikonfirmasi ya',
        expect: 'answer',
        facts: ['Jika 1 jam setelah membayar status pesanan masih "Menunggu pembayaran", kirimkan nomor pesanan dan bukti transfer ke WhatsApp kami agar kami cek secara manual.'],
        not: ['15 menit'],
      },
    ],
  },
  {
    id: 'how-much-then-an-order',
    // A bare "brp kak?" after a product asks its price; "aku order 1 ya" places an order: a person takes it, with no
    // "not found" and no page about cancelling orders.
    turns: [
      { say: 'kemeja mega mendung ready?', expect: 'answer', facts: ['Kemeja Batik Mega Mendung: kemeja pria lengan pendek'] },
      { say: 'brp kak?', expect: 'answer', facts: ['Kemeja Batik Mega Mendung — harga Rp 259.000.'], not: ['varian'] },
      { say: 'ok kak aku order 1 ya', expect: 'handoff', facts: ['Saya sambungkan Anda dengan tim kami sekarang ya.'], not: ['belum menemukan', 'dibatalkan', 'cancel'] },
    ],
  },
  {
    id: 'measurements-after-a-size-row',
    // A chest measurement after the L row is a size of its own, measured in the same column, each time.
    turns: [
      { say: 'kak ukuran L lingkar dadanya brp', expect: 'answer', facts: ['L — lingkar dada: 108 cm; panjang badan: 72 cm.'] },
      { say: 'kalo 110?', expect: 'answer', facts: ['XL — lingkar dada: 114 cm'] },
      { say: 'kalo 100?', expect: 'answer', facts: ['M — lingkar dada: 102 cm'] },
      { say: 'kalo 130?', expect: 'answer', facts: ['XXL — lingkar dada: 120 cm'] },
    ],
  },
  {
    id: 'cash-on-delivery-after-a-city',
    // "cash on delivery" is COD, a way to pay: its section, not the city's row again with the COD refund.
    turns: [
      { say: 'how much to denpasar?', expect: 'answer', facts: ['Denpasar — shipping cost per kg: Rp 26.000'] },
      { say: 'can I pay cash on delivery there?', expect: 'answer', facts: ['Cash on delivery (COD) is available in Java for orders up to Rp1.500.000.'], not: ['Denpasar', 'Refunds'] },
    ],
  },
  {
    id: 'ready-before-a-product',
    // "ready kak?" before any product: which one? After a product: its stock.
    turns: [
      { say: 'ready kak?', expect: 'answer', facts: ['Produk yang mana, kak? Sebutkan nama produknya ya, nanti saya cek stoknya.'] },
      { say: 'kemeja parang', expect: 'answer', facts: ['Kemeja Batik Parang Slim Fit: kemeja pria lengan panjang'] },
      { say: 'masih ready?', expect: 'answer', facts: ['Kemeja Batik Parang Slim Fit — stok tersedia (14)'], not: ['Produk yang mana'] },
    ],
  },
  {
    id: 'pick-up-at-the-shop',
    // Picking up at the shop is the showroom, not "barang dapat dikembalikan" that shares "barang".
    turns: [
      { say: 'halo, barang bisa diambil di toko?', expect: 'answer', facts: ['Anda dapat mencoba pakaian dan mengambil pesanan online di showroom.'], not: ['dikembalikan'] },
    ],
  },
  {
    id: 'pick-up-at-the-store',
    turns: [{ say: 'can I pick it up at the store?', expect: 'answer', facts: ['You can try on clothes and pick up online orders at the showroom.'] }],
  },
  // A whether-question about a thing no page names, a product the catalog does not carry, a measurement the size chart
  // does not give: a person, not the parcel tracking page, the nearest shirt's price or the chest row.
  { id: 'insurance-no-page-names', turns: [{ say: 'paketnya bisa pake asuransi gk', expect: 'handoff', not: ['lacak'] }] },
  // Every word of an English thing counts: the card kind ("a debit card" is not the credit cards' section), the head.
  { id: 'a-card-kind-no-page-names', turns: [{ say: 'can i pay with a debit card', expect: 'handoff', not: ['Visa'] }] },
  { id: 'a-class-no-page-names', turns: [{ say: 'can I take a batik-making class at your workshop?', expect: 'handoff', not: ['workshop'] }] },
  // Paying or returning at the showroom: the card or returns section says nothing of the store, a person does.
  { id: 'at-the-showroom', turns: [{ say: 'di showroom bisa bayar pake kartu kredit ga', expect: 'handoff', not: ['Visa'] }] },
  { id: 'a-shirt-the-catalog-lacks', turns: [{ say: 'harga kemeja sidomukti brp', expect: 'handoff', not: ['259.000', '289.000'] }] },
  { id: 'two-products-names-mixed', turns: [{ say: 'harga batik tulis lasem brp', expect: 'handoff', not: ['1.250.000', '175.000'] }] },
  { id: 'a-measurement-the-chart-lacks', turns: [{ say: 'lingkar pinggang utk ukuran M brp', expect: 'handoff', not: ['102 cm'] }] },
  {
    id: 'products-the-catalog-carries',
    turns: [
      { say: 'sarung lasem brp kak', expect: 'answer', facts: ['Rp 175.000'] },
      { say: 'stok kain tulis sogan tinggal brp', expect: 'answer', facts: ['stok tersedia (3)'] },
    ],
  },
  {
    id: 'the-number-after-the-confirmation-answer',
    // "no wa nya brp" asks for the contact's number, which the confirmation passage (that names WhatsApp) does not hold.
    turns: [
      { say: ['kak sy udh tf via va bca', 'tp status msh menunggu pembayaran', 'udh 2 jam'], expect: 'answer', facts: ['kirimkan nomor pesanan dan bukti transfer ke WhatsApp kami'] },
      { say: 'no wa nya brp', expect: 'answer', facts: ['812-3456-7890'] },
    ],
  },
  // A town the shipping pages do not name gets its region's line (language/regions.ts), not the processing time or
  // the first line of the list.
  { id: 'a-town-in-kalimantan', turns: [{ say: 'ke pontianak brp hari kak', expect: 'answer', facts: ['Bali, Sumatra dan Kalimantan: 3–5 hari kerja.'], not: ['14.00'] }] },
  { id: 'a-town-in-nusa-tenggara', turns: [{ say: 'kirim ke kupang berapa lama', expect: 'answer', facts: ['Sulawesi, Nusa Tenggara, Maluku dan Papua: 5–8 hari kerja.'], not: ['Yogyakarta'] }] },
  { id: 'a-town-in-central-java', turns: [{ say: 'aku di kudus, brp hari nyampe', expect: 'answer', facts: ['Yogyakarta dan Jawa Tengah: 1–2 hari kerja.'] }] },
  { id: 'a-town-in-west-java', turns: [{ say: 'ke garut brp hari nyampe kak', expect: 'answer', facts: ['Jakarta, Surabaya dan kota lain di Pulau Jawa: 2–3 hari kerja.'] }] },
  { id: 'a-town-near-yogyakarta', turns: [{ say: 'ongkir ke sleman brp', expect: 'answer', facts: ['Yogyakarta — ongkos kirim per kg: Rp 9.000'] }] },
  { id: 'a-province-named-alone', turns: [{ say: 'kak aku di lampung, brp hari nyampe', expect: 'answer', facts: ['Bali, Sumatra dan Kalimantan: 3–5 hari kerja.'] }] },
  { id: 'south-jakarta-the-chat-way', turns: [{ say: 'ongkir ke jaksel brp', expect: 'answer', facts: ['Jakarta — ongkos kirim per kg: Rp 18.000'], not: ['Solo'] }] },
  { id: 'free-shipping-to-a-town-in-java', turns: [{ say: 'gratis ongkir ke sukabumi ga?', expect: 'answer', facts: ['Gratis ongkir untuk pesanan minimal Rp500.000 dengan alamat di Pulau Jawa.'] }] },
  {
    id: 'a-price-ceiling',
    // "dibawah 200rb": the products at most that price, lowest first; none that cheap: say so and give the lowest.
    turns: [
      { say: 'ada yg dibawah 200rb?', expect: 'answer', facts: ['Yang harganya sampai Rp 200.000:\nSarung Batik Cap Lasem — harga Rp 175.000'], not: ['Maaf'] },
      { say: 'kalo kemeja budget 250rb ada?', expect: 'answer', facts: ['Maaf kak, belum ada yang harganya sampai Rp 250.000. Yang paling murah:\nKemeja Batik Mega Mendung'] },
    ],
  },
  {
    id: 'a-quantity-under-the-minimum',
    // 10 pieces against "minimal 12 potong": not "Bisa." first; "kalo beli 15" supposes, it orders nothing.
    turns: [
      { say: 'kak ada diskon ga kalo beli 10?', expect: 'answer', facts: ['Pembelian minimal 12 potong mendapat potongan 15%'], not: ['Bisa.'] },
      { say: 'kalo beli 15 ada diskon?', expect: 'answer', facts: ['Pembelian minimal 12 potong mendapat potongan 15%'] },
    ],
  },
  {
    id: 'the-question-after-the-story',
    // The question the message ends with, when the whole message finds nothing; "kain" (fabric) is not the English
    // showroom's "clothes".
    turns: [{ say: 'aku mau beli kain sogan tp mau liat dulu, showroomnya dimana?', expect: 'answer', facts: ['Showroom kami ada di Jl. Prawirotaman No. 27, Yogyakarta'], not: ['Our showroom'] }],
  },
  {
    id: 'a-list-of-one-kind',
    // The products of the kind asked for, not the whole catalog nor the shipping weight that names "dress".
    turns: [
      { say: 'jual dress apa aja kak', expect: 'answer', facts: ['Dress Batik Kawung — harga Rp 329.000'], not: ['Kemeja', 'Berat'] },
      { say: "I'm looking for a batik shirt for a wedding, what do you have?", expect: 'answer', facts: ['Kemeja Batik Parang Slim Fit — price Rp 289.000\nKemeja Batik Mega Mendung — price Rp 259.000'], not: ['Dress'] },
    ],
  },
  {
    id: 'waited-past-the-answer',
    // Ten days for a parcel to Medan, which takes 3–5 working days: a person, with an apology, not the Medan row.
    turns: [{ say: 'paket aku udh 10 hari blm sampe, ke medan', expect: 'handoff', facts: ['Mohon maaf atas kendalanya.'], not: ['35.000'] }],
  },
  {
    id: 'towns-as-follow-ups',
    // A follow-up asking how long to a town names its region's line; a town swapped in after a question of how long
    // does too; after a price it keeps asking the price (id-ongkir-kota-lain in the conversation set).
    turns: [
      { say: ['halo kak', 'brp ongkir ke sby?'], expect: 'answer', facts: ['Surabaya — ongkos kirim per kg: Rp 19.000'] },
      { say: 'kalau ke pontianak brp hari?', expect: 'answer', facts: ['Bali, Sumatra dan Kalimantan: 3–5 hari kerja.'], not: ['GoSend'] },
      { say: 'kalau ke kupang?', expect: 'answer', facts: ['Sulawesi, Nusa Tenggara, Maluku dan Papua: 5–8 hari kerja.'] },
    ],
  },
  {
    id: 'buying-is-not-the-buyer',
    // "beli" (buy) is not "pembeli" (the buyer, who pays a return's postage): the row alone.
    turns: [{ say: 'kalo beli 2 dress ongkir ke sby brp', expect: 'answer', facts: ['Surabaya — ongkos kirim per kg: Rp 19.000; lama pengiriman: 2–3 hari kerja.'], not: ['pembeli'] }],
  },
  {
    id: 'kinds-and-who-they-are-for',
    // "kemeja ada apa aja?" lists the shirts (was the one that ranked first); "women's" is the catalog's "wanita"; a
    // short English price ceiling is answered in English.
    turns: [
      { say: 'kemeja ada apa aja?', expect: 'answer', facts: ['Kemeja Batik Parang Slim Fit — harga Rp 289.000\nKemeja Batik Mega Mendung — harga Rp 259.000'] },
      { say: "any women's batik under 350k?", expect: 'answer', facts: ['At most Rp 350.000:', 'Blus Batik Truntum — price Rp 199.000', 'Dress Batik Kawung — price Rp 329.000'], not: ['Kemeja'] },
    ],
  },
  {
    id: 'a-short-english-ceiling',
    turns: [{ say: 'anything under 200k?', expect: 'answer', facts: ['At most Rp 200.000:\nSarung Batik Cap Lasem — price Rp 175.000'] }],
  },
  {
    id: 'bare-questions-after-the-showroom',
    // A question word and one word ("what time?") asks it of the showroom just described, not of the processing time;
    // "where exactly?" is its address, not the COD line's "exact amount"; "pas nyampe" is "when it arrived".
    turns: [
      { say: 'is the showroom open on sunday?', expect: 'answer', facts: ['It is open every day from 09:00 to 21:00 WIB.'] },
      { say: 'what time?', expect: 'answer', facts: ['It is open every day from 09:00 to 21:00 WIB.'], not: ['14:00'] },
      { say: 'where exactly?', expect: 'answer', facts: ['Our showroom is at Jl. Prawirotaman No. 27, Yogyakarta.'], not: ['exact amount'] },
    ],
  },
  {
    id: 'damaged-when-it-arrived',
    turns: [{ say: 'kak paket aku rusak pas nyampe', expect: 'answer', facts: ['Jika barang diterima dalam keadaan rusak atau kami salah mengirim barang, ongkos kirim pengembalian kami tanggung.'], not: ['uang pas'] }],
  },
  {
    id: 'blind3-misses',
    // Chat's "or" between two alternatives the row holds one of; "11pm" a time of day and "reply" what "answered" says;
    // "bnyk" is "banyak"; a school uniform is no school work (off-topic.ts).
    turns: [
      { say: 'kemeja mega mendung lengan panjang apa pendek', expect: 'answer', facts: ['kemeja pria lengan pendek'] },
      { say: 'if I message you at 11pm when will someone reply?', expect: 'answer', facts: ['Messages sent outside these hours are answered the next morning.'] },
      { say: 'sarung lasem brp harganya, stok msh bnyk?', expect: 'answer', facts: ['harga Rp 175.000', 'stok tersedia (20)'] },
      // "cc" is a credit card: the instalments line, not the product's row (which cannot say).
      { say: 'kain tulis sogan bisa dicicil pake cc bca gk?', expect: 'answer', facts: ['Cicilan 0% selama 3 atau 6 bulan tersedia untuk kartu kredit BCA dan Mandiri dengan belanja minimal Rp1.000.000.'] },
      { say: 'sy guru SD mau pesan seragam batik utk 30 murid pakai motif logo sekolah, bisa?', expect: 'answer', facts: ['minimal 20 potong'] },
    ],
  },
  {
    id: 'a-size-by-its-letter',
    // "kalo L?" after the M row: one letter is no content word, but after a size it is the size asked now.
    turns: [
      { say: 'size M lingkar dadanya brp?', expect: 'answer', facts: ['M — lingkar dada: 102 cm; panjang badan: 70 cm.'] },
      { say: 'kalo L?', expect: 'answer', facts: ['L — lingkar dada: 108 cm; panjang badan: 72 cm.'], not: ['102 cm'] },
      { say: 'panjang badannya?', expect: 'answer', facts: ['L — panjang badan: 72 cm.'], not: ['70 cm'] },
    ],
  },
  {
    id: 'charged-twice',
    // "kepotong 2x" is charged twice (the double-charge section, not the failed payment's "saldo terpotong"); past the
    // time it gives, the sentence for that case (dialogue/overdue.ts), and in English the amount asked ("3 days").
    turns: [
      { say: 'kak saldo kepotong 2x buat 1 pesanan', expect: 'answer', facts: ['Jika ada dua tagihan untuk pesanan atau invoice yang sama, tagihan kedua biasanya otorisasi sementara (pending) dari bank.'] },
      { say: 'udh 4 hari kerja msh ada dua2nya', expect: 'answer', facts: ['Jika kedua tagihan masih ada di mutasi setelah 3 hari kerja, kirimkan nomor invoice dan tangkapan layar kedua tagihan.'] },
    ],
  },
  {
    id: 'charged-twice-in-english',
    turns: [
      { say: 'i was charged twice for one order', expect: 'answer', facts: ['If you see two charges for the same order or the same invoice, the second one is usually a pending authorisation from your bank.'] },
      { say: 'and if its still there after 3 days?', expect: 'answer', facts: ['If both charges are still on your statement after 3 working days, send us the invoice number and a screenshot of both charges.'] },
    ],
  },
  {
    id: 'when-it-ships',
    // "kapan … dikirim" in either order asks when it leaves: the processing time, not the returns page's "kirim barang"
    // nor, after a transfer at 4 pm, the payment confirmation.
    turns: [
      { say: 'barangnya kapan dikirim min', expect: 'answer', facts: ['Pesanan yang dibayar sebelum pukul 14.00 WIB dikemas dan diserahkan ke kurir pada hari kerja yang sama.'] },
      { say: 'kalo tf skrg jam 4 sore dikirim kapan kak', expect: 'answer', facts: ['dikirim pada hari kerja berikutnya'] },
    ],
  },
  {
    id: 'a-product-already-bought',
    // The product's name says which item; the rest asks a policy its row does not hold (retrieve.ts withoutProductName).
    turns: [
      { say: 'beli kemeja mega mendung kmrn pas diskon, ternyata kegedean, bisa dibalikin ga', expect: 'answer', facts: ['Barang diskon, masker dan barang jahitan khusus tidak dapat dikembalikan, tetapi barang diskon boleh ditukar ukuran satu kali.'] },
    ],
  },
  {
    id: 'a-product-already-bought-in-english',
    turns: [{ say: "I bought the kawung dress for my wife but it's too small, can I swap it for a bigger size?", expect: 'answer', facts: ['Exchanging an item for another size or colour is free once per order'] }],
  },
  {
    id: 'colour-fastness-after-washing',
    // A cue ("kalo …") before two words of its own that another passage holds together is a new question.
    turns: [
      { say: 'batik tulis boleh dicuci pake mesin ga', expect: 'answer', facts: ['Jangan memakai pemutih atau mesin cuci untuk batik tulis.'] },
      { say: 'kalo warnanya luntur gimana?', expect: 'answer', facts: ['kirimkan foto dalam 7 hari'] },
    ],
  },
  {
    id: 'an-exchange-costs-nothing',
    turns: [
      { say: ['halo kak', 'bajunya kekecilan, bisa tuker size?'], expect: 'answer', facts: ['Penukaran ukuran atau warna gratis satu kali untuk setiap pesanan'] },
      { say: 'bayar ga?', expect: 'answer', facts: ['Penukaran ukuran atau warna gratis satu kali untuk setiap pesanan'], not: ['Dana dikembalikan'] },
      { say: 'aku mau kado buat ibu, bisa sekalian dibungkus kado ga kak', expect: 'answer', facts: ['Bungkus kado dengan kotak dan kartu ucapan tersedia dengan tambahan Rp 15.000 per pesanan'] },
    ],
  },
  {
    id: 'a-discount-on-offer',
    // "barang diskon" on the returns page is a discounted item: "ada diskon?" asks for the discount the shop gives.
    turns: [
      { say: 'ada diskon?', expect: 'answer', facts: ['Pembelian minimal 12 potong mendapat potongan 15%'], not: ['dikembalikan'] },
      { say: 'ada promo ga kak', expect: 'answer', facts: ['Pembelian minimal 12 potong mendapat potongan 15%'], not: ['dikembalikan'] },
    ],
  },
  {
    id: 'paid-this-morning',
    // "td pagi" is hours ago: past the hour after which the page says what to do.
    turns: [{ say: ['halo', 'aku udh tf td pagi tp blm dikonfirmasi'], expect: 'answer', facts: ['Jika 1 jam setelah membayar status pesanan masih "Menunggu pembayaran", kirimkan nomor pesanan dan bukti transfer'] }],
  },
  {
    id: 'where-the-shop-is',
    turns: [{ say: 'where are you located?', expect: 'answer', facts: ['Our showroom is at Jl. Prawirotaman No. 27, Yogyakarta.'] }],
  },
  {
    id: 'too-long-already',
    // "lama bgt, udh seminggu" says it takes too long, a week past the next working day: a person, with an apology.
    turns: [{ say: 'gimana sih kok pesanan aku lama bgt, udh seminggu!!', expect: 'handoff', facts: ['Mohon maaf atas kendalanya.'] }],
  },
  {
    id: 'a-wish-to-buy',
    // Where a sale starts, not an order for a person: the kind's list, then the product's line and its parts.
    turns: [
      { say: 'i want to buy a batik shirt', expect: 'answer', facts: ['Kemeja Batik Parang Slim Fit — price Rp 289.000\nKemeja Batik Mega Mendung — price Rp 259.000'] },
      { say: 'mau beli dress kawung', expect: 'answer', facts: ['Dress Batik Kawung: dress wanita batik cap motif kawung — harga Rp 329.000 — varian S, M, L — stok tersedia (6) — https://batiksekar.id/p/dress-kawung'] },
      { say: 'ukuran M ada?', expect: 'answer', facts: ['Dress Batik Kawung — varian S, M, L — stok tersedia (6)'] },
    ],
  },
  {
    id: 'the-account-to-pay-into',
    // A shop paid by virtual account answers "norek?" with how it gives one.
    turns: [{ say: 'norek bca nya dong', expect: 'answer', facts: ['Pembayaran dapat dilakukan melalui virtual account BCA, Mandiri, BNI dan BRI. Nomor virtual account muncul setelah checkout'] }],
  },
  {
    id: 'how-to-exchange',
    // "kalo mau tuker ukuran gmn" asks how: the sentence that says what to do, not the policy again.
    turns: [{ say: ['kak mau nanya dong', 'kalo mau tuker ukuran gmn'], expect: 'answer', facts: ['Untuk menukar, kirimkan nomor pesanan dan ukuran atau warna yang diinginkan melalui WhatsApp'] }],
  },
  {
    id: 'waited-past-the-days-given',
    // "udh 5 hari" after "2–3 hari kerja" says how long the customer has waited, not "ok": a person, with an apology.
    turns: [
      { say: 'ongkir ke sby brp hari nyampe?', expect: 'answer', facts: ['Surabaya — ongkos kirim per kg: Rp 19.000; lama pengiriman: 2–3 hari kerja.'] },
      { say: 'udh 5 hari', expect: 'handoff', facts: ['Mohon maaf atas kendalanya.'] },
    ],
  },
  {
    id: 'a-discounted-item',
    turns: [{ say: 'barang diskon bisa diretur?', expect: 'answer', facts: ['Barang diskon, masker dan barang jahitan khusus tidak dapat dikembalikan'] }],
  },
  {
    id: 'a-country-the-shop-does-not-name',
    // The shop lists where it ships abroad: Brunei is not there, and a person says what can be done.
    turns: [{ say: 'kirim ke brunei bisa ga', expect: 'handoff', facts: ['Maaf, saya belum menemukan jawabannya'] }],
  },
  {
    id: 'a-question-under-a-condition',
    // Its last clause alone ("do I get refunded") asks something else than the whole.
    turns: [{ say: 'If the import tax in Malaysia is too high and I refuse the parcel, do I get refunded?', expect: 'handoff' }],
  },
  {
    id: 'cod-after-a-rate',
    // A follow-up asking something of its own is completed for its own words, not the rate's ("Ongkos kirim reguler
    // (JNE REG) …" was added).
    turns: [
      { say: 'brp ongkirnya ke malang', expect: 'answer', facts: ['Malang — ongkos kirim per kg: Rp 20.000'] },
      { say: 'bisa bayar cod?', expect: 'answer', facts: ['COD tersedia di Pulau Jawa untuk pesanan maksimal Rp1.500.000. Mohon siapkan uang pas untuk kurir.'], not: ['JNE'] },
    ],
  },
  {
    id: 'free-shipping-after-a-rate',
    // A subject the row's cells do not hold ("gratis") is more than the row: the free-shipping rule comes with it.
    turns: [
      { say: 'ongkir ke bandung brp', expect: 'answer', facts: ['Bandung — ongkos kirim per kg: Rp 17.000'] },
      { say: 'kalo belanja 600rb gratis ongkir?', expect: 'answer', facts: ['Gratis ongkir untuk pesanan minimal Rp500.000 dengan alamat di Pulau Jawa.'] },
    ],
  },
  {
    id: 'a-size-row-not-the-list',
    // The row of the size named, not the guide's "S, M, L, XL dan XXL".
    turns: [{ say: 'size L ukurannya brp', expect: 'answer', facts: ['L — lingkar dada: 108 cm; panjang badan: 72 cm.'] }],
  },
  {
    id: 'the-whole-size-chart',
    // A question for the table gets all its rows, in the customer's language (was the S row alone, in English).
    turns: [
      { say: 'size chart nya dong kak', expect: 'answer', facts: ['S — lingkar dada: 96 cm; panjang badan: 68 cm.\nM — lingkar dada: 102 cm; panjang badan: 70 cm.\nL — lingkar dada: 108 cm; panjang badan: 72 cm.\nXL — lingkar dada: 114 cm; panjang badan: 74 cm.\nXXL — lingkar dada: 120 cm; panjang badan: 76 cm.'] },
    ],
  },
  {
    id: 'shipping-to-where',
    // A shipping price naming no town gets asked where to (was Solo's row); the town that follows gets its row.
    turns: [
      { say: 'ongkirnya brp?', expect: 'answer', facts: ['Dikirim ke kota mana, kak? Sebutkan kotanya ya, nanti saya cek ongkirnya.'], not: ['Solo'] },
      { say: 'sby', expect: 'answer', facts: ['Surabaya — ongkos kirim per kg: Rp 19.000; lama pengiriman: 2–3 hari kerja.'] },
    ],
  },
  {
    id: 'which-one-the-knowledge-never-says',
    // A question word and one word the knowledge never uses: a person, not the topic's sentence ("Batik cap dibuat
    // dengan cap tembaga.").
    turns: [
      { say: 'batik tulis sama cap bedanya apa?', expect: 'answer', facts: ['Batik cap dibuat dengan cap tembaga.'] },
      { say: 'yg lebih mahal yg mana', expect: 'handoff' },
    ],
  },
  {
    id: 'two-questions-in-one-message',
    // Each question of the message gets its answer (was only the last one's).
    turns: [
      {
        say: 'mau kondangan temen minggu depan, kemeja parang slim fit size L msh ada? kirim ke jkt brp hari',
        expect: 'answer',
        facts: ['Kemeja Batik Parang Slim Fit', 'stok tersedia (14)', 'Jakarta, Surabaya dan kota lain di Pulau Jawa: 2–3 hari kerja.'],
      },
    ],
  },
  {
    id: 'a-kind-alone',
    // "ada kemeja?" lists the shirts (was the one that ranked first); "do you have shirts?" too (was the size guide).
    turns: [
      { say: 'ada kemeja?', expect: 'answer', facts: ['Kemeja Batik Parang Slim Fit — harga Rp 289.000\nKemeja Batik Mega Mendung — harga Rp 259.000'] },
      { say: 'do you have shirts?', expect: 'answer', facts: ['Kemeja Batik Parang Slim Fit — price Rp 289.000\nKemeja Batik Mega Mendung — price Rp 259.000'], not: ['S, M, L, XL and XXL'] },
    ],
  },
  {
    id: 'not-shipped-after-three-days',
    // Three days against "the next working day": a person, with an apology (was the processing time again).
    turns: [{ say: 'min kok pesanan aku blm dikirim2 sih udh 3 hari', expect: 'handoff', facts: ['Mohon maaf atas kendalanya.'] }],
  },
  {
    id: 'served-badly-not-arrived',
    // "pelayanannya" is how they were served, not the customer service hours.
    turns: [{ say: 'parah bgt pelayanannya, 1 minggu blm nyampe', expect: 'handoff', facts: ['Mohon maaf atas kendalanya.'], not: ['08.00–20.00'] }],
  },
  {
    id: 'when-does-my-order-ship',
    turns: [{ say: 'kapan pesananku dikirim?', expect: 'answer', facts: ['Pesanan yang dibayar sebelum pukul 14.00 WIB dikemas dan diserahkan ke kurir pada hari kerja yang sama.'] }],
  },
].map((chat) => conversationSchema.parse(chat));

describe('shop chats, reply by reply', () => {
  it('give these replies', async () => {
    const report = await evaluateConversations(CHATS, { knowledgeDir: KNOWLEDGE });
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(200);
  }, 120_000);
});
