// Small SVG charts, drawn here so the page needs no chart library or CDN.
export interface Series {
  name: string;
  values: number[];
  /** A CSS class that sets the fill (see jawab.css). */
  tone: string;
}

/** Grouped bars: one group per label (a day), one bar per series. */
export function BarChart({ labels, series, height = 160 }: { labels: string[]; series: Series[]; height?: number }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const group = 12 * series.length + 10;
  const width = Math.max(200, labels.length * group + 30);
  const plot = height - 30;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={series.map((s) => s.name).join(', ')}>
        <line x1="28" x2={width} y1={plot} y2={plot} class="axis" />
        <text x="0" y="10" class="tick">{max}</text>
        <text x="0" y={plot} class="tick">0</text>
        {labels.map((label, i) => (
          <g key={label} transform={`translate(${30 + i * group},0)`}>
            {series.map((s, j) => {
              const v = s.values[i] ?? 0;
              const h = (v / max) * (plot - 10);
              return (
                <rect class={`bar ${s.tone}`} x={j * 12} y={plot - h} width="10" height={h}>
                  <title>{`${s.name} ${label}: ${v}`}</title>
                </rect>
              );
            })}
            <text class="tick" x="0" y={height - 12}>{label.slice(5)}</text>
          </g>
        ))}
      </svg>
      <figcaption>{series.map((s) => <span class={`legend ${s.tone}`}>{s.name}</span>)}</figcaption>
    </figure>
  );
}

/** Horizontal bars for a breakdown (handoff reasons, follow-up outcomes, unanswered questions). */
export function Breakdown({ rows, empty }: { rows: Array<{ label: string; value: number }>; empty: string }) {
  if (!rows.length) return <p class="muted">{empty}</p>;
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <table class="breakdown">
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td>
              <svg viewBox="0 0 100 10" width="160" height="12" aria-hidden="true"><rect class="bar tone-a" width={(r.value / max) * 100} height="10" /></svg>
            </td>
            <td class="num">{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The numbers of a bar chart as a table: what a screen reader reads, and what a phone shows without squinting. */
export function SeriesTable({ labels, series, corner }: { labels: string[]; series: Series[]; corner: string }) {
  return (
    <div class="table-scroll">
      <table class="series-table">
        <thead>
          <tr><th scope="col">{corner}</th>{series.map((s) => <th scope="col">{s.name}</th>)}</tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label}><th scope="row">{label}</th>{series.map((s) => <td class="num">{s.values[i] ?? 0}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
