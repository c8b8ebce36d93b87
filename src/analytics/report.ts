// The analytics counters kept per day and inbox, and the report GET /api/analytics answers (pure).
export interface Counters {
  taken: number;
  answered: number;
  resolvedWithoutHuman: number;
  handoffs: Record<string, number>;
  /** Seconds to the first reply of each session: the newest FIRST_REPLY_SAMPLES, for the median. */
  firstReplySeconds: number[];
  /** Questions with no answer and how often they were asked: the UNANSWERED_KEPT most frequent. */
  unanswered: Record<string, number>;
  followUps: Record<string, number>;
  /** Helpdesk actions that failed for good, by action type (absent in files written before it existed). */
  failedActions?: Record<string, number>;
}

export const FIRST_REPLY_SAMPLES = 500;
export const UNANSWERED_KEPT = 200;
export const DAYS_KEPT = 90;

export const emptyCounters = (): Counters => ({ taken: 0, answered: 0, resolvedWithoutHuman: 0, handoffs: {}, firstReplySeconds: [], unanswered: {}, followUps: {}, failedActions: {} });

export interface DayReport {
  day: string;
  taken: number;
  answered: number;
  resolvedWithoutHuman: number;
  handedOff: number;
  handoffsByReason: Record<string, number>;
  medianFirstReplySeconds: number | null;
  followUps: Record<string, number>;
  /** Helpdesk actions that failed for good (the audit trail of each conversation says which and why). */
  failedActions: Record<string, number>;
}

export interface AnalyticsReport {
  days: DayReport[];
  totals: Omit<DayReport, 'day'>;
  topUnanswered: Array<{ question: string; count: number }>;
  /** Inboxes that have any counters in the period. */
  inboxes: number[];
}

/** `byDay[day][inbox]` → the report for the `days` days ending with `today`, for one inbox or all. */
export function buildReport(byDay: Record<string, Record<string, Counters>>, today: string, days: number, inbox?: number): AnalyticsReport {
  const dayList = Array.from({ length: days }, (_, i) => shiftDay(today, i - days + 1));
  const inboxes = new Set<number>();
  const perDay = dayList.map((day) => {
    const byInbox = byDay[day] ?? {};
    Object.keys(byInbox).forEach((id) => inboxes.add(Number(id)));
    const picked = Object.entries(byInbox).filter(([id]) => inbox === undefined || Number(id) === inbox).map(([, c]) => c);
    return { day, counters: merge(picked) };
  });
  const all = merge(perDay.map((d) => d.counters));
  return {
    days: perDay.map(({ day, counters }) => ({ day, ...summary(counters) })),
    totals: summary(all),
    topUnanswered: Object.entries(all.unanswered).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([question, count]) => ({ question, count })),
    inboxes: [...inboxes].sort((a, b) => a - b),
  };
}

function summary(c: Counters): Omit<DayReport, 'day'> {
  return {
    taken: c.taken,
    answered: c.answered,
    resolvedWithoutHuman: c.resolvedWithoutHuman,
    handedOff: Object.values(c.handoffs).reduce((a, b) => a + b, 0),
    handoffsByReason: c.handoffs,
    medianFirstReplySeconds: median(c.firstReplySeconds),
    followUps: c.followUps,
    failedActions: c.failedActions ?? {},
  };
}

function merge(list: Counters[]): Counters {
  const out = emptyCounters();
  for (const c of list) {
    out.taken += c.taken;
    out.answered += c.answered;
    out.resolvedWithoutHuman += c.resolvedWithoutHuman;
    out.firstReplySeconds.push(...c.firstReplySeconds);
    addAll(out.handoffs, c.handoffs);
    addAll(out.unanswered, c.unanswered);
    addAll(out.followUps, c.followUps);
    addAll((out.failedActions ??= {}), c.failedActions ?? {});
  }
  return out;
}

function addAll(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function shiftDay(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
}
