// Model mode end to end: a webhook in, the real OpenAIEmbeddings and ChatOpenAI code against a fake
// OpenAI-compatible server, the model's reply out to the fake Chatwoot; and a failing model never means silence.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { fixture } from '../helpers/fixtures.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const MESSAGES = '/api/v1/accounts/1/conversations/42/messages';
let openai: FakeOpenAI;
let h: Harness;
const logLines: string[] = [];

beforeAll(async () => {
  openai = await startFakeOpenAI({ responder: () => 'A second charge is usually a pending authorisation; it disappears within 1–3 working days.' });
  h = await startHarness({
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.url, OPENAI_MODEL: 'fake-chat-1', OPENAI_EMBEDDING_MODEL: 'fake-embed-1', OPENAI_TIMEOUT_MS: '1500' },
    log: createLogger('warn', (line) => logLines.push(line)),
  });
});
afterAll(async () => {
  await h?.close();
  await openai?.close();
});

const replies = () => h.fake!.requests.filter((r) => r.method === 'POST' && r.path === MESSAGES).map((r) => (r.body as { content: string }).content);

/** jawab_model_failures_total by failure, from GET /metrics. */
async function modelFailures(): Promise<Record<string, number>> {
  const text = (await request(h.jawab.http).get('/metrics')).text;
  return Object.fromEntries([...text.matchAll(/^jawab_model_failures_total\{failure="(\w+)"\} (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
}

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
    // A model that is down fails every call: the condensing of the follow-up and the answer, each with its one retry.
    openai.failNext('status500', 4, 'chat');
    await h.deliver({ ...fixture('message_created.incoming_contact.json'), id: 7001, content: 'How long does delivery to Surabaya take?' });
    await h.settle(20_000);
    const last = replies().at(-1)!;
    expect(last).toContain('Surabaya');
    expect(last).not.toContain('pending authorisation');
    expect(await modelFailures()).toEqual({ error: 2 });
    expect(logLines.filter((l) => l.includes('the model call failed'))).toHaveLength(1);
    expect(logLines.filter((l) => l.includes('the model could not condense the question'))).toHaveLength(1);
  });

  it('answers offline when the model does not answer in time, and counts and logs the timeout', async () => {
    openai.failNext('timeout', 4, 'chat'); // condensing and answering, each with its one retry
    await h.deliver({ ...fixture('message_created.incoming_contact.json'), id: 7002, content: 'Berapa lama pengiriman ke Bali?' });
    await h.settle(20_000);
    expect(replies().at(-1)).toContain('Bali');
    expect(await modelFailures()).toEqual({ error: 2, timeout: 2 });
    const logged = logLines.filter((l) => l.includes('the model call failed')).map((l) => JSON.parse(l) as { failure: string });
    expect(logged.map((l) => l.failure)).toEqual(['error', 'timeout']);
  });
});
