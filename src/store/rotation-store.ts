// The round-robin cursors: the last agent picked per account (and team). One small lowdb file, so the rotation
// goes on where it was after a restart instead of starting over with the first agent. With several replicas the
// cursors live in Redis instead (src/redis/redis-rotation.ts).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { type Logger, silentLogger } from '../log.js';
import { parseWith, readOrMoveAside } from './json-file.js';
import { KeyedMutex } from './keyed-mutex.js';

export interface RotationCursors {
  /**
   * Runs `pick` with the agent picked last in rotation `key` and remembers the agent it returns, once `pick` has
   * resolved (a crash in between picks the same agent again rather than skipping one). Picks of one rotation run
   * one at a time, so two handoffs at the same moment get different agents.
   */
  next(key: string, pick: (lastId: number | undefined) => Promise<number | undefined>): Promise<number | undefined>;
}

/** Cursors in a record of rotation → last agent id, kept by `save` after each pick. */
class Cursors implements RotationCursors {
  private readonly turns = new KeyedMutex();

  constructor(
    private readonly data: Record<string, number>,
    private readonly save: () => Promise<void>,
  ) {}

  next(key: string, pick: (lastId: number | undefined) => Promise<number | undefined>): Promise<number | undefined> {
    return this.turns.run(key, async () => {
      const picked = await pick(this.data[key]);
      if (picked !== undefined && picked !== this.data[key]) {
        this.data[key] = picked;
        await this.save();
      }
      return picked;
    });
  }
}

export const RotationStore = {
  /** A file that cannot be used is moved aside with a warning: the rotation then starts over, nothing stops. */
  async open(dataDir: string, log: Logger = silentLogger, now: () => number = Date.now): Promise<RotationCursors> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const file = join(dataDir, 'round-robin.json');
    const db = new Low<Record<string, number>>(new JSONFile(file), {});
    const instead = 'round robin starts again from the first online agent';
    db.data = await readOrMoveAside(file, parseWith(z.record(z.string(), z.number()), 'a round-robin file', file), {}, { log, now, instead });
    return new Cursors(db.data, () => db.write());
  },
};

/** For tests and tools that need no persistence. */
export function memoryCursors(): RotationCursors {
  return new Cursors({}, async () => undefined);
}
