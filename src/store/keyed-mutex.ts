// One async lock per key: work on one conversation runs in order, different conversations run concurrently.
// The embedded ConversationLocks (one process); the Redis one adds a lock shared by every replica.
import type { ConversationLocks } from './ports.js';

export class KeyedMutex implements ConversationLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget the key once nothing is queued behind this task, so the map does not grow with every conversation ever seen.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** True while work for the key is running or queued. */
  holds(key: string): boolean {
    return this.tails.has(key);
  }

  /** Keys with work running or queued. */
  get size(): number {
    return this.tails.size;
  }

  /** Resolves when everything queued so far has finished. */
  async idle(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }
}
