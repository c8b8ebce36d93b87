// The analytics counters on disk: one small file per UTC day (DATA_DIR/analytics/<day>.json), so a write rewrites
// only the days that changed (today's), whatever the number of days kept. The old single analytics.json is migrated
// on the first start; a day file that cannot be read is moved aside with one warning and the other days are kept.
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DatedFacts, dayOf } from '../../src/analytics/facts.js';
import { buildReport, type Counters, DAYS_KEPT, emptyCounters, shiftDay } from '../../src/analytics/report.js';
import { createLogger } from '../../src/log.js';
import { AnalyticsStore } from '../../src/store/analytics-store.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const dirs = tempDirs('jawab-analytics-');
const TODAY = '2026-03-10';
const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);

function counters(taken: number, extra: Partial<Counters> = {}): Counters {
  return { ...emptyCounters(), taken, answered: taken - 1, handoffs: { no_answer: 1 }, firstReplySeconds: [2, 4], unanswered: { 'cod?': taken }, followUps: { sent: 1 }, ...extra };
}

function taken(day: string, inboxId = 3): DatedFacts {
  return { day, inboxId, facts: [{ kind: 'taken' }, { kind: 'answered' }] };
}

async function open(dataDir: string, at: number, lines: string[] = []) {
  let now = at;
  const store = await AnalyticsStore.open(dataDir, () => now, createLogger('info', (line) => lines.push(line)));
  return { store, setNow: (t: number) => (now = t) };
}

const dayFiles = async (dataDir: string) => (await readdir(join(dataDir, 'analytics'))).filter((n) => /^\d{4}-\d{2}-\d{2}\.json$/.test(n)).sort();

