// The engine's guarantees with every port on Redis, in one process against the fake Chatwoot: the same flows the
// embedded tests check (duplicates, the reply delay, durable retries, unclear outcomes) through the Redis backend.
import { afterEach, describe, expect, it } from 'vitest';
import { fixedAnswerer } from '../helpers/answerers.js';
import { fixture } from '../helpers/fixtures.js';
import { calls, type Harness, startHarness } from '../helpers/harness.js';
import { dropPrefix, redisForTests, TEST_REDIS_URL, testPrefix } from '../helpers/redis.js';

const runs = await redisForTests('the engine on Redis');

const incoming = fixture('message_created.incoming_contact.json');
const MESSAGES = '/api/v1/accounts/1/conversations/42/messages';
const fixed = fixedAnswerer('Fixed answer.');

let h: Harness | undefined;
let prefix: string | undefined;

async function start(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  prefix = testPrefix();
  h = await startHarness({ answerer: fixed, ...options, env: { ADMIN_TOKEN: 'redis-engine-admin-token', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix } });
  return h;
}

const botMessages = () => h!.fake!.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot');
const posts = () => h!.fake!.requests.filter((r) => r.method === 'POST' && r.path === MESSAGES);

afterEach(async () => {
  await h?.close();
  h = undefined;
  if (prefix) await dropPrefix(prefix);
});

describe.skipIf(!runs)('the engine on Redis', () => {
  it('replies once when five copies of a delivery arrive at the same time', async () => {
    await start();
    const responses = await Promise.all(Array.from({ length: 5 }, () => h!.deliver(incoming, { deliveryId: 'a1b2c3d4-0000-4000-8000-00000000000a' })));
    expect(responses.map((r) => r.body.result).sort()).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    await h!.settle();
    expect(calls(h!.fake!)).toEqual([`POST ${MESSAGES} bot`]);
    expect((await h!.jawab.store.read('3-42'))!.state!.lastAnswer!.text).toBe('Hi! Fixed answer.');
  });

  it('answers a burst within the reply delay once, when the delayed job fires', async () => {
    await start({ profile: { replyDelaySeconds: 1 } });
    await h!.deliver({ ...incoming, id: 3001, content: 'Halo kak' });
    await h!.deliver({ ...incoming, id: 3002, content: 'berapa lama pengiriman?' });
    expect(h!.fake!.requests).toEqual([]);
    await h!.settle();
    expect(calls(h!.fake!)).toEqual([`POST ${MESSAGES} bot`]);
    expect((await h!.jawab.store.read('3-42'))!.state!.transcript.map((l) => l.role)).toEqual(['customer', 'customer', 'bot']);
  });

  it('retries 500s from the durable outbox on a delayed job and sends once', async () => {
    await start();
    h!.fake!.inject({ method: 'POST', path: MESSAGES }, { kind: 'status', status: 500 }, 5);
    await h!.deliver(incoming);
    await h!.settle(20_000);
    expect(posts().map((r) => r.status)).toEqual([500, 500, 500, 500, 500, 200]);
    expect(botMessages()).toHaveLength(1);
  });

  it('looks a reply up instead of sending it again when the connection dropped after Chatwoot created it', async () => {
    await start();
    h!.fake!.inject({ method: 'POST', path: MESSAGES }, { kind: 'drop', when: 'after' });
    await h!.deliver(incoming);
    await h!.settle();
    expect(posts()).toHaveLength(1);
    expect(botMessages()).toHaveLength(1);
    expect(h!.fake!.requests.some((r) => r.method === 'GET' && r.path === MESSAGES)).toBe(true);
    expect(await h!.jawab.store.activeKeys()).toEqual([]);
  });
});
