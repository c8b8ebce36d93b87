// The answerer in offline mode over the sample knowledge (no model configured).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, searchQuery } from '../../src/answer/answerer.js';
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

  it('uses the previous line as context for a very short follow-up', async () => {
    const history = [{ role: 'customer' as const, text: 'How long does shipping to Surabaya take?' }];
    expect(searchQuery({ messages: ['and Bali?'], history })).toBe('How long does shipping to Surabaya take?\nand Bali?');
    expect(searchQuery({ messages: ['thanks!'], history })).toBe('thanks!');
    expect(searchQuery({ messages: ['Do you ship to Singapore with EMS?'], history })).toBe('Do you ship to Singapore with EMS?');
    const result = await createAnswerer({ index }).answer(request(['and Bali?'], { history }));
    expect(result.kind).toBe('answer');
    if (result.kind === 'answer') expect(result.sources[0]?.source).toBe('en/shipping.md');
  });

  it('never throws when the index fails', async () => {
    const broken: SearchableIndex = { search: () => Promise.reject(new Error('disk gone')) };
    expect(await createAnswerer({ index: broken }).answer(request(['where is my parcel']))).toEqual({ kind: 'no_answer', tried: [], mode: 'offline' });
  });
});
