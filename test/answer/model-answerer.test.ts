// Model mode through the real ChatOpenAI and OpenAIEmbeddings code paths, against the fake server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenAIEmbeddings } from '@langchain/openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answer/answerer.js';
import { createChatModel } from '../../src/answer/model-answerer.js';
import type { AnswerRequest } from '../../src/answer/types.js';
import { personaSchema } from '../../src/config/settings.js';
import { createEmbeddings } from '../../src/knowledge/embeddings.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { OfflineEmbeddings } from '../../src/knowledge/offline-embeddings.js';
import type { ChatMessage, FakeOpenAI } from '../fakes/fake-openai.js';
import { answerFromPassages, startFakeOpenAI } from '../fakes/fake-openai.js';
import { SAMPLE_KNOWLEDGE_DIR } from '../knowledge/sample-index.js';

let fake: FakeOpenAI;
let dataDir: string;
let index: KnowledgeIndex;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  dataDir = await mkdtemp(join(tmpdir(), 'jawab-model-'));
  const choice = createEmbeddings({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.url, OPENAI_EMBEDDING_MODEL: 'fake-embed-1' });
  expect(choice.mode).toBe('openai');
  expect(choice.id).toMatch(/^openai-fake-embed-1@127\.0\.0\.1:\d+$/);
  index = await KnowledgeIndex.open({ dataDir, embeddings: choice.embeddings, embeddingsId: choice.id });
  await index.sync(SAMPLE_KNOWLEDGE_DIR);
});
afterAll(async () => {
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.setResponder(answerFromPassages);
  fake.requests.length = 0;
});

const persona = personaSchema.parse({
  name: 'Sekar',
  role: 'You are the assistant of Toko Batik Sekar. Address $contact.firstname politely.',
  replyLength: 'short',
  dontMention: ['Project Kawung'],
});
const chat = { apiKey: 'test-key', baseURL: '', model: 'fake-chat-model', timeoutMs: 2_000 };
const answerer = () => createAnswerer({ index, chat: { ...chat, baseURL: fake.url } });
const request = (messages: string[]): AnswerRequest => ({
  messages,
  history: [{ role: 'bot', text: 'Halo! Ada yang bisa dibantu?' }],
  language: 'en',
  persona,
  contact: { name: 'Budi Santoso' },
});
const chatRequests = () => fake.requests.filter((recorded) => recorded.path === '/v1/chat/completions');
const messagesOf = (body: unknown): ChatMessage[] => (body as { messages: ChatMessage[] }).messages;

describe('model mode against the fake OpenAI server', () => {
  it('embedded the knowledge through /v1/embeddings (base64, the SDK default)', async () => {
    const [hit] = await index.search('I was charged twice', 1);
    expect(hit?.metadata.source).toBe('en/billing-problems.md');
    const embeddingRequest = fake.requests.find((recorded) => recorded.path === '/v1/embeddings');
    expect(embeddingRequest?.body).toMatchObject({ model: 'fake-embed-1', encoding_format: 'base64' });
  });

  it('sends the persona in the system message and the passages in the human message', async () => {
    const result = await answerer().answer(request(['Hi, I was charged twice for my April invoice.']));
    expect(result).toMatchObject({ kind: 'answer', mode: 'model' });
    if (result.kind !== 'answer') return;
    expect(result.sources[0]?.source).toBe('en/billing-problems.md');

    const calls = chatRequests();
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.headers.authorization).toBe('Bearer test-key');
    expect(call.body).toMatchObject({ model: 'fake-chat-model', temperature: 0.2 });
    const [system, human, ...rest] = messagesOf(call.body);
    expect(rest).toEqual([]);
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('You are Sekar');
    expect(system?.content).toContain('Address Budi politely.');
    expect(system?.content).toContain('- Project Kawung');
    expect(system?.content).toContain('NO_ANSWER');
    expect(system?.content).not.toContain('pending authorisation');
    expect(human?.role).toBe('user');
    expect(human?.content).toContain('<passages>');
    expect(human?.content).toContain('source="en/billing-problems.md"');
    expect(human?.content).toContain('Hi, I was charged twice for my April invoice.');
    // The default responder answers with the first sentence of the first passage.
    expect(result.text).toBe(answerFromPassages(messagesOf(call.body), {}));
  });

  it('turns NO_ANSWER into no_answer with what was tried', async () => {
    fake.setResponder(() => 'NO_ANSWER');
    const result = await answerer().answer(request(['Do you sell batik for weddings in bulk?', 'batik tulis price']));
    expect(result.kind).toBe('no_answer');
    expect(result.mode).toBe('model');
    if (result.kind === 'no_answer') expect(result.tried.length).toBeGreaterThan(0);
  });

  it('does not call the model when nothing relevant is found', async () => {
    const result = await answerer().answer(request(['what is the capital of France?']));
    expect(result).toMatchObject({ kind: 'no_answer', mode: 'model' });
    expect(chatRequests()).toHaveLength(0);
  });

  it('falls back to the offline answer on a 500 (after the one retry)', async () => {
    fake.failNext('status500', 2);
    const result = await answerer().answer(request(['Hi, I was charged twice for my April invoice.']));
    expect(result).toMatchObject({ kind: 'answer', mode: 'offline' });
    if (result.kind === 'answer') expect(result.text).toMatch(/pending authorisation/);
    expect(chatRequests()).toHaveLength(2);
  });

  it('falls back to the offline answer on a timeout', async () => {
    fake.failNext('timeout', 2);
    const quick = createAnswerer({ index, chat: { ...chat, baseURL: fake.url, timeoutMs: 300 } });
    const result = await quick.answer(request(['how long does shipping to Surabaya take']));
    expect(result).toMatchObject({ kind: 'answer', mode: 'offline' });
    if (result.kind === 'answer') expect(result.text).toContain('Surabaya');
  });

  it('falls back to the offline answer when the model mentions a forbidden item', async () => {
    fake.setResponder(() => 'Good news: Project Kawung will refund you.');
    const result = await answerer().answer(request(['Hi, I was charged twice for my April invoice.']));
    expect(result).toMatchObject({ kind: 'answer', mode: 'offline' });
    if (result.kind === 'answer') expect(result.text).not.toContain('Project Kawung');
  });

  it('streams when asked (SSE)', async () => {
    fake.setResponder(() => 'Refunds take 3 to 7 working days.');
    const model = createChatModel({ ...chat, baseURL: fake.url });
    let text = '';
    for await (const chunk of await model.stream('hello')) text += String(chunk.content);
    expect(text).toBe('Refunds take 3 to 7 working days.');
    expect(chatRequests()[0]?.body).toMatchObject({ stream: true });
  });

  it('serves float embeddings when asked, equal to the offline vectors', async () => {
    const embeddings = new OpenAIEmbeddings({ apiKey: 'test-key', model: 'fake-embed-1', encodingFormat: 'float', configuration: { baseURL: fake.url } });
    const [vector] = await embeddings.embedDocuments(['Refunds take 3 to 7 working days.']);
    const expected = new OfflineEmbeddings().embed('Refunds take 3 to 7 working days.');
    expect(vector).toHaveLength(expected.length);
    vector!.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 6));
  });
});