describe('analytics stored per day', () => {
  it('migrates an old analytics.json on the first start without losing a count, once', async () => {
    const dataDir = await dirs();
    const old: { days: Record<string, Record<string, Counters>> } = {
      days: {
        [shiftDay(TODAY, -200)]: { 3: counters(50) },
        [shiftDay(TODAY, -2)]: { 3: counters(7), 5: counters(2, { failedActions: { assign: 1 } }) },
        [shiftDay(TODAY, -1)]: { 5: counters(4) },
        [TODAY]: { 3: counters(3) },
      },
    };
    await writeFile(join(dataDir, 'analytics.json'), JSON.stringify(old, null, 2));
    const expected = buildReport(old.days, TODAY, DAYS_KEPT);
    const lines: string[] = [];
    const { store } = await open(dataDir, noon(TODAY), lines);
    expect(store.report(DAYS_KEPT)).toEqual(expected);
    expect(store.report(3, 5)).toEqual(buildReport(old.days, TODAY, 3, 5));
    await expect(stat(join(dataDir, 'analytics.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    // The day beyond the 90 kept is not carried over: it was outside every report already.
    expect(await dayFiles(dataDir)).toEqual([`${shiftDay(TODAY, -2)}.json`, `${shiftDay(TODAY, -1)}.json`, `${TODAY}.json`]);
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual([`${join(dataDir, 'analytics.json')} moved to one file per day in ${join(dataDir, 'analytics')} (3 days)`]);

    // The next start reads the day files; counting goes on from the migrated numbers.
    const again = await open(dataDir, noon(TODAY));
    expect(again.store.report(DAYS_KEPT)).toEqual(expected);
    again.store.record(taken(TODAY));
    await again.store.flush();
    expect((await open(dataDir, noon(TODAY))).store.report(1).totals).toMatchObject({ taken: 4, answered: 3 });
  });

  it('migrates again, without counting twice, after a crash between writing the day files and removing analytics.json', async () => {
    const dataDir = await dirs();
    const old: { days: Record<string, Record<string, Counters>> } = { days: { [TODAY]: { 3: counters(3) }, [shiftDay(TODAY, -1)]: { 3: counters(9) } } };
    await writeFile(join(dataDir, 'analytics.json'), JSON.stringify(old));
    await copyFile(join(dataDir, 'analytics.json'), join(dataDir, 'kept.json'));
    await open(dataDir, noon(TODAY));
    await copyFile(join(dataDir, 'kept.json'), join(dataDir, 'analytics.json'));
    const { store } = await open(dataDir, noon(TODAY));
    expect(store.report(2)).toEqual(buildReport(old.days, TODAY, 2));
    expect(store.report(2).totals.taken).toBe(12);
  });

  it('starts a new file at midnight (UTC) and leaves the file of the day before as it was', async () => {
    const dataDir = await dirs();
    const { store, setNow } = await open(dataDir, Date.parse(`${TODAY}T23:59:59.500Z`));
    store.record(taken(dayOf(Date.parse(`${TODAY}T23:59:59.500Z`))));
    await store.flush();
    const before = await stat(join(dataDir, 'analytics', `${TODAY}.json`));
    const tomorrow = shiftDay(TODAY, 1);
    setNow(Date.parse(`${tomorrow}T00:00:00.500Z`));
    store.record(taken(tomorrow));
    store.record(taken(tomorrow, 4));
    await store.flush();
    expect(await dayFiles(dataDir)).toEqual([`${TODAY}.json`, `${tomorrow}.json`]);
    const after = await stat(join(dataDir, 'analytics', `${TODAY}.json`));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    const report = store.report(2);
    expect(report.days.map((d) => [d.day, d.taken, d.answered])).toEqual([[TODAY, 1, 1], [tomorrow, 2, 2]]);
    expect(report.inboxes).toEqual([3, 4]);
    expect((await open(dataDir, Date.parse(`${tomorrow}T00:00:01Z`))).store.report(2)).toEqual(report);
  });

  it.each([
    ['torn by a crash', '{"inboxes": {"3": {"taken": 4, "answ', 'is not valid JSON'],
    ['not the expected shape', '{"inboxes": {"3": {"taken": "many"}}}', 'is not an analytics day file: inboxes.3.taken: Invalid input: expected number, received string'],
  ])('moves a day file %s aside with one warning, and keeps the other days', async (_what, content, problem) => {
    const dataDir = await dirs();
    const days = [shiftDay(TODAY, -2), shiftDay(TODAY, -1), TODAY];
    const first = await open(dataDir, noon(TODAY));
    for (const day of days) first.store.record(taken(day));
    await first.store.flush();
    const broken = join(dataDir, 'analytics', `${days[1]}.json`);
    await writeFile(broken, content);

    const lines: string[] = [];
    const { store } = await open(dataDir, noon(TODAY), lines);
    expect(lines).toHaveLength(1);
    const aside = (await readdir(join(dataDir, 'analytics'))).filter((n) => n.startsWith(`${days[1]}.json.broken-`));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dataDir, 'analytics', aside[0]!), 'utf8')).toBe(content);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'warn',
      msg: expect.stringMatching(new RegExp(`^${escape(`${broken} ${problem}`)}.*: moved aside to ${escape(join(dataDir, 'analytics', aside[0]!))}; the analytics of ${days[1]} start again from empty counters$`)),
    });
    expect(store.report(3).days.map((d) => [d.day, d.taken])).toEqual([[days[0], 1], [days[1], 0], [days[2], 1]]);
    // The day counts again from zero and its new file is written whole.
    store.record(taken(days[1]!));
    await store.flush();
    expect((await open(dataDir, noon(TODAY))).store.report(3).days.map((d) => d.taken)).toEqual([1, 1, 1]);
  });

  it('keeps the last 90 days on disk, and a write rewrites only the day that changed', async () => {
    const dataDir = await dirs();
    await mkdir(join(dataDir, 'analytics'));
    for (let i = 0; i < 120; i++) {
      const day = shiftDay(TODAY, -i);
      await writeFile(join(dataDir, 'analytics', `${day}.json`), JSON.stringify({ inboxes: { 3: counters(i + 2) } }));
    }
    const { store, setNow } = await open(dataDir, noon(TODAY));
    const kept = Array.from({ length: DAYS_KEPT }, (_, i) => `${shiftDay(TODAY, i - DAYS_KEPT + 1)}.json`);
    expect(await dayFiles(dataDir)).toEqual(kept);
    expect(store.report(DAYS_KEPT).totals.taken).toBe(Array.from({ length: DAYS_KEPT }, (_, i) => i + 2).reduce((a, b) => a + b, 0));

    const inodes = async () => Object.fromEntries(await Promise.all((await dayFiles(dataDir)).map(async (n) => [n, (await stat(join(dataDir, 'analytics', n))).ino] as const)));
    const before = await inodes();
    const tomorrow = shiftDay(TODAY, 1);
    setNow(noon(tomorrow));
    store.record(taken(tomorrow));
    await store.flush();
    const after = await inodes();
    // The oldest day went out of the 90 and its file with it; the new day's file came in; no other file was written.
    expect(Object.keys(after)).toEqual([...kept.slice(1), `${tomorrow}.json`]);
    for (const name of kept.slice(1)) expect(after[name], name).toBe(before[name]);
    expect(store.report(1).totals.taken).toBe(1);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
