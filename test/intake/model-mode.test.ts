// Model mode end to end: a webhook in, the real OpenAIEmbeddings and ChatOpenAI code against a fake
// OpenAI-compatible server, the model's reply out to the fake Chatwoot; and a failing model never means silence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { fixture } from '../helpers/fixtures.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const MESSAGES = '/api/v1/accounts/1/conversations/42/messages';
let openai: FakeOpenAI;
let h: Harness;

beforeAll(async () => {
  openai = await startFakeOpenAI({ responder: () => 'A second charge is usually a pending authorisation; it disappears within 1–3 working days.' });
  h = await startHarness({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.url, OPENAI_MODEL: 'fake-chat-1', OPENAI_EMBEDDING_MODEL: 'fake-embed-1' } });
});
afterAll(async () => {
  await h?.close();
  await openai?.close();
});

const replies = () => h.fake!.requests.filter((r) => r.method === 'POST' && r.path === MESSAGES).map((r) => (r.body as { content: string }).content);

describe('model mode through the engine', () => {
  it('indexes with the provider’s embeddings and replies with the model’s answer, as the bot', async () => {
    const embeddingCalls = openai.requests.filter((r) => r.path === '/v1/embeddings');
    expect(embeddingCalls.length).toBeGreaterThan(0);
    expect((embeddingCalls[0]!.body as { model: string }).model).toBe('fake-embed-1');

    await h.deliver(fixture('message_created.incoming_contact.json'));
    await h.settle();
    expect(replies()).toEqual(['A second charge is usually a pending authorisation; it disappears within 1–3 working days.']);
    const chat = openai.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(chat).toHaveLength(1);
    const body = chat[0]!.body as { model: string; messages: Array<{ role: string; content: string }> };
    expect(body.model).toBe('fake-chat-1');
    expect(body.messages[0]!.role).toBe('system');
    expect(body.messages.at(-1)!.content).toContain('Hi, I was charged twice for my April invoice.');
    expect(chat[0]!.headers.authorization).toBe('Bearer sk-test');
  });

  it('answers from the offline extractive answerer when the model fails', async () => {
    openai.failNext('status500', 5, 'chat');
    await h.deliver({ ...fixture('message_created.incoming_contact.json'), id: 7001, content: 'How long does delivery to Surabaya take?' });
    await h.settle(20_000);
    const last = replies().at(-1)!;
    expect(last).toContain('Surabaya');
    expect(last).not.toContain('pending authorisation');
  });
});
