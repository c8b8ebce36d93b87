import { describe, expect, it } from 'vitest';
import { unknownSubjects } from '../../src/knowledge/unknown-subject.js';

// What a shop's knowledge uses, as the index would answer knows() (stems and concepts).
const USED = new Set(['paket', 'showroom', 'kirim', 'tukar', 'kado', 'bayar', 'pay', 'batik', 'akun', 'cod', 'dana', '~showroom', '~gift', '~wallet', 'return', 'wrap', 'send', 'card', 'shirt']);
const knows = (term: string) => USED.has(term);

describe('unknownSubjects', () => {
  it('names the thing a whether-question asks about when the knowledge never uses it', () => {
    expect(unknownSubjects('paketnya bisa pake asuransi gk', knows)).toEqual(['asuransi']);
    expect(unknownSubjects('ada sertifikat keaslian buat batik tulis?', knows)).toEqual(['sertifikat']);
    expect(unknownSubjects('is there parking at the showroom', knows)).toEqual(['parking']);
    expect(unknownSubjects('can i watch the batik being made?', knows)).toEqual(['watch']);
    expect(unknownSubjects('cara hapus akun gmn', knows)).toEqual(['hapus']);
    expect(unknownSubjects('can I pay in US dollars', knows)).toEqual(['dollars']);
  });

  it('leaves things the knowledge uses, through a stem, a synonym or a phrase', () => {
    expect(unknownSubjects('bisa dikirim hari ini?', knows)).toEqual([]);
    expect(unknownSubjects('bs tuker ukuran?', knows)).toEqual([]);
    expect(unknownSubjects('can you gift wrap it?', knows)).toEqual([]);
    // "physical store" is the showroom, whatever "physical" alone is.
    expect(unknownSubjects('is there a physical store I can visit?', knows)).toEqual([]);
  });

  it('leaves sizes, places, brands, numbers, abbreviations and what follows the end of the sentence', () => {
    expect(unknownSubjects('ada yg XL?', knows)).toEqual([]);
    expect(unknownSubjects('bisa kirim ke pontianak?', knows)).toEqual([]);
    expect(unknownSubjects('bisa pakai kredivo?', knows)).toEqual([]);
    expect(unknownSubjects('ada 3 warna?', knows)).toEqual(['warna']);
    expect(unknownSubjects('bayarnya bs pk dana ga', knows)).toEqual([]);
    expect(unknownSubjects('cod ke bdg bisa? totalnya 2jt', knows)).toEqual([]);
  });

  it('reads only the thing asked about, not every word the knowledge lacks', () => {
    expect(unknownSubjects('kak aku mau tanya ongkir dong, buat kado ultah', knows)).toEqual([]);
    // An Indonesian noun phrase starts with its head: the words after it only narrow it down.
    expect(unknownSubjects('bisa kirim paket kantor?', knows)).toEqual([]);
    // An English one ends in its head, up to the next preposition: "at the showroom" says where, not which thing.
    expect(unknownSubjects('can I return a batik scarf at the showroom?', knows)).toEqual(['scarf']);
    expect(unknownSubjects('can you send the batik to my office?', knows)).toEqual([]);
  });

  it('reads every word of an English thing: the head and the words telling it from others', () => {
    expect(unknownSubjects('can I take a batik-making class at your workshop?', knows)).toEqual(['class']);
    expect(unknownSubjects('can i pay with a debit card', knows)).toEqual(['debit']);
  });

  it('reads what may be done, what a cost is asked of, and what a thing does', () => {
    expect(unknownSubjects('grosir 12 pcs boleh campur motif ga kak', knows)).toEqual(['campur']);
    expect(unknownSubjects('invoice reseller telat bayar kena denda ga kak', knows)).toEqual(['denda']);
    expect(unknownSubjects('do you charge a fee for paying by card?', knows)).toEqual(['fee']);
    expect(unknownSubjects('do the shirts shrink after the first wash?', knows)).toEqual(['shrink']);
    expect(unknownSubjects('does it fade after washing?', (term) => knows(term) || term === 'fade')).toEqual([]);
    expect(unknownSubjects('bayarnya kena ongkir ga?', (term) => knows(term) || term === 'ongkir')).toEqual([]);
  });

  it('reads the one word of a question word\'s question', () => {
    expect(unknownSubjects('yg lebih mahal yg mana', knows)).toEqual(['mahal']);
    expect(unknownSubjects('showroomnya dimana', knows)).toEqual([]);
  });

  it('reads a landmark the showroom is asked to be near', () => {
    expect(unknownSubjects('showroom di jogja deket malioboro gk?', knows)).toEqual(['malioboro']);
    expect(unknownSubjects('is the showroom near the airport?', knows)).toEqual(['airport']);
  });
});
