import { describe, expect, it } from 'vitest';
import { OfflineEmbeddings } from '../../src/knowledge/offline-embeddings.js';
import { stemVariants } from '../../src/knowledge/text.js';

const cosine = (a: number[], b: number[]): number => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

describe('OfflineEmbeddings', () => {
  const embeddings = new OfflineEmbeddings();

  it('has a stable id that names the feature version and size', () => {
    expect(embeddings.id).toBe('offline-hash-v2-dim1024');
    expect(new OfflineEmbeddings({ dimensions: 512 }).id).toBe('offline-hash-v2-dim512');
  });

  it('is deterministic and unit length', async () => {
    const [a, b] = await embeddings.embedDocuments(['Refunds are paid within 3–7 working days.', 'Refunds are paid within 3–7 working days.']);
    expect(a).toEqual(b);
    expect(a).toHaveLength(1024);
    expect(cosine(a!, a!)).toBeCloseTo(1, 6);
    expect(await embeddings.embedQuery('Refunds are paid within 3–7 working days.')).toEqual(a);
  });

  it('puts similar texts closer than unrelated ones', async () => {
    const [shipping, shippingParaphrase, poem] = await embeddings.embedDocuments([
      'Delivery to Surabaya takes 2–3 working days with JNE.',
      'How long does shipping to Surabaya take?',
      'Roses are red, violets are blue, write me a poem.',
    ]);
    expect(cosine(shipping!, shippingParaphrase!)).toBeGreaterThan(cosine(shipping!, poem!) + 0.2);
  });

  it('drops stopwords: a text of only stopwords is the zero vector', async () => {
    const vector = await embeddings.embedQuery('the of and yang dan di');
    expect(vector.every((value) => value === 0)).toBe(true);
  });

  it('shares features between Indonesian affix forms of one root', () => {
    expect(stemVariants('pengembalian')).toContain('kembali');
    expect(stemVariants('kembalikan')).toContain('kembali');
    expect(stemVariants('pengiriman')).toContain('kirim');
    expect(stemVariants('dikirim')).toContain('kirim');
    expect(stemVariants('pembayaran')).toContain('bayar');
    expect(stemVariants('membayar')).toContain('bayar');
    const [pengembalian, kembalikan, unrelated] = [
      embeddings.embed('pengembalian'),
      embeddings.embed('kembalikan'),
      embeddings.embed('kemeja'),
    ];
    expect(cosine(pengembalian, kembalikan)).toBeGreaterThan(0.5);
    expect(cosine(pengembalian, unrelated)).toBeLessThan(0.3);
  });

  it('relates synonyms across English and Indonesian', () => {
    expect(cosine(embeddings.embed('where is my package'), embeddings.embed('paket saya di mana'))).toBeGreaterThan(0.3);
  });

  it('is fast: well over 2,000 chunks per second', async () => {
    const chunk = 'Setelah barang sampai di workshop kami, barang diperiksa dalam 2 hari kerja. Dana dikembalikan ke metode pembayaran awal dalam 3–7 hari kerja. Refund untuk pesanan COD dikirim melalui transfer bank ke rekening yang Anda berikan. Once the returned item reaches our workshop we check it within 2 working days. The refund is then paid to the original payment method within 3–7 working days.';
    const texts = Array.from({ length: 2000 }, (_, i) => `${chunk} ${i}`);
    const started = performance.now();
    await embeddings.embedDocuments(texts);
    const seconds = (performance.now() - started) / 1000;
    expect(texts.length / seconds).toBeGreaterThan(2000);
  });
});
