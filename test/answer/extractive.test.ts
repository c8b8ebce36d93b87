import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutAtWord, extractiveAnswer, preferLanguage, splitSentences } from '../../src/answer/extractive.js';
import { REPLY_LENGTHS } from '../../src/config/settings.js';
import type { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { retrieve } from '../../src/knowledge/retrieve.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';
import { openSampleIndex } from '../knowledge/sample-index.js';

let index: KnowledgeIndex;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ index, cleanup } = await openSampleIndex());
});
afterAll(async () => cleanup());

/** True when `text` is made only of sentences of the passages: no words of Jawab's own, no lead-in. */
function onlyPassageText(text: string, passages: readonly ScoredChunk[]): boolean {
  const sentences = passages.flatMap((passage) => splitSentences(passage.text)).sort((a, b) => b.length - a.length);
  let rest = text;
  for (const sentence of sentences) {
    rest = rest.split(sentence).join('');
  }
  // List items get a final period when they had none; nothing else may remain.
  return rest.replace(/[\s.]/g, '') === '';
}

const QUESTIONS: [string, 'en' | 'id', RegExp][] = [
  ['Hi, I was charged twice for my April invoice.', 'en', /pending authorisation/],
  ['how long does shipping to Surabaya take', 'en', /^Surabaya — shipping cost per kg: Rp 19\.000; delivery time: 2–3 working days\.$/],
  ['saya mau pengembalian barang', 'id', /pengembalian|dikembalikan/],
  ['berapa lama refund', 'id', /3–7 hari kerja/],
  ['jam buka toko', 'id', /09\.00–21\.00/],
];

describe('extractiveAnswer on the sample knowledge', () => {
  for (const replyLength of ['short', 'medium', 'long'] as const) {
    it.each(QUESTIONS)(`${replyLength}: "%s" stays within the length and copies only passage text`, async (question, language, expected) => {
      const { passages, relevant } = await retrieve(index, question, { language });
      expect(relevant).toBe(true);
      const answer = extractiveAnswer({ passages, query: question, language, replyLength });
      expect(answer?.text.length).toBeLessThanOrEqual(REPLY_LENGTHS[replyLength].max);
      expect(answer?.text).toMatch(expected);
      expect(onlyPassageText(answer!.text, passages)).toBe(true);
      expect(answer?.used.length).toBeGreaterThan(0);
    });
  }

  it('answers with the row that answers, not the table around it nor a lead-in', async () => {
    const question = 'brp ongkir ke medan kak';
    const { passages } = await retrieve(index, question, { language: 'id' });
    const answer = extractiveAnswer({ passages, query: question, language: 'id', replyLength: 'long' });
    expect(answer?.text).toBe('Medan — ongkos kirim per kg: Rp 35.000; lama pengiriman: 3–5 hari kerja.');
  });

  it('goes on with the passage when the previous reply said its first sentence and the question adds no word', async () => {
    const question = 'penukaran ukuran caranya gimana';
    const { passages } = await retrieve(index, 'penukaran ukuran', { language: 'id' });
    const said = 'Penukaran ukuran atau warna gratis satu kali untuk setiap pesanan, selama stok barang pengganti tersedia.';
    const answer = extractiveAnswer({ passages, query: question, language: 'id', replyLength: 'medium', said, focus: [] });
    expect(answer?.text).toMatch(/^Untuk menukar, kirimkan nomor pesanan/);
    expect(answer?.text).not.toContain(said);
  });

  it('adds one sentence of another passage for a word the best one leaves out', async () => {
    const question = 'kalo belanja 800rb ke bandung gratis ongkir ga?';
    const { passages } = await retrieve(index, question, { language: 'id' });
    const answer = extractiveAnswer({ passages, query: question, language: 'id', replyLength: 'long' });
    expect(answer?.text).toBe('Bandung — ongkos kirim per kg: Rp 17.000; lama pengiriman: 2–3 hari kerja. Gratis ongkir untuk pesanan minimal Rp500.000 dengan alamat di Pulau Jawa.');
  });

  it('answers a follow-up with the sentence its own words ask for, not the ones just said again', async () => {
    const said = 'Cuci batik dengan tangan memakai air dingin dan sabun lembut seperti lerak, dan jangan direndam terlalu lama. Jangan memakai pemutih atau mesin cuci untuk batik tulis.';
    const query = 'cara cuci batik boleh disetrika';
    const { passages } = await retrieve(index, query, { language: 'id' });
    const answer = extractiveAnswer({ passages, query, language: 'id', replyLength: 'medium', said, focus: ['boleh disetrika'] });
    expect(answer?.text).toBe('Setrika dengan suhu rendah dari bagian dalam.');
  });

  it('takes no other page\'s sentence for a word the answer\'s own page title holds', async () => {
    const question = 'bayarnya bisa pake dana?';
    const { passages } = await retrieve(index, question, { language: 'id' });
    const answer = extractiveAnswer({ passages, query: question, language: 'id', replyLength: 'long' });
    expect(answer?.text).toMatch(/^Kami menerima GoPay, OVO, DANA dan ShopeePay/);
    expect(answer?.text).not.toMatch(/Dana dikembalikan/);
  });

  it('never answers with a lead-in that nothing follows ("We accept the following payment methods")', () => {
    const leadIn: ScoredChunk = { id: 'intro', text: 'We accept the following payment methods at checkout.', score: 0.6, metadata: { source: 'pay.md', title: 'Payment', position: 0, language: 'en' } };
    expect(extractiveAnswer({ passages: [leadIn], query: 'do you accept paypal', language: 'en', replyLength: 'medium' })).toBeUndefined();
    const next: ScoredChunk = { ...leadIn, id: 'next', text: 'Orders paid later ship on the next working day. Pesanan dikirim pada hari kerja berikutnya.' };
    expect(extractiveAnswer({ passages: [next], query: 'kapan dikirim', language: 'id', replyLength: 'long' })?.text).toContain('berikutnya');
  });

  it('answers in the reply language when both languages have the page', async () => {
    const { passages } = await retrieve(index, 'how long does a refund take', { language: 'id' });
    const answer = extractiveAnswer({ passages, query: 'how long does a refund take', language: 'id', replyLength: 'medium' });
    expect(answer?.used.every((passage) => passage.metadata.language === 'id')).toBe(true);
    expect(answer?.text).toMatch(/hari kerja/);
  });

  it('never uses a sentence that mentions a don\'t-mention item', async () => {
    const question = 'Hi, I was charged twice for my April invoice.';
    const { passages } = await retrieve(index, question, { language: 'en' });
    const answer = extractiveAnswer({ passages, query: question, language: 'en', replyLength: 'long', dontMention: ['pending authorisation'] });
    expect(answer?.text).not.toMatch(/pending authorisation/i);
  });
});

