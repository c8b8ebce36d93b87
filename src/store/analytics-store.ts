// The analytics counters: per day and inbox, bounded (DAYS_KEPT days, a sample of first reply times, the most
// frequent unanswered questions), kept in memory for the reports and on disk one file per day
// (analytics-day-files.ts). Writes are batched, at most one per second, and rewrite only the days counted in since
// the last one, so recording costs the engine nothing on its hot path at any size; close() writes what is left.
import type { DatedFacts } from '../analytics/facts.js';
import { dayOf } from '../analytics/facts.js';
import { type AnalyticsReport, buildReport, emptyCounters, FIRST_REPLY_SAMPLES, UNANSWERED_KEPT } from '../analytics/report.js';
import { type Logger, silentLogger } from '../log.js';
import { AnalyticsDayFiles, type ByDay, oldestKept } from './analytics-day-files.js';

const FLUSH_MS = 1000;

export class AnalyticsStore {
  private timer: NodeJS.Timeout | undefined;
  /** Days counted in since their file was last written. */
  private readonly dirty = new Set<string>();
  private writing: Promise<void> = Promise.resolve();
  /** The first day kept when the old days were last dropped: they are dropped again once it moves on (at midnight). */
  private keptFrom: string;

  private constructor(
    private readonly days: ByDay,
    private readonly files: AnalyticsDayFiles,
    private readonly now: () => number,
  ) {
    this.keptFrom = oldestKept(dayOf(now()));
  }

  /** A day file that cannot be used is moved aside with a warning: the counters are worth keeping, not stopping for. */
  static async open(dataDir: string, now: () => number = Date.now, log: Logger = silentLogger): Promise<AnalyticsStore> {
    const { files, days } = await AnalyticsDayFiles.open(dataDir, now, log);
    return new AnalyticsStore(days, files, now);
  }

  record(dated: DatedFacts): void {
    const day = (this.days[dated.day] ??= {});
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
    this.dirty.add(dated.day);
    // A failed background write loses nothing: the counters stay in memory and the next write carries them.
    this.timer ??= setTimeout(() => this.flush().catch(() => undefined), FLUSH_MS).unref();
  }

  report(days: number, inbox?: number): AnalyticsReport {
    return buildReport(this.days, dayOf(this.now()), days, inbox);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty.size) return this.writing;
    const days = [...this.dirty];
    this.dirty.clear();
    const write = this.writing.then(async () => {
      const keptFrom = oldestKept(dayOf(this.now()));
      for (const day of days) if (day >= keptFrom) await this.files.write(day, this.days[day] ?? {});
      if (keptFrom !== this.keptFrom) await this.dropBefore(keptFrom);
    });
    this.writing = write.catch(() => {
      for (const day of days) this.dirty.add(day);
    });
    await write;
  }

  /** Once a day: the day that went out of the DAYS_KEPT, from memory and from disk. */
  private async dropBefore(keptFrom: string): Promise<void> {
    for (const day of Object.keys(this.days)) if (day < keptFrom) delete this.days[day];
    await this.files.removeBefore(keptFrom);
    this.keptFrom = keptFrom;
  }
}

/** The `max` most frequent entries; among the rarest the oldest goes first, so the file stays small and new questions get in. */
function keepTop(counts: Record<string, number>, max: number): Record<string, number> {
  const entries = Object.entries(counts);
  if (entries.length <= max) return counts;
  const ranked = entries.map((e, i) => ({ e, i })).sort((a, b) => b.e[1] - a.e[1] || b.i - a.i);
  return Object.fromEntries(ranked.slice(0, max).map((r) => r.e));
}
