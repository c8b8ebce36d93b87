// The round-robin cursors: the last agent picked per account (and team). One small lowdb file, so the rotation
// goes on where it was after a restart instead of starting over with the first agent.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

export interface RotationCursors {
  last(key: string): number | undefined;
  remember(key: string, agentId: number): Promise<void>;
}

export class RotationStore implements RotationCursors {
  private constructor(private readonly db: Low<Record<string, number>>) {}

  static async open(dataDir: string): Promise<RotationStore> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const db = new Low<Record<string, number>>(new JSONFile(join(dataDir, 'round-robin.json')), {});
    await db.read();
    return new RotationStore(db);
  }

  last(key: string): number | undefined {
    return this.db.data[key];
  }

  async remember(key: string, agentId: number): Promise<void> {
    if (this.db.data[key] === agentId) return;
    this.db.data[key] = agentId;
    await this.db.write();
  }
}

/** For tests and tools that need no persistence. */
export function memoryCursors(): RotationCursors {
  const cursors = new Map<string, number>();
  return { last: (key) => cursors.get(key), remember: async (key, id) => void cursors.set(key, id) };
}
