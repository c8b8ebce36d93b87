// Chat text as the knowledge writes it: informal spellings, numbers, reduplication, contact details, a profile's synonyms.
import { describe, expect, it } from 'vitest';
import { applySynonyms, markContacts, normalizeBrands, normalizeNumbers, normalizeSizeChoice } from '../../src/language/normalize.js';
import { contentTokens, stemVariants, termsOf, tokenize } from '../../src/knowledge/text.js';

describe('tokenize reads chat Indonesian in standard words', () => {
  it.each([
    ['brp ongkir ke sby kak?', 'berapa ongkos kirim ke surabaya kakak'],
    // A chat spelling keeps its -nya: "hrgnya" is "harganya", "tfnya" "transfernya".
    ['brp hrgnya kak, tfnya kmn', 'berapa harganya kakak transfernya ke mana'],
    ['udh tf bca tp blm dikonfirmasi', 'sudah transfer bca tapi belum dikonfirmasi'],
    ['kalo belanja 800rb gratis ongkir ga?', 'kalau belanja 800000 gratis ongkos kirim tidak'],
    ['Nomor WA admin berapa?', 'nomor whatsapp admin berapa'],
    ['gmn cara bayar pake va', 'bagaimana cara bayar pakai virtual account'],
    ['baju2 jogja', 'baju yogyakarta'],
    ['dua kali untuk satu pesanan', '2 kali untuk 1 pesanan'],
    // English conjunctions are not "how long" or "an order".
    ['free as long as the item is in stock', 'free if the item is in stock'],
    ['send it in order to get a refund', 'send it to get a refund'],
    ['how long does the refund take', 'how long does the refund take'],
    // Jakarta vowels, ke- for ter-, and the misspellings keyboards let through.
    ['saldo kepotong tp blm kebayar', 'saldo terpotong tapi belum terbayar'],
    ['paketnya dateng, udh dicek, cs jam brp bales?', 'paketnya datang sudah cek layanan pelanggan jam berapa balas'],
    ['i recieved the wrong item, my acount shows it', 'i received the wrong item my account shows it'],
    ['potongan 15% atau 10 %', 'potongan 15 persen atau 10 persen'],
    ['bisa dicicil pake cc bca, stok msh bnyk?', 'bisa dicicil pakai kartu kredit bca stok masih banyak'],
  ])('%s', (text, tokens) => {
    expect(tokenize(text).join(' ')).toBe(tokens);
  });

  it('drops stopwords, also with -nya ("tokonya" is the shop, like "we")', () => {
    expect(contentTokens('email tokonya apa kak?')).toEqual(['email']);
  });

  it('strips colloquial affixes: ny-, ng-, nge-, -in', () => {
    expect(stemVariants('nyuci')).toContain('cuci');
    expect(stemVariants('ngirim')).toContain('kirim');
    expect(stemVariants('ngecek')).toContain('cek');
    expect(stemVariants('bayarin')).toContain('bayar');
    expect(stemVariants('ingin')).toEqual(['ingin']);
  });

  it('reads "-ing" off a three-letter root ("paying" is "pay") but not off a shorter one ("thing")', () => {
    expect(stemVariants('paying')).toContain('pay');
    expect(stemVariants('buying')).toContain('buy');
    expect(stemVariants('shipping')).toContain('ship');
    expect(stemVariants('thing')).toEqual(['thing']);
  });

  it('drops the filler customers wrap questions in ("biar", "kayak", "tadi", "what happens if")', () => {
    expect(contentTokens('cara nyuci batik gmn biar awet')).toEqual(['nyuci', 'batik', 'awet']);
    expect(contentTokens('kayak tagihan salah gitu')).toEqual(['tagihan', 'salah']);
    expect(contentTokens('what happens if my parcel gets lost?')).toEqual(['parcel', 'lost']);
  });
});

describe('normalizeNumbers', () => {
  it.each([
    ['rp500.000', 'rp 500000'],
    ['rp 1.250.000', 'rp 1250000'],
    ['800rb', '800000'],
    ['800 ribu', '800000'],
    ['150k', '150000'],
    ['1,5jt', '1500000'],
    ['2 juta', '2000000'],
    ['2x', '2 kali'],
    ['jam 08.00', 'jam 08.00'],
    ['1,5 kg', '1,5 kg'],
  ])('%s -> %s', (text, normalized) => {
    expect(normalizeNumbers(text)).toBe(normalized);
  });
});

describe('normalizeSizeChoice', () => {
  it('says a choice between two sizes as the size guide does', () => {
    expect(normalizeSizeChoice("i'm between m and l, which one should i take?")).toBe("i'm between two sizes, which one should i take?");
    expect(normalizeSizeChoice('kak aku antara m sama l, ambil yg mana')).toBe('kak aku di antara dua ukuran, ambil yg mana');
    expect(normalizeSizeChoice('lingkar dada di antara 100 dan 104')).toBe('lingkar dada di antara dua ukuran');
    // Not a size: left alone.
    expect(normalizeSizeChoice('antara jne dan sicepat mana yang cepat')).toBe('antara jne dan sicepat mana yang cepat');
  });
});

describe('normalizeBrands', () => {
  it('keeps J&T one word, as the courier list names it', () => {
    expect(normalizeBrands('kami mengirim dengan jne, j&t express dan sicepat')).toBe('kami mengirim dengan jne, jnt express dan sicepat');
    expect(tokenize('Pakai J & T bisa?')).toContain('jnt');
  });

  it('writes brands spelt apart as one word', () => {
    expect(normalizeBrands('kirim pake grab express / go-send, bayar go pay, shopee pay atau link aja')).toBe(
      'kirim pake grabexpress / gosend, bayar gopay, shopeepay atau linkaja',
    );
  });
});

describe('markContacts', () => {
  it('says what a phone number, an email address and a link are', () => {
    expect(markContacts('wa: +62 812-3456-7890')).toBe('wa: +62 812-3456-7890 nomor telepon phone number');
    expect(markContacts('email halo@batiksekar.id')).toBe('email halo@batiksekar.id email');
    expect(markContacts('lihat https://batiksekar.id/p/x')).toBe('lihat https://batiksekar.id/p/x link');
  });
});

describe('applySynonyms', () => {
  it("writes out a profile's terms as whole words, in any case", () => {
    const synonyms = [{ term: 'sby', means: 'Surabaya' }, { term: 'kota pahlawan', means: 'Surabaya' }];
    expect(applySynonyms('Ongkir ke SBY? atau kota pahlawan', synonyms)).toBe('Ongkir ke Surabaya? atau Surabaya');
    expect(applySynonyms('sbyx', synonyms)).toBe('sbyx');
  });
});

describe('termsOf', () => {
  it('gives a word its stems and the synonym groups of its stems', () => {
    expect(termsOf('pengembalian')).toEqual(['kembali', 'embali', 'pengembalian', '~return']);
    expect(termsOf('dikirim')).toEqual(['kirim', 'dikirim', '~ship']);
  });

  it('gives a word a group lists that group alone, not the groups of its stems ("clothes" is not "cloth", kain)', () => {
    expect(termsOf('clothes')).toEqual(['clothes', 'cloth', '~apparel']);
    expect(termsOf('cloth')).toEqual(['cloth', '~cloth']);
  });
});
