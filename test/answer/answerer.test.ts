// The answerer in offline mode over the sample knowledge (no model configured).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answer/answerer.js';
import type { AnswerRequest } from '../../src/answer/types.js';
import { personaSchema, REPLY_LENGTHS } from '../../src/config/settings.js';
import type { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import type { SearchableIndex } from '../../src/knowledge/types.js';
import { openSampleIndex } from '../knowledge/sample-index.js';

let index: KnowledgeIndex;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ index, cleanup } = await openSampleIndex());
});
afterAll(async () => cleanup());

const request = (messages: string[], overrides: Partial<AnswerRequest> = {}): AnswerRequest => ({
  messages,
  history: [],
  language: 'en',
  persona: personaSchema.parse({ replyLength: 'medium' }),
  contact: {},
  ...overrides,
});

describe('createAnswerer (offline)', () => {
  it('answers an in-scope question from the knowledge, with its sources', async () => {
    const result = await createAnswerer({ index }).answer(request(['Hi, I was charged twice for my April invoice.']));
    expect(result.kind).toBe('answer');
    if (result.kind !== 'answer') return;
    expect(result.mode).toBe('offline');
    expect(result.text).toMatch(/pending authorisation/);
    expect(result.text.length).toBeLessThanOrEqual(REPLY_LENGTHS.medium.max);
    expect(result.sources[0]).toMatchObject({ source: 'en/billing-problems.md', title: 'Billing problems and duplicate charges' });
    expect(result.sources[0]?.score).toBeGreaterThan(0);
    expect(result.sources[0]?.score).toBeLessThanOrEqual(1);
  });

  it('answers in Indonesian from the Indonesian page', async () => {
    const result = await createAnswerer({ index }).answer(request(['halo kak', 'saya mau pengembalian barang'], { language: 'id' }));
    expect(result.kind).toBe('answer');
    if (result.kind !== 'answer') return;
    expect(result.sources.every((source) => source.source.startsWith('id/'))).toBe(true);
  });

  it('says no_answer, with what it tried, for an out-of-scope question', async () => {
    const result = await createAnswerer({ index }).answer(request(['what is the capital of France?']));
    expect(result).toMatchObject({ kind: 'no_answer', mode: 'offline' });
    if (result.kind === 'no_answer') expect(result.tried.length).toBeGreaterThan(0);
  });

  it('reads an elliptical follow-up against the topic, and a new question alone', async () => {
    const answerer = createAnswerer({ index });
    const first = await answerer.answer(request(['brp ongkir ke sby kak?'], { language: 'id' }));
    expect(first).toMatchObject({ kind: 'answer', text: 'Surabaya — ongkos kirim per kg: Rp 19.000; lama pengiriman: 2–3 hari kerja.' });
    if (first.kind !== 'answer') return;
    expect(first.topic).toMatchObject({ section: 'id/ongkos-kirim.md#' });
    const history = [
      { role: 'customer' as const, text: 'brp ongkir ke sby kak?' },
      { role: 'bot' as const, text: first.text },
    ];
    const followUp = await answerer.answer(request(['kalau ke medan?'], { language: 'id', history, ...(first.topic ? { topic: first.topic } : {}) }));
    expect(followUp).toMatchObject({ kind: 'answer', text: 'Medan — ongkos kirim per kg: Rp 35.000; lama pengiriman: 3–5 hari kerja.' });
    const another = await answerer.answer(request(['Nomor WA admin berapa?'], { language: 'id', history, ...(first.topic ? { topic: first.topic } : {}) }));
    expect(another).toMatchObject({ kind: 'answer', text: 'WhatsApp: +62 812-3456-7890.' });
  });

  it('answers each question of a burst, and says which it could not', async () => {
    const result = await createAnswerer({ index }).answer(request(['bisa cod?', 'what is the capital of France?'], { language: 'id' }));
    expect(result).toMatchObject({ kind: 'answer', unanswered: ['what is the capital of France?'] });
    if (result.kind === 'answer') expect(result.text).toContain('COD tersedia di Pulau Jawa');
  });

  it("applies the profile's synonyms before searching", async () => {
    const without = await createAnswerer({ index }).answer(request(['ongkir ke kota pahlawan?'], { language: 'id' }));
    expect(without.kind === 'answer' ? without.text : '').not.toContain('Surabaya');
    const withSynonym = await createAnswerer({ index }).answer(request(['ongkir ke kota pahlawan?'], { language: 'id', synonyms: [{ term: 'kota pahlawan', means: 'Surabaya' }] }));
    expect(withSynonym).toMatchObject({ kind: 'answer', text: 'Surabaya — ongkos kirim per kg: Rp 19.000; lama pengiriman: 2–3 hari kerja.' });
  });

  it('never throws when the index fails', async () => {
    const broken: SearchableIndex = { search: () => Promise.reject(new Error('disk gone')) };
    expect(await createAnswerer({ index: broken }).answer(request(['where is my parcel']))).toEqual({ kind: 'no_answer', tried: [], mode: 'offline', unanswered: ['where is my parcel'] });
  });
});
