// The analytics counters (DATA_DIR/analytics.json): per day and inbox, bounded (DAYS_KEPT days, a sample of first
// reply times, the most frequent unanswered questions). Writes are batched, at most one per second, so recording
// costs the engine nothing on its hot path; close() writes what is left.
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import type { DatedFacts } from '../analytics/facts.js';
import { type AnalyticsReport, buildReport, type Counters, DAYS_KEPT, emptyCounters, FIRST_REPLY_SAMPLES, shiftDay, UNANSWERED_KEPT } from '../analytics/report.js';
import { dayOf } from '../analytics/facts.js';
import { type Logger, silentLogger } from '../log.js';
import { parseWith, readOrMoveAside } from './json-file.js';

interface AnalyticsFile {
  days: Record<string, Record<string, Counters>>;
}

const counts = z.record(z.string(), z.number());
const analyticsFileSchema: z.ZodType<AnalyticsFile> = z.object({
  days: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({ taken: z.number(), answered: z.number(), resolvedWithoutHuman: z.number(), handoffs: counts, firstReplySeconds: z.array(z.number()), unanswered: counts, followUps: counts, failedActions: counts.optional() }),
    ),
  ),
});

const FLUSH_MS = 1000;

export class AnalyticsStore {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly db: Low<AnalyticsFile>,
    private readonly now: () => number,
  ) {}

  /** A file that cannot be used is moved aside with a warning: the counters are worth keeping, not stopping for. */
  static async open(dataDir: string, now: () => number = Date.now, log: Logger = silentLogger): Promise<AnalyticsStore> {
    const file = join(dataDir, 'analytics.json');
    const db = new Low<AnalyticsFile>(new JSONFile(file), { days: {} });
    const instead = 'the analytics start again from empty counters';
    db.data = await readOrMoveAside(file, parseWith(analyticsFileSchema, 'an analytics file', file), { days: {} }, { log, now, instead });
    return new AnalyticsStore(db, now);
  }

  record(dated: DatedFacts): void {
    const day = (this.db.data.days[dated.day] ??= {});
    const c = (day[String(dated.inboxId)] ??= emptyCounters());
    for (const fact of dated.facts) {
      switch (fact.kind) {
        case 'taken':
          c.taken++;
          break;
        case 'answered':
          c.answered++;
          break;
        case 'resolved_without_human':
          c.resolvedWithoutHuman++;
          break;
        case 'handoff':
          c.handoffs[fact.reason] = (c.handoffs[fact.reason] ?? 0) + 1;
          break;
        case 'follow_up':
          c.followUps[fact.outcome] = (c.followUps[fact.outcome] ?? 0) + 1;
          break;
        case 'first_reply':
          c.firstReplySeconds.push(Math.round(fact.seconds * 10) / 10);
          if (c.firstReplySeconds.length > FIRST_REPLY_SAMPLES) c.firstReplySeconds.shift();
          break;
        case 'action_failed':
          (c.failedActions ??= {})[fact.action] = (c.failedActions[fact.action] ?? 0) + 1;
          break;
        case 'unanswered':
          c.unanswered[fact.question] = (c.unanswered[fact.question] ?? 0) + 1;
          c.unanswered = keepTop(c.unanswered, UNANSWERED_KEPT);
          break;
      }
    }
    this.prune();
    this.dirty = true;
    // A failed background write loses nothing: the counters stay in memory and the next write carries them.
    this.timer ??= setTimeout(() => this.flush().catch(() => undefined), FLUSH_MS).unref();
  }

  report(days: number, inbox?: number): AnalyticsReport {
    return buildReport(this.db.data.days, dayOf(this.now()), days, inbox);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return this.writing;
    this.dirty = false;
    const write = this.writing.then(() => this.db.write());
    this.writing = write.catch(() => {
      this.dirty = true;
    });
    await write;
  }

  private prune(): void {
    const oldest = shiftDay(dayOf(this.now()), -DAYS_KEPT + 1);
    for (const day of Object.keys(this.db.data.days)) if (day < oldest) delete this.db.data.days[day];
  }
}

/** The `max` most frequent entries; among the rarest the oldest goes first, so the file stays small and new questions get in. */
function keepTop(counts: Record<string, number>, max: number): Record<string, number> {
  const entries = Object.entries(counts);
  if (entries.length <= max) return counts;
  const ranked = entries.map((e, i) => ({ e, i })).sort((a, b) => b.e[1] - a.e[1] || b.i - a.i);
  return Object.fromEntries(ranked.slice(0, max).map((r) => r.e));
}
