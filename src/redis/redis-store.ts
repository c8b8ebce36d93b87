// The shared ConversationStore: one Redis hash per conversation (the record as JSON and a version), plus a set of
// the conversations with work. Every write is a compare-and-set on the version in one Lua script, which also keeps
// the set of active conversations in step, so no update is lost even if two replicas ever wrote at once (the
// per-conversation locks already keep them apart). Writes go to Redis at once: `defer` is not needed here, so
// durable() has nothing to wait for; how durable Redis itself is depends on its persistence settings (AOF).
import type { Redis } from 'ioredis';
import {
  type Change,
  type ConversationRecord,
  type ConversationStore,
  draftOf,
  emptyRecord,
  hasWork,
  pruneSeen,
} from '../store/types.js';

const WRITE = `
local version = redis.call('HGET', KEYS[1], 'v') or '0'
if version ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', tonumber(ARGV[1]) + 1, 'data', ARGV[2])
if ARGV[3] == '1' then redis.call('SADD', KEYS[2], ARGV[4]) else redis.call('SREM', KEYS[2], ARGV[4]) end
return 1`;

/** A conflict means another writer got in between: read again and redo the change on what it wrote. */
const MAX_CONFLICTS = 50;

export class RedisConversationStore implements ConversationStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  async update<T>(key: string, change: (draft: ConversationRecord) => Change<T>): Promise<T> {
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; conflicts++) {
      const { record, version } = await this.load(key);
      const draft = draftOf(record);
      const { value, changed } = change(draft);
      if (!changed) return value;
      const next = { ...draft, seen: pruneSeen(draft.seen, this.now()) };
      const written = await this.redis.eval(WRITE, 2, this.recordKey(key), this.activeKey, version, JSON.stringify(next), hasWork(next) ? '1' : '0', key);
      if (written === 1) return value;
    }
    throw new Error(`conversation ${key} kept changing under this write`);
  }

  async durable(): Promise<void> {}

  async read(key: string): Promise<ConversationRecord | undefined> {
    const { record } = await this.load(key);
    return record.state ? record : undefined;
  }

  async peek(key: string): Promise<ConversationRecord> {
    return (await this.load(key)).record;
  }

  activeKeys(): Promise<string[]> {
    return this.redis.smembers(this.activeKey);
  }

  /** The connection belongs to the backend, which closes it. */
  async close(): Promise<void> {}

  private async load(key: string): Promise<{ record: ConversationRecord; version: string }> {
    const [version, data] = await this.redis.hmget(this.recordKey(key), 'v', 'data');
    return { record: data ? (JSON.parse(data) as ConversationRecord) : emptyRecord(), version: version ?? '0' };
  }

  private recordKey(key: string): string {
    return `${this.prefix}:conv:${key}`;
  }

  private get activeKey(): string {
    return `${this.prefix}:active`;
  }
}
