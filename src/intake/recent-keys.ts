// The intake's fast duplicate check: delivery ids and event keys seen lately, in memory, oldest dropped first.
// It answers most duplicates without touching the disk; the engine's fold checks again against each
// conversation's stored keys, which also covers duplicates that arrive after a restart.
// The embedded SeenKeys; with several replicas the Redis one is shared by all of them.
import type { SeenKeys } from '../store/ports.js';

export class RecentKeys implements SeenKeys {
  private readonly keys = new Set<string>();

  constructor(private readonly max = 100_000) {}

  /** Adds the keys unless one of them is already there; true when added. */
  async claim(keys: string[]): Promise<boolean> {
    if (keys.some((k) => this.keys.has(k))) return false;
    for (const k of keys) this.keys.add(k);
    while (this.keys.size > this.max) this.keys.delete(this.keys.values().next().value as string);
    return true;
  }

  /** Forgets keys whose event could not be stored, so Chatwoot's retry is accepted. */
  async forget(keys: string[]): Promise<void> {
    for (const k of keys) this.keys.delete(k);
  }
}
