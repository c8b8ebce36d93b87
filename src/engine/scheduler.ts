// In-memory wake-ups for the durable timers kept in each conversation's state (the embedded WakeUps).
// Losing this on a crash is fine: a restart reads the timers back from the store and sets them again.
import type { WakeUps } from '../store/ports.js';

const MAX_DELAY_MS = 2 ** 31 - 1; // setTimeout's limit (~24.8 days); longer timers re-arm when they wake.

export class Scheduler implements WakeUps {
  private readonly timers = new Map<string, { at: number; handle: NodeJS.Timeout }>();

  constructor(
    private readonly wake: (key: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Wakes `key` at `at` (ms). Replaces any earlier wake-up for that key. */
  async set(key: string, at: number): Promise<void> {
    const existing = this.timers.get(key);
    if (existing?.at === at) return;
    if (existing) clearTimeout(existing.handle);
    const delay = Math.min(Math.max(0, at - this.now()), MAX_DELAY_MS);
    const handle = setTimeout(() => {
      this.timers.delete(key);
      this.wake(key);
    }, delay);
    this.timers.set(key, { at, handle });
  }

  async clear(key: string): Promise<void> {
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing.handle);
    this.timers.delete(key);
  }

  get size(): number {
    return this.timers.size;
  }

  async stop(): Promise<void> {
    for (const { handle } of this.timers.values()) clearTimeout(handle);
    this.timers.clear();
  }
}
