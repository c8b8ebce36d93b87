import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { retrieve } from '../../src/knowledge/retrieve.js';
import { openSampleIndex } from './sample-index.js';

let index: KnowledgeIndex;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ index, cleanup } = await openSampleIndex());
});
afterAll(async () => cleanup());

// [question, reply language, the page that must rank first]
const IN_SCOPE: [string, 'en' | 'id', string][] = [
  // The rate table's Surabaya row says "2 working days": the fact asked for, before the page about regions.
  ['how long does shipping to Surabaya take', 'en', 'en/shipping-rates.md'],
  ['Hi, I was charged twice for my April invoice.', 'en', 'en/billing-problems.md'],
  ['I got billed two times for one order', 'en', 'en/billing-problems.md'],
  ['can I pay with GoPay?', 'en', 'en/payment-methods.md'],
  ['Do you accept credit cards?', 'en', 'en/payment-methods.md'],
  ['can I return a sale item', 'en', 'en/returns-and-refunds.md'],
  ['where is my package', 'en', 'en/order-tracking.md'],
  ['what are your opening hours on Sunday', 'en', 'en/opening-hours-and-contact.md'],
  ['how do I wash batik', 'en', 'en/product-care-and-sizes.md'],
  ['do you ship to Singapore', 'en', 'en/shipping.md'],
  ['berapa lama pengiriman', 'id', 'id/pengiriman.md'],
  ['saya mau pengembalian barang', 'id', 'id/pengembalian-dan-refund.md'],
  ['barang saya rusak, bisa dikembalikan?', 'id', 'id/pengembalian-dan-refund.md'],
  ['saya ditagih dua kali', 'id', 'id/masalah-tagihan.md'],
  ['uang saya terpotong tapi pembayaran gagal', 'id', 'id/masalah-tagihan.md'],
  ['bisa bayar pakai kartu kredit?', 'id', 'id/metode-pembayaran.md'],
  ['apakah bisa COD', 'id', 'id/metode-pembayaran.md'],
  ['kak paket saya belum sampai', 'id', 'id/lacak-pesanan.md'],
  ['resi saya mana kak', 'id', 'id/lacak-pesanan.md'],
  ['jam buka toko', 'id', 'id/jam-buka-dan-kontak.md'],
  ['ukuran L lebar dadanya berapa', 'id', 'id/perawatan-dan-ukuran.md'],
  ['halo kak, mau tanya ongkir ke bali berapa ya', 'id', 'id/ongkos-kirim.md'],
];

const OUT_OF_SCOPE = [
  'what is the capital of France?',
  'can you write me a poem',
  'who won the world cup',
  'tell me a joke',
  'recommend a good laptop',
  'how do I reset my iphone',
  'siapa presiden indonesia',
  'tolong buatkan puisi',
  'resep nasi goreng',
  'berapa harga bitcoin hari ini',
  'how many days until christmas',
  'best hotel in yogyakarta',
];

describe('retrieve on the sample knowledge', () => {
  it.each(IN_SCOPE)('"%s" (%s) finds %s first', async (question, language, page) => {
    const result = await retrieve(index, question, { language });
    expect(result.relevant).toBe(true);
    expect(result.passages[0]?.metadata.source).toBe(page);
  });

  it.each(OUT_OF_SCOPE)('"%s" is not relevant', async (question) => {
    const result = await retrieve(index, question, { language: 'en' });
    expect(result.relevant).toBe(false);
    // What was looked at is still returned (the handoff note lists it).
    expect(result.passages.length).toBeLessThanOrEqual(4);
  });

  it.each(['can I pay with PayPal?', 'va bsi ada gk', 'bisa bayar pake kredivo?', 'kirim pake grab express bisa?'])(
    '"%s" names a bank, wallet or courier the knowledge never does: unanswerable, whatever the passages score',
    async (question) => {
      const result = await retrieve(index, question, { language: 'en' });
      expect(result).toMatchObject({ relevant: false, unanswerable: true });
    },
  );

  it('takes Gojek for GoSend, its delivery service, which the couriers section names', async () => {
    const result = await retrieve(index, 'bisa kirim pake gojek?', { language: 'id' });
    expect(result.relevant).toBe(true);
    expect(result.unanswerable).toBeUndefined();
    expect(result.passages[0]?.metadata.heading).toBe('Kurir dan ongkos kirim');
  });

  it('finds the Indonesian page for an English question when it is the only match (cross-language synonyms)', async () => {
    const result = await retrieve(index, 'pengembalian dana berapa lama', { language: 'id' });
    expect(result.relevant).toBe(true);
    expect(result.passages[0]?.metadata.source).toBe('id/pengembalian-dan-refund.md');
  });

  it("answers a city of the rate table with its row, and a city not in it with what the page says of other cities, never another city's row", async () => {
    const listed = await retrieve(index, 'ongkir ke mks brp ya', { language: 'id' });
    expect(listed.passages[0]?.text).toBe('Makassar — ongkos kirim per kg: Rp 38.000; lama pengiriman: 5–8 hari kerja');
    const unlisted = await retrieve(index, 'ongkir ke kupang brp', { language: 'id' });
    expect(unlisted.relevant).toBe(true);
    expect(unlisted.passages.map((passage) => passage.text.split(' — ')[0])).not.toContain('Solo');
    expect(unlisted.passages.every((passage) => !/^\p{Lu}[\p{L} ]+ — ongkos kirim per kg/u.test(passage.text))).toBe(true);
    expect(unlisted.passages.some((passage) => passage.text.includes('Untuk kota yang tidak ada di tabel'))).toBe(true);
  });

  it("answers a size of the size chart with its row, never another size's", async () => {
    const result = await retrieve(index, 'kalo L lingkar dada brp', { language: 'id' });
    expect(result.passages[0]?.text).toBe('L — lingkar dada: 108 cm; panjang badan: 72 cm');
    expect(result.passages.map((passage) => passage.text.split(' — ')[0])).not.toContain('XXL');
  });

  it('returns nothing for an empty question', async () => {
    expect(await retrieve(index, '   ')).toEqual({ passages: [], relevant: false, candidates: [] });
  });
});
