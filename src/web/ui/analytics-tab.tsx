// The Analytics tab: per day and per inbox, what the AI took, answered, resolved alone and handed off (by reason),
// the median time to the first reply, the questions it could not answer, follow-up outcomes, and the helpdesk actions
// that failed for good (each conversation's audit trail, in the dashboard app, says which and why).
import { useEffect, useState } from 'preact/hooks';
import type { AnalyticsReport } from '../../analytics/report.js';
import { api } from './api.js';
import { BarChart, Breakdown, SeriesTable } from './charts.js';
import { humanize, maybe } from './i18n.js';
import { useForm } from './form-context.js';

/** Rows of a breakdown, largest first, each key by its name in the page's language (`reason.no_answer`). */
const entries = (record: Record<string, number>, name: (key: string) => string) =>
  Object.entries(record).sort((a, b) => b[1] - a[1]).map(([key, value]) => ({ label: name(key), value }));

export function AnalyticsTab() {
  const { t, lang } = useForm();
  const named = (kind: string) => (key: string) => maybe(lang, `${kind}.${key}`) ?? humanize(key);
  const [days, setDays] = useState(14);
  const [inbox, setInbox] = useState('');
  const [report, setReport] = useState<AnalyticsReport | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const query = new URLSearchParams({ days: String(days), ...(inbox && { inbox }) });
    api<AnalyticsReport>('GET', `/api/analytics?${query}`).then(setReport).catch((e: unknown) => setError(String(e)));
  }, [days, inbox]);
  if (error) return <p class="error">{t('common.error', { message: error })}</p>;
  if (!report) return <p class="muted">{t('common.loading')}</p>;
  const labels = report.days.map((d) => d.day);
  const total = report.totals;
  const perDay = [
    { name: t('analytics.taken'), values: report.days.map((d) => d.taken), tone: 'tone-a' },
    { name: t('analytics.answered'), values: report.days.map((d) => d.answered), tone: 'tone-b' },
    { name: t('analytics.resolved'), values: report.days.map((d) => d.resolvedWithoutHuman), tone: 'tone-c' },
    { name: t('analytics.handoffs'), values: report.days.map((d) => d.handedOff), tone: 'tone-d' },
  ];
  return (
    <section class="analytics">
      <div class="toolbar">
        <select value={String(days)} onChange={(e) => setDays(Number((e.currentTarget as HTMLSelectElement).value))}>
          {[7, 14, 30, 90].map((n) => <option value={String(n)}>{t('analytics.days', { n })}</option>)}
        </select>
        <select id="analytics-inbox" value={inbox} onChange={(e) => setInbox((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('analytics.allInboxes')}</option>
          {report.inboxes.map((id) => <option value={String(id)}>{t('analytics.inbox')} {id}</option>)}
        </select>
      </div>
      <div class="tiles" id="analytics-totals">
        <Tile label={t('analytics.taken')} value={total.taken} />
        <Tile label={t('analytics.answered')} value={total.answered} />
        <Tile label={t('analytics.resolved')} value={total.resolvedWithoutHuman} />
        <Tile label={t('analytics.handoffs')} value={total.handedOff} />
        <Tile label={t('analytics.failedActions')} value={Object.values(total.failedActions).reduce((a, b) => a + b, 0)} />
        <Tile label={t('analytics.firstReply')} value={total.medianFirstReplySeconds === null ? '—' : t('common.seconds', { n: Math.round(total.medianFirstReplySeconds) })} />
      </div>
      <p class="muted" id="analytics-counted">{t('analytics.counted')}</p>
      <h3>{t('analytics.perDay')}</h3>
      <BarChart labels={labels} series={perDay} />
      <details class="chart-table" id="analytics-per-day-table">
        <summary>{t('analytics.asTable')}</summary>
        <SeriesTable labels={labels} series={perDay} corner={t('analytics.day')} />
      </details>
      <div class="columns">
        <div id="analytics-reasons"><h3>{t('analytics.byReason')}</h3><Breakdown rows={entries(total.handoffsByReason, named('reason'))} empty={t('analytics.nothing')} /></div>
        <div><h3>{t('analytics.followUps')}</h3><Breakdown rows={entries(total.followUps, named('outcome'))} empty={t('analytics.nothing')} /></div>
        <div id="analytics-failed-actions"><h3>{t('analytics.failedActions')}</h3><Breakdown rows={entries(total.failedActions, humanize)} empty={t('analytics.nothing')} /></div>
      </div>
      <h3>{t('analytics.unanswered')}</h3>
      <Breakdown rows={report.topUnanswered.map((q) => ({ label: q.question, value: q.count }))} empty={t('analytics.nothing')} />
    </section>
  );
}

function Tile({ label, value }: { label: string; value: number | string }) {
  return <div class="tile"><span class="value">{value}</span><span class="label">{label}</span></div>;
}
