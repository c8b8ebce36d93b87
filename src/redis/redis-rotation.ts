// Round robin shared by every replica: the last agent picked per rotation in one Redis hash, and each pick made under
// a Redis lock of its rotation, so two replicas handing over at the same moment take the next agent in turn instead
// of the same one.
import type { Redis } from 'ioredis';
import type { ConversationLocks } from '../store/ports.js';
import type { RotationCursors } from '../store/rotation-store.js';

export class RedisRotation implements RotationCursors {
  constructor(
    private readonly redis: Redis,
    private readonly locks: ConversationLocks,
    private readonly prefix: string,
  ) {}

  next(key: string, pick: (lastId: number | undefined) => Promise<number | undefined>): Promise<number | undefined> {
    return this.locks.run(`rotation-${key}`, async () => {
      const last = await this.redis.hget(this.hash, key);
      const picked = await pick(last === null ? undefined : Number(last));
      if (picked !== undefined) await this.redis.hset(this.hash, key, String(picked));
      return picked;
    });
  }

  private get hash(): string {
    return `${this.prefix}:rotation`;
  }
}
