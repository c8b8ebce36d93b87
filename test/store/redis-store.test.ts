// The shared ConversationStore contract against the Redis store, on a real Redis (see test/helpers/redis.ts).
import { Redis } from 'ioredis';
import { describe, it } from 'vitest';
import { RedisConversationStore } from '../../src/redis/redis-store.js';
import { dropPrefix, redisForTests, TEST_REDIS_URL, testPrefix } from '../helpers/redis.js';
import { conversationStoreContract } from './conversation-store.shared.js';

if (await redisForTests('the Redis store contract')) {
  conversationStoreContract('redis', async () => {
    const prefix = testPrefix();
    const clients: Redis[] = [];
    const storeOn = async () => {
      const client = new Redis(TEST_REDIS_URL);
      clients.push(client);
      return new RedisConversationStore(client, prefix);
    };
    return {
      store: await storeOn(),
      reopen: storeOn,
      sibling: storeOn,
      cleanup: async () => {
        for (const client of clients) client.disconnect();
        await dropPrefix(prefix);
      },
    };
  });
} else {
  describe.skip('the Redis store contract (no Redis reachable)', () => it('runs against a real Redis'));
}
