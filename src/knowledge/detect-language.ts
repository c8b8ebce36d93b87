// Which of Jawab's languages a text is in, by scoring marker words: frequent grammar words and the chat
// words each language's customers use ("kak", "gan", "min" in Indonesian shops). It lives in knowledge/
// because chunks are tagged with their language at index time; answer/language.ts re-exports it.
//
// Indonesian and Malay share most of their vocabulary, so shared words count for both and only the
// words that differ ("tidak"/"tak", "bisa"/"boleh", "karena"/"kerana", "uang"/"wang") separate them;
// when nothing separates them Indonesian wins, since most of Jawab's customers are Indonesian shops.
import type { Language } from '../config/settings.js';

type Scores = Record<Language, number>;

function markers(list: string): string[] {
  return list.split(/\s+/).filter((word) => word.length > 0);
}

/** Words that point to one language. Weight 1 unless listed in STRONG. */
const MARKERS: Record<Language, string[]> = {
  en: markers(`
    the is are was were be been am i i'm im my me you your we our they it it's this that these those what
    which who how when where why do does did don't dont can can't could would should will have has had
    and or but not no yes of to for from with about in on at by an a please thanks thank hi hello hey
    there here order orders delivery shipping refund return payment paid charged twice invoice help want
    need know get got any some much many how's what's good morning afternoon evening
    anything something everything under below less than cheap cheaper cheapest sell price prices cost
  `),
  id: markers(`
    tidak nggak gak ga enggak engga bisa karena karna uang sudah udah belum aja saja dong deh sih nih
    kok kak kakak gan agan min mimin sis gimana bagaimana kapan berapa silakan terima kasih makasih
    halo hai ya yang dan di ke dari ini itu untuk dengan ada apa saya aku kami kita anda mau ingin pengen
    tolong mohon pesanan barang pengiriman ongkir bayar pembayaran rekening transfer pengembalian
    apakah adalah atau juga lagi sama kalau jika kenapa mengapa sampai bukan masih akan harus toko
    selamat pagi siang sore malam
  `),
  ms: markers(`
    tak nak awak boleh kerana wang sila encik cik puan tuan sahaja hendak macam mana bila betul kedai
    penghantaran bayaran percuma kereta ialah daripada terima kasih ya yang dan di ke dari ini itu untuk
    dengan ada apa saya kami kita anda mahu apakah atau juga lagi kalau jika kenapa mengapa sampai bukan
    masih akan harus pesanan barang selamat pagi petang malam
  `),
  es: markers(`
    el la los las lo un una unos unas y que en por para con sin es son está están estoy mi mis tu su sus
    se como cómo cuando cuándo donde dónde qué quiero tengo hay muy hola gracias pedido envío envio
    pago reembolso devolución devolucion cobraron dos veces factura usted ustedes puedo necesito buenos
    buenas días dias del al también tambien pero porque
  `),
  pt: markers(`
    o os as um uma uns umas e que em por para com sem é são está estão estou meu minha seu sua você
    voce vocês como quando onde quero tenho há muito olá ola oi obrigado obrigada pedido entrega
    pagamento reembolso devolução devolucao cobrado cobraram duas vezes fatura posso preciso bom dia
    do da dos das no na nos nas também tambem mas porque não nao
  `),
};

/** Words that on their own settle the language (chat greetings, words no sibling language uses). */
const STRONG: Record<Language, string[]> = {
  en: markers(`the i'm im you your what how hello hi hey thanks please was were`),
  // Chat spellings (language/chat-lexicon.ts) only Indonesian customers write: "invoice reseller dikirim tanggal brp?"
  // is Indonesian although its nouns are English.
  id: markers(`tidak nggak gak enggak bisa karena uang udah aja dong deh sih nih kok kak kakak gan agan min mimin
    gimana silakan makasih halo pengen ongkir brp gmn yg udh blm tdk dgn utk bs bgt gk msh jg tp sy skrg
    kmrn dmn knp kalo klo gpp dpt tgl pake kirim dikirim tanggal`),
  ms: markers(`tak nak awak kerana wang sila encik sahaja hendak mahu kedai penghantaran percuma`),
  es: markers(`el los las está hola gracias quiero envío pedido usted qué cómo`),
  pt: markers(`você voce não nao olá oi obrigado obrigada é são quero está`),
};

/** Accents and letters that only these languages use among the five. */
const LETTERS: [RegExp, Language][] = [
  [/[ñ¿¡]/u, 'es'],
  [/[ãõç]/u, 'pt'],
];

const WEIGHTS: Map<string, Partial<Scores>> = (() => {
  const weights = new Map<string, Partial<Scores>>();
  for (const [language, words] of Object.entries(MARKERS) as [Language, string[]][]) {
    for (const word of words) {
      const entry = weights.get(word) ?? {};
      entry[language] = 1;
      weights.set(word, entry);
    }
  }
  for (const [language, words] of Object.entries(STRONG) as [Language, string[]][]) {
    for (const word of words) {
      const entry = weights.get(word) ?? {};
      entry[language] = 3;
      weights.set(word, entry);
    }
  }
  return weights;
})();

const EMPTY = (): Scores => ({ id: 0, en: 0, ms: 0, es: 0, pt: 0 });

/** Marker scores of a text per language (higher is likelier). */
export function languageScores(text: string): Scores {
  const scores = EMPTY();
  const words = text.toLowerCase().replace(/[’‘`]/g, "'").match(/[\p{L}']+/gu) ?? [];
  for (const word of words) {
    const weight = WEIGHTS.get(word) ?? WEIGHTS.get(word.replace(/'/g, ''));
    if (weight === undefined) continue;
    for (const [language, value] of Object.entries(weight) as [Language, number][]) scores[language] += value;
  }
  for (const [pattern, language] of LETTERS) if (pattern.test(text)) scores[language] += 2;
  return scores;
}

/** Adds `from` into `into`, scaled. */
export function addScores(into: Scores, from: Scores, scale = 1): Scores {
  for (const language of Object.keys(into) as Language[]) into[language] += from[language] * scale;
  return into;
}

/** The best language for some scores, or undefined when the evidence is too thin or split. */
export function decideLanguage(scores: Scores): Language | undefined {
  const ranked = (Object.entries(scores) as [Language, number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (best === undefined || best[1] < 1) return undefined;
  const runnerUp = second?.[1] ?? 0;
  // Indonesian and Malay share most words: a tie between them is Indonesian (Jawab's main audience).
  if (best[0] === 'ms' && scores.id === best[1]) return 'id';
  if ((best[0] === 'id' || best[0] === 'ms') && (second?.[0] === 'id' || second?.[0] === 'ms')) {
    const other = ranked.find(([language]) => language !== 'id' && language !== 'ms')?.[1] ?? 0;
    return best[1] > other ? best[0] : undefined;
  }
  // Spanish and Portuguese also share words ("que", "para", "pedido").
  return best[1] > runnerUp ? best[0] : undefined;
}

/** The language of a text, or undefined when unsure. */
export function detectLanguage(text: string): Language | undefined {
  return decideLanguage(languageScores(text));
}