describe('extractive helpers', () => {
  const chunk = (text: string, language: 'en' | 'id', score: number): ScoredChunk => ({
    id: `${language}-${score}`, text, score, metadata: { source: `${language}.md`, title: 't', language, position: 0 },
  });

  it('splits sentences without breaking abbreviations, numbers or list items', () => {
    expect(splitSentences('Showroom di Jl. Prawirotaman No. 27, Yogyakarta. Buka 09.00–21.00 WIB.\n- Gratis ongkir Rp500.000\n1. **Kirim** [formulir](https://x.id/f)')).toEqual([
      'Showroom di Jl. Prawirotaman No. 27, Yogyakarta.',
      'Buka 09.00–21.00 WIB.',
      'Gratis ongkir Rp500.000',
      '1. Kirim formulir (https://x.id/f)',
    ]);
  });

  it('cuts at a word boundary, never mid-word', () => {
    const cut = cutAtWord('Refunds are paid to the original payment method', 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut).toBe('Refunds are paid to the…');
  });

  it('prefers passages in the reply language only when they are about as good', () => {
    const english = chunk('English text.', 'en', 0.7);
    const indonesianEquivalent = chunk('Teks Indonesia.', 'id', 0.6);
    const indonesianWeak = chunk('Teks lain.', 'id', 0.3);
    expect(preferLanguage([english, indonesianEquivalent], 'id')).toEqual([indonesianEquivalent]);
    expect(preferLanguage([english, indonesianWeak], 'id')).toEqual([english, indonesianWeak]);
  });

  it('cuts a single over-long sentence to the maximum', () => {
    const long = chunk(`${'Batik tulis is drawn by hand with a canting over many weeks '.repeat(8)}.`, 'en', 0.8);
    const answer = extractiveAnswer({ passages: [long], query: 'batik tulis canting', language: 'en', replyLength: 'short' });
    expect(answer?.text.length).toBeLessThanOrEqual(200);
    expect(answer?.text.endsWith('…')).toBe(true);
  });

  it('gives nothing when every sentence is forbidden', () => {
    const only = chunk('Project Kawung launches in May.', 'en', 0.8);
    expect(extractiveAnswer({ passages: [only], query: 'kawung', language: 'en', replyLength: 'short', dontMention: ['Project Kawung'] })).toBeUndefined();
  });

  it('after a table row, gives the cells a follow-up asks for under its key, and the whole row otherwise', () => {
    const row = chunk('Makassar — ongkos kirim per kg: Rp 38.000; lama pengiriman: 5–8 hari kerja.', 'id', 0.8);
    const ask = (asked: string, said?: string) =>
      extractiveAnswer({ passages: [row], query: `ongkir makassar ${asked}`, asked, focus: [asked], language: 'id', replyLength: 'medium', ...(said ? { said } : {}) })?.text;
    const said = row.text;
    expect(ask('brp hari nyampe?', said)).toBe('Makassar — lama pengiriman: 5–8 hari kerja.');
    expect(ask('brp lama?', said)).toBe('Makassar — lama pengiriman: 5–8 hari kerja.');
    // "kirim" is in both headers and tells them apart no more than "ongkir" would without "ongkos".
    expect(ask('ongkirnya?', said)).toBe('Makassar — ongkos kirim per kg: Rp 38.000.');
    expect(ask('per kg brp?', said)).toBe('Makassar — ongkos kirim per kg: Rp 38.000.');
    // Both cells, or none, or a row not just given: the row as it is.
    expect(ask('ongkos dan lama pengirimannya?', said)).toBe(row.text);
    expect(ask('oke', said)).toBe(row.text);
    expect(ask('brp hari nyampe?')).toBe(row.text);
    expect(ask('brp hari nyampe?', 'Medan — ongkos kirim per kg: Rp 35.000; lama pengiriman: 3–5 hari kerja.')).toBe(row.text);
  });

  it('leaves out the yes that opens an answer when the question asks how much, not whether', () => {
    const faq = chunk('Bisa. Pembelian minimal 12 potong mendapat potongan 15%.', 'id', 0.8);
    const answer = (asked: string) => extractiveAnswer({ passages: [faq], query: asked, asked, language: 'id', replyLength: 'medium' })?.text;
    expect(answer('minimal brp pcs?')).toBe('Pembelian minimal 12 potong mendapat potongan 15%.');
    expect(answer('bisa beli grosir?')).toBe('Bisa. Pembelian minimal 12 potong mendapat potongan 15%.');
    expect(answer('apa bisa beli grosir?')).toBe('Bisa. Pembelian minimal 12 potong mendapat potongan 15%.');
  });
});
