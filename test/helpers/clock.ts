// A harness whose clock the test moves: durable timers (reply delay, idle, follow-ups) fire when the test says so.
// One conversation (inbox 3, conversation 42, the fixtures') is watched; the answerer always says 'Here you go.'.
import { afterEach } from 'vitest';
import type { Profile } from '../../src/config/settings.js';
import type { ConversationState } from '../../src/engine/state.js';
import { fixedAnswerer } from './answerers.js';
import { type Harness, startHarness } from './harness.js';

export const KEY = '3-42';

export interface ClockHarness {
  harness: Harness;
  /** Waits until nothing runs and the outbox is empty (timers may stay set: that is the point). */
  quiet(): Promise<void>;
  /** Moves Jawab's clock on and wakes the conversation, as its timer would. */
  advance(seconds: number): Promise<void>;
  state(): Promise<ConversationState>;
}

export async function startClockHarness(profile: Partial<Profile>): Promise<ClockHarness> {
  let offset = 0;
  const harness = await startHarness({ profile, answerer: fixedAnswerer('Here you go.'), now: () => Date.now() + offset });
  const quiet = async () => {
    for (let i = 0; i < 500; i++) {
      await harness.jawab.engine.idle();
      const record = await harness.jawab.store.read(KEY);
      if (!harness.jawab.engine.busy && !record?.outbox.length) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the engine did not go quiet');
  };
  return {
    harness,
    quiet,
    advance: async (seconds) => {
      offset += seconds * 1000;
      void harness.jawab.engine.notify(KEY);
      await quiet();
    },
    state: async () => (await harness.jawab.store.read(KEY))!.state!,
  };
}

/** One clock harness per test, closed after it: `start` it in the test, then use the others. */
export function clockHarnessPerTest() {
  let current: ClockHarness | undefined;
  afterEach(async () => {
    await current?.harness.close();
    current = undefined;
  });
  return {
    start: async (profile: Partial<Profile>): Promise<Harness> => {
      current = await startClockHarness(profile);
      return current.harness;
    },
    quiet: () => current!.quiet(),
    advance: (seconds: number) => current!.advance(seconds),
    state: () => current!.state(),
  };
}
