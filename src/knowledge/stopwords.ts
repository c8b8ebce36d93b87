// Words that carry no topic: dropped before embedding, before the lexical relevance check and before
// sentence scoring, so "what is the capital of France" and "berapa lama pengiriman" keep only the words
// that say what the customer is asking about.
//
// "Pembeli" and "buyer" are the customer in a shop's pages ("ditanggung pembeli": you pay it), a pronoun, not the
// verb a customer buys with: "kalo beli 2 dress ongkir ke sby?" is not about who pays a return's postage. "Total" and
// "sekitar" only say what a number is ("bisa cod? totalnya sekitar 700rb"), and a number says no topic either.
// "Pelayanan" is how a customer was served ("parah bgt pelayanannya"), not the customer service ("layanan pelanggan").
// "Bought", "ternyata" (it turned out), "takut" (afraid) and "sekalian" (while at it) tell the story around a question
// ("I bought it for my wife but it's too small", "kmrn beli pas diskon, ternyata kegedean"): "bought" is not the
// "items bought in a sale" of a returns page.
//
// Besides grammar words this holds the conversational filler customers wrap questions in ("tolong",
// "kak", "please", "hi", "can you tell me"): they appear in every chat and in many help pages, so
// sharing one of them must not count as "the knowledge talks about this". So do "toko", "shop" and "store": in a
// shop's chat they name the company, like "we" ("email tokonya" asks for the email). The lists are compared after
// lowercasing and diacritic removal (see text.ts), so they are written without accents.

const ENGLISH = `
a about above after again against all also am an and any are aren as at be because been before being
below between both but by can cannot could couldn did didn do does doesn doing don down during each few
for from further get got had hadn has hasn have haven having he her here hers herself him himself his how
i if in into is isn it its itself just let me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was wasn we were weren what
when where which while who whom why will with won would you your yours yourself yourselves
hi hello hey dear thanks thank thx please pls ok okay yes yeah sure hmm oh guys folks yall
want wanted wants like would need needs know tell ask asked asking question questions help
anything something everything someone anyone
im ive id ill youre dont doesnt didnt cant wont isnt arent wasnt werent hasnt havent hadnt shouldnt couldnt wouldnt
much many also already really take takes took taking yet back even
thats its whats hows wheres theres lets rp shop store
happen happens happened gets put said make makes made making possible
buyer buyers bought purchased
total around approximately approx roughly exactly table tables
`;

const INDONESIAN = `
ada adalah agar akan aku anda apa apakah atau bagaimana bahwa baik banyak bila begitu belum berapa
bisa boleh buat bukan cara dan dari dalam dengan di dia ini itu jadi jika juga kalau kami kamu kan
karena ke kenapa ketika kita lagi lah maka mana masih mau mengapa mereka nya oleh pada para pun saat
saja sama sambil sampai sangat saya se sebagai sebelum sedang sejak semua sendiri seperti siapa sudah
supaya tapi tetapi tentang tidak untuk yang ya apa
halo hai hallo helo kak kakak gan agan min mimin admin sis bro bang mas mbak mba om tante bu pak
dong deh sih nih tuh kok ya yah yuk ok oke okay sip siap mohon tolong terima kasih makasih thanks
udah sudah aja gak nggak enggak ga tak engga gimana bagaimana kapan dimana kemana berapa
tanya nanya bertanya pertanyaan ingin pengen pingin butuh perlu bantu bantuan info informasi
gitu begini begitu tersebut punya
lho loh toh kah lah dulu aku banget saja terus lalu nah kakak toko kedai pakai
minta dapat dapet lebih pas
biar kayak agak dikit tadi kemarin permisi selamat kena
pembeli ternyata takut sekalian
total sekitar kisaran tabel
pelayanan pelayanannya
`;

/** Malay, Spanish and Portuguese grammar words: only so that their messages do not match on "de" or "la". */
// "via" is a preposition in English and in Indonesian chat ("bayarnya via apa?", "send it via WhatsApp").
const OTHER = `
via
nak tak awak encik sila hendak sahaja kerana daripada ialah
el la los las lo un una unos unas y o de del al que en por para con sin es son esta estan mi mis tu su
sus se como cuando donde hola gracias quiero tengo hay muy
o os as um uma uns umas e do da dos das no na nos nas em com sem que por para meu minha seu sua voce
ola oi obrigado obrigada quero tenho nao sim muito
`;

function words(list: string): string[] {
  return list.split(/\s+/).filter((word) => word.length > 0);
}

export const STOPWORDS: ReadonlySet<string> = new Set([...words(ENGLISH), ...words(INDONESIAN), ...words(OTHER)]);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}
