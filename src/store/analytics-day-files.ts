// The analytics counters on disk: one small file per UTC day, DATA_DIR/analytics/<YYYY-MM-DD>.json, holding that
// day's counters by inbox. A write rewrites only the days that changed (today's, in practice), so its cost does not
// grow with the number of days kept, as rewriting one file of every day (the old DATA_DIR/analytics.json) did:
// at its bound (90 days, 5 inboxes, ~20 MB) that cost 1.4× the CPU per message. Days older than DAYS_KEPT are deleted.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { dayOf } from '../analytics/facts.js';
import { type Counters, DAYS_KEPT, shiftDay } from '../analytics/report.js';
import type { Logger } from '../log.js';
import { parseWith, readOrMoveAside, writeJsonFile } from './json-file.js';

/** One day's counters by inbox id; and every day's, by `YYYY-MM-DD`. */
export type DayCounters = Record<string, Counters>;
export type ByDay = Record<string, DayCounters>;

const counts = z.record(z.string(), z.number());
const countersSchema: z.ZodType<Counters> = z.object({
  taken: z.number(),
  answered: z.number(),
  resolvedWithoutHuman: z.number(),
  handoffs: counts,
  firstReplySeconds: z.array(z.number()),
  unanswered: counts,
  followUps: counts,
  failedActions: counts.optional(),
});
const dayFileSchema = z.object({ inboxes: z.record(z.string(), countersSchema) });
/** DATA_DIR/analytics.json, as Jawab wrote it before the day files: every day in one file. */
const legacyFileSchema = z.object({ days: z.record(z.string(), z.record(z.string(), countersSchema)) });

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
/** What writeJsonFile leaves behind when the process dies mid-write. */
const TEMPORARY = /\.tmp$/;

/** The first day kept when today is `day`. */
export const oldestKept = (day: string): string => shiftDay(day, -DAYS_KEPT + 1);

export class AnalyticsDayFiles {
  private constructor(readonly dir: string) {}

  /**
   * The folder and the days found in it (the old analytics.json moved into it first). A day file that cannot be
   * read is moved aside with one warning and that day starts again from empty counters; the other days are kept.
   */
  static async open(dataDir: string, now: () => number, log: Logger): Promise<{ files: AnalyticsDayFiles; days: ByDay }> {
    const files = new AnalyticsDayFiles(join(dataDir, 'analytics'));
    await mkdir(files.dir, { recursive: true, mode: 0o700 });
    const oldest = oldestKept(dayOf(now()));
    await files.migrate(join(dataDir, 'analytics.json'), oldest, now, log);
    const days: ByDay = {};
    await Promise.all(
      (await readdir(files.dir)).map(async (name) => {
        const path = join(files.dir, name);
        if (TEMPORARY.test(name)) return rm(path, { force: true });
        const day = DAY_FILE.exec(name)?.[1];
        if (!day) return;
        if (day < oldest) return rm(path, { force: true });
        const instead = `the analytics of ${day} start again from empty counters`;
        const read = await readOrMoveAside(path, parseWith(dayFileSchema, 'an analytics day file', path), undefined, { log, now, instead });
        if (read) days[day] = read.inboxes;
      }),
    );
    return { files, days };
  }

  write(day: string, inboxes: DayCounters): Promise<void> {
    return writeJsonFile(join(this.dir, `${day}.json`), { inboxes });
  }

  /** Deletes the files of the days before `oldest`. */
  async removeBefore(oldest: string): Promise<void> {
    for (const name of await readdir(this.dir)) {
      const day = DAY_FILE.exec(name)?.[1];
      if (day && day < oldest) await rm(join(this.dir, name), { force: true });
    }
  }

  /**
   * Writes each day of the old single file (within the days kept) to its own file, then removes the old file. A crash
   * in between leaves both, and the next start does it again: the day files are overwritten with the same counts,
   * never added to (nothing is counted before the migration is over).
   */
  private async migrate(legacy: string, oldest: string, now: () => number, log: Logger): Promise<void> {
    const instead = 'the analytics start again from empty counters';
    const old = await readOrMoveAside(legacy, parseWith(legacyFileSchema, 'an analytics file', legacy), undefined, { log, now, instead });
    if (!old) return;
    const kept = Object.entries(old.days).filter(([day]) => DAY_FILE.test(`${day}.json`) && day >= oldest);
    for (const [day, inboxes] of kept) await this.write(day, inboxes);
    await rm(legacy);
    log.info(`${legacy} moved to one file per day in ${this.dir} (${kept.length} days)`);
  }
}
