import { describe, expect, it } from 'vitest';
import { OfflineEmbeddings } from '../../src/knowledge/offline-embeddings.js';
import { stemVariants } from '../../src/knowledge/text.js';

const cosine = (a: number[], b: number[]): number => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

describe('OfflineEmbeddings', () => {
  const embeddings = new OfflineEmbeddings();

  it('has a stable id that names the feature version and size', () => {
    expect(embeddings.id).toBe('offline-hash-v4-dim384');
    expect(new OfflineEmbeddings({ dimensions: 512 }).id).toBe('offline-hash-v4-dim512');
  });

  it('is deterministic and unit length', async () => {
    const [a, b] = await embeddings.embedDocuments(['Refunds are paid within 3–7 working days.', 'Refunds are paid within 3–7 working days.']);
    expect(a).toEqual(b);
    expect(a).toHaveLength(384);
    expect(cosine(a!, a!)).toBeCloseTo(1, 6);
    expect(await embeddings.embedQuery('Refunds are paid within 3–7 working days.')).toEqual(a);
  });

  it('gives the same vector whether the tokens come from its cache or not', () => {
    const warmed = new OfflineEmbeddings();
    const text = 'Pengembalian dana diproses dalam 3 hari kerja; refunds reach your card in 3–7 days.';
    warmed.embed('pengembalian dana refunds card hari kerja');
    expect(warmed.embed(text)).toEqual(new OfflineEmbeddings().embed(text));
  });

  it('spreads each feature over two buckets with their own signs', () => {
    // One content word with a single stem and no concept: 1 word feature and its n-grams, each twice.
    const vector = new OfflineEmbeddings({ dimensions: 4096 }).embed('zzyzx');
    const used = vector.filter((value) => value !== 0);
    // "<zzyzx>" has 5 + 4 + 3 = 12 n-grams; with the word that is 13 features, 26 buckets unless two collide.
    expect(used.length).toBeGreaterThanOrEqual(24);
    expect(used.length).toBeLessThanOrEqual(26);
    expect(used.some((value) => value < 0)).toBe(true);
    expect(used.some((value) => value > 0)).toBe(true);
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
});
