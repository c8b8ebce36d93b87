// The intake's fast duplicate check: delivery ids and event keys seen lately, in memory, oldest dropped first.
// It answers most duplicates without touching the disk; the engine's fold checks again against each
// conversation's stored keys, which also covers duplicates that arrive after a restart.
// The embedded SeenKeys; with several replicas the Redis one is shared by all of them.
import type { SeenKeys } from '../store/ports.js';

export class RecentKeys implements SeenKeys {
  /** Each key, and whether its event is stored yet. */
  private readonly keys = new Map<string, 'storing' | 'stored'>();

  constructor(private readonly max = 100_000) {}

  async claim(keys: string[]): Promise<'new' | 'duplicate' | 'storing'> {
    const seen = keys.map((k) => this.keys.get(k));
    if (seen.includes('stored')) return 'duplicate';
    if (seen.includes('storing')) return 'storing';
    for (const k of keys) this.keys.set(k, 'storing');
    while (this.keys.size > this.max) this.keys.delete(this.keys.keys().next().value as string);
    return 'new';
  }

  async stored(keys: string[]): Promise<void> {
    for (const k of keys) if (this.keys.has(k)) this.keys.set(k, 'stored');
  }

  /** Forgets keys whose event could not be stored, so Chatwoot's retry is accepted. */
  async forget(keys: string[]): Promise<void> {
    for (const k of keys) this.keys.delete(k);
  }
}
