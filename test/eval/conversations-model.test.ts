// The conversation eval in model mode against the fake OpenAI-compatible server: what the model is asked, turn by
// turn. Small talk reaches the model with the small-talk prompt (no passages, no knowledge gate); a question reaches it
// with the retrieved rows; a follow-up is first condensed from the history (history-aware retrieval), and the answer
// prompt carries the condensed question and the rows it found.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddings } from '../../src/knowledge/embeddings.js';
import { evaluateConversations } from '../../src/eval/conversation-eval.js';
import { parseConversations } from '../../src/eval/conversation-set.js';
import { answerFromPassages, type ChatMessage, type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';

const KNOWLEDGE = fileURLToPath(new URL('../../knowledge/', import.meta.url));
let fake: FakeOpenAI;
let dir: string;

/** An LLM's condensing, for the follow-ups of this test: the question written out in full. */
const CONDENSED: Record<string, string> = { 'kalau ke medan?': 'Berapa ongkir ke Medan?', 'and to Medan?': 'How much is shipping to Medan?' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jawab-model-conv-'));
  fake = await startFakeOpenAI({
    responder: (messages) => {
      const system = messages[0]?.content ?? '';
      const user = messages.at(-1)?.content ?? '';
      if (system.includes('standalone questions')) {
        const asked = /<customer_messages>\n?([\s\S]*?)\n?<\/customer_messages>/.exec(user)?.[1]?.trim() ?? '';
        return CONDENSED[asked] ?? asked;
      }
      return answerFromPassages(messages, {});
    },
  });
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const chats = (): ChatMessage[][] =>
  fake.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => (r.body as { messages: ChatMessage[] }).messages);

describe('conversations in model mode', () => {
  it('sends small talk to the model, and questions with the condensed question and the retrieved rows', async () => {
    const set = parseConversations(
      [
        { id: 'id', turns: [{ say: 'halo kak', expect: 'smalltalk' }, { say: 'brp ongkir ke sby kak?', expect: 'answer', facts: ['19.000'] }, { say: 'kalau ke medan?', expect: 'answer', facts: ['35.000'] }] },
        { id: 'en', turns: [{ say: 'How much is shipping to Surabaya?', expect: 'answer', facts: ['19.000'] }, { say: 'and to Medan?', expect: 'answer', facts: ['35.000'] }, { say: 'thanks!', expect: 'smalltalk' }] },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
      'inline',
    );
    const choice = createEmbeddings({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, OPENAI_EMBEDDING_MODEL: 'fake-embed-1' });
    const report = await evaluateConversations(set, {
      knowledgeDir: KNOWLEDGE,
      model: { chat: { apiKey: 'sk-test', baseURL: fake.url, model: 'fake-chat-1', timeoutMs: 5_000 }, embeddings: choice.embeddings, embeddingsId: choice.id },
    });
    expect(report.failures).toEqual([]);

    const calls = chats();
    const kind = (messages: ChatMessage[]): string =>
      messages[0]!.content.includes('making small talk') ? 'small talk' : messages[0]!.content.includes('standalone questions') ? 'condense' : 'answer';
    // id: greeting, question, follow-up; en: question, follow-up, thanks. Once the customer has said anything, every
    // question is condensed from the conversation before it is searched.
    expect(calls.map(kind)).toEqual(['small talk', 'condense', 'answer', 'condense', 'answer', 'answer', 'condense', 'answer', 'small talk']);

    const [greeting, , firstAnswer, condense, followUp] = calls;
    expect(greeting![1]!.content).toContain('<customer_messages>\nhalo kak\n</customer_messages>');
    expect(greeting![1]!.content).not.toContain('<passages>');
    expect(firstAnswer![1]!.content).toContain('Surabaya — ongkos kirim per kg: Rp 19.000; lama pengiriman: 2–3 hari kerja');
    expect(condense![1]!.content).toContain('Customer: brp ongkir ke sby kak?');
    expect(condense![1]!.content).toContain('<customer_messages>\nkalau ke medan?\n</customer_messages>');
    expect(followUp![1]!.content).toContain('<questions>\n- Berapa ongkir ke Medan?\n</questions>');
    expect(followUp![1]!.content).toMatch(/<passage id="1" [^>]*>\nMedan — ongkos kirim per kg: Rp 35\.000; lama pengiriman: 3–5 hari kerja\n<\/passage>/);
  }, 60_000);

  it('gives the model a total worked out from the catalog first, beside the products it came from', async () => {
    const before = chats().length;
    const set = parseConversations(JSON.stringify({ id: 'total', turns: [{ say: 'kalau beli 2 kemeja parang sama 1 dress kawung totalnya brp?', expect: 'answer', facts: ['2 × Kemeja Batik Parang Slim Fit @ Rp'] }] }), 'inline');
    const choice = createEmbeddings({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, OPENAI_EMBEDDING_MODEL: 'fake-embed-1' });
    const report = await evaluateConversations(set, {
      knowledgeDir: KNOWLEDGE,
      model: { chat: { apiKey: 'sk-test', baseURL: fake.url, model: 'fake-chat-1', timeoutMs: 5_000 }, embeddings: choice.embeddings, embeddingsId: choice.id },
    });
    // The fake model quotes the first line of the first passage: the worked-out total's.
    expect(report.failures).toEqual([]);
    const answer = chats().slice(before).at(-1)!;
    // Intl's no-break space between "Rp" and the amount, as the catalog's own prices are written.
    const prompt = answer[1]!.content.replace(/\u00a0/g, ' ');
    expect(prompt).toMatch(/<passage id="1" [^>]*>\n2 × Kemeja Batik Parang Slim Fit @ Rp 289\.000 = Rp 578\.000\n1 × Dress Batik Kawung @ Rp 329\.000 = Rp 329\.000\nTotal Rp 907\.000 dengan harga katalog, belum termasuk ongkos kirim\.\n<\/passage>/);
    expect(prompt).toMatch(/<passage id="2" [^>]*>\nKemeja Batik Parang Slim Fit: /);
  }, 60_000);
});
