// Redis goes away: a webhook that cannot be stored is answered 500 (so Chatwoot retries it) instead of 200 and lost,
// and once Redis is back the retried delivery is accepted and answered.
import { afterEach, describe, expect, it } from 'vitest';
import { fixedAnswerer } from '../helpers/answerers.js';
import { fixture } from '../helpers/fixtures.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { type RedisServer, startRedisServer } from '../helpers/redis-server.js';

const incoming = fixture('message_created.incoming_contact.json');
let redis: RedisServer | undefined = await startRedisServer();
if (!redis) {
  if (process.env.CI === 'true') throw new Error('redis-server is not installed; CI must run the Redis suites');
  console.warn('SKIPPED Redis outage: redis-server is not installed');
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close().catch(() => undefined);
  await redis?.stop();
});

describe.skipIf(!redis)('Redis down', () => {
  it('answers 500 while Redis is unreachable, and accepts and answers the retried delivery once it is back', async () => {
    h = await startHarness({
      answerer: fixedAnswerer(),
      env: { ADMIN_TOKEN: 'redis-down-admin-token-00', REDIS_URL: redis!.url, REDIS_PREFIX: 'outage' },
    });
    const port = redis!.port;
    await redis!.stop();
    const refused = await h.deliver(incoming, { deliveryId: 'b1b2c3d4-0000-4000-8000-000000000001' });
    expect(refused.status).toBe(500);
    expect(refused.body).toEqual({ error: { code: 'store_failed', message: 'the event could not be stored; retry later' } });

    redis = await startRedisServer(port);
    // Chatwoot's retry of the same delivery.
    const deadline = Date.now() + 20_000;
    let retried = await h.deliver(incoming, { deliveryId: 'b1b2c3d4-0000-4000-8000-000000000001' });
    while (retried.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      retried = await h.deliver(incoming, { deliveryId: 'b1b2c3d4-0000-4000-8000-000000000001' });
    }
    expect(retried.body).toEqual({ result: 'accepted' });
    await h.fake!.waitFor((requests) => requests.some((r) => r.method === 'POST' && r.path.endsWith('/conversations/42/messages')), 20_000);
    expect(h.fake!.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot')).toHaveLength(1);
  }, 60_000);
});
