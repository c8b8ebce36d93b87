// The shared ConversationStore: one Redis hash per conversation (the record as JSON and a version), plus a set of
// the conversations with work. Every write is a compare-and-set on the version in one Lua script, which also keeps
// the set of active conversations in step, so no update is lost even if two replicas ever wrote at once (the
// per-conversation locks already keep them apart). Writes go to Redis at once: `defer` is not needed here, so
// durable() has nothing to wait for; how durable Redis itself is depends on its persistence settings (AOF).
// Retention (RETENTION_DAYS) is a TTL on the hash, set again by every write: Redis removes a conversation idle for
// the window on its own, at the same moment for every replica. A conversation retention keeps (work left, or stopped
// by a person) has no TTL; a write that leaves it without work gives it one again.
import type { Redis } from 'ioredis';
import {
  type Change,
  type ConversationRecord,
  type ConversationStore,
  draftOf,
  emptyRecord,
  DAY_MS,
  DEFAULT_RETENTION_DAYS,
  hasWork,
  keptForever,
  pruneSeen,
  type Quarantined,
  recordAfterLoss,
} from '../store/types.js';
import { parseRecord, UnreadableRecord } from '../store/stored-record.js';

const WRITE = `
local version = redis.call('HGET', KEYS[1], 'v') or '0'
if version ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', tonumber(ARGV[1]) + 1, 'data', ARGV[2])
if ARGV[3] == '1' then redis.call('SADD', KEYS[2], ARGV[4]) else redis.call('SREM', KEYS[2], ARGV[4]) end
if ARGV[5] == '0' then redis.call('PERSIST', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
return 1`;

// A record that cannot be read goes to a key of its own (kept for a person to look at, without the TTL it had), and
// a fresh one takes its place with the retention TTL, unless it changed meanwhile.
const QUARANTINE = `
local version = redis.call('HGET', KEYS[1], 'v') or '0'
if version ~= ARGV[1] then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('PERSIST', KEYS[2])
redis.call('HSET', KEYS[1], 'v', tonumber(ARGV[1]) + 1, 'data', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

/** A conflict means another writer got in between: read again and redo the change on what it wrote. */
const MAX_CONFLICTS = 50;

/** Conversations whose trusted version is remembered (the most recently used). */
const TRUSTED_KEPT = 10_000;

export class RedisConversationStore implements ConversationStore {
  private readonly trusted = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
    /** Hears of each conversation whose stored value could not be read (it is moved aside and replaced). */
    private readonly quarantined: (quarantined: Quarantined) => void = () => undefined,
    /** How long a conversation may stay idle before Redis removes it. */
    private readonly retentionMs: number = DEFAULT_RETENTION_DAYS * DAY_MS,
  ) {}

  async update<T>(key: string, change: (draft: ConversationRecord) => Change<T>): Promise<T> {
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; conflicts++) {
      const { record, version } = await this.load(key);
      const draft = draftOf(record);
      const { value, changed } = change(draft);
      if (!changed) return value;
      const next = { ...draft, seen: pruneSeen(draft.seen, this.now()) };
      const ttl = keptForever(next) ? '0' : String(this.retentionMs);
      const written = await this.redis.eval(WRITE, 2, this.recordKey(key), this.activeKey, version, JSON.stringify(next), hasWork(next) ? '1' : '0', key, ttl);
      if (written === 1) {
        this.trust(key, String(Number(version) + 1));
        return value;
      }
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
    for (;;) {
      const [stored, data = null] = await this.redis.hmget(this.recordKey(key), 'v', 'data');
      const version = stored ?? '0';
      try {
        const record = data === null ? emptyRecord() : parseRecord(data, this.trusted.get(key) !== version);
        this.trust(key, version);
        return { record, version };
      } catch (error) {
        if (!(error instanceof UnreadableRecord)) throw error;
        const moved = await this.quarantine(key, version, error.reason);
        if (moved) return moved;
        // Another replica changed it (or moved it aside) first: read what it wrote.
      }
    }
  }

  /**
   * A version of the record this replica wrote or already checked: read again (every change reads first), it is
   * parsed without the shape check, which costs more than the parse. A version another replica wrote is checked.
   */
  private trust(key: string, version: string): void {
    this.trusted.delete(key);
    this.trusted.set(key, version);
    if (this.trusted.size > TRUSTED_KEPT) this.trusted.delete(this.trusted.keys().next().value as string);
  }

  /** Moves an unreadable record to a key of its own and puts a record that says so in its place. */
  private async quarantine(key: string, version: string, reason: string): Promise<{ record: ConversationRecord; version: string } | undefined> {
    const at = this.now();
    const record = recordAfterLoss(at);
    const movedTo = `${this.prefix}:quarantine:${key}:${at}`;
    if ((await this.redis.eval(QUARANTINE, 2, this.recordKey(key), movedTo, version, JSON.stringify(record), String(this.retentionMs))) !== 1) return undefined;
    this.quarantined({ key, file: this.recordKey(key), movedTo, reason });
    this.trust(key, String(Number(version) + 1));
    return { record, version: String(Number(version) + 1) };
  }

  private recordKey(key: string): string {
    return `${this.prefix}:conv:${key}`;
  }

  private get activeKey(): string {
    return `${this.prefix}:active`;
  }
}
