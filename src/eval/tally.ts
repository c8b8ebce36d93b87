// The retrieval scores both eval sets report (retrieval-eval.ts by document, faq-eval.ts by section): where the right
// answer ranked, and whether Jawab handed off when it should and only then.
export interface Metrics {
  recall1: number;
  recall5: number;
  mrr10: number;
  /** Of the questions handed off, those that should have been. */
  handoffPrecision: number;
  /** Of the questions to hand off, those that were. */
  handoffRecall: number;
  handoffF1: number;
  /** Answerable questions handed off, over all answerable questions. */
  falseHandoff: number;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export class Tally {
  private hits1 = 0;
  private hits5 = 0;
  private reciprocal = 0;
  private answerable = 0;
  private falseHandoffs = 0;
  private handedOff = 0;
  private rightHandoffs = 0;
  private toHandOff = 0;

  /**
   * One question: `rank` of its first right answer from 0 (-1 when not ranked), or null when it should be handed off;
   * and whether it was handed off.
   */
  add(rank: number | null, handedOff: boolean): void {
    if (handedOff) this.handedOff += 1;
    if (rank === null) {
      this.toHandOff += 1;
      if (handedOff) this.rightHandoffs += 1;
      return;
    }
    this.answerable += 1;
    if (handedOff) this.falseHandoffs += 1;
    if (rank === 0) this.hits1 += 1;
    if (rank >= 0 && rank < 5) this.hits5 += 1;
    if (rank >= 0 && rank < 10) this.reciprocal += 1 / (rank + 1);
  }

  metrics(): Metrics {
    const precision = share(this.rightHandoffs, this.handedOff);
    const recall = share(this.rightHandoffs, this.toHandOff);
    return {
      recall1: round(share(this.hits1, this.answerable)),
      recall5: round(share(this.hits5, this.answerable)),
      mrr10: round(share(this.reciprocal, this.answerable)),
      handoffPrecision: round(precision),
      handoffRecall: round(recall),
      handoffF1: round(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)),
      falseHandoff: round(share(this.falseHandoffs, this.answerable)),
    };
  }
}

/** The metrics as a table, one row per method. */
export function metricsTable(rows: Array<[string, Metrics]>): string {
  const columns: [keyof Metrics, string][] = [
    ['recall1', 'recall@1'],
    ['recall5', 'recall@5'],
    ['mrr10', 'MRR@10'],
    ['handoffPrecision', 'hand-off P'],
    ['handoffRecall', 'hand-off R'],
    ['handoffF1', 'hand-off F1'],
    ['falseHandoff', 'false hand-off'],
  ];
  const header = ['method', ...columns.map(([, name]) => name)];
  const cells = rows.map(([name, metrics]) => [name, ...columns.map(([key]) => metrics[key].toFixed(3))]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]): string => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), ...cells.map(line)].join('\n');
}
