// Choosing a threshold on a tuning split: the one with the best F1 among those precise enough, and among equals the
// highest (fewer false alarms). Used for the moods' default thresholds (training/fit-signals.ts).

export interface Scored {
  score: number;
  positive: boolean;
}

/** Precision and F1 of "score >= threshold" against the labels. */
export function scoresAt(scored: readonly Scored[], threshold: number): { precision: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { score, positive } of scored) {
    const predicted = score >= threshold;
    if (predicted && positive) tp++;
    else if (predicted) fp++;
    else if (positive) fn++;
  }
  return { precision: tp + fp ? tp / (tp + fp) : 1, f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn) };
}

/** The best threshold on a grid of 0.05 steps from 0.95 down to 0.05; none precise enough: the best F1 of all. */
export function bestThreshold(scored: readonly Scored[], minPrecision = 0): number {
  const grid = Array.from({ length: 19 }, (_, i) => (19 - i) / 20);
  const precise = grid.filter((threshold) => scoresAt(scored, threshold).precision >= minPrecision);
  let best = 0.95;
  let bestF1 = -1;
  for (const threshold of precise.length ? precise : grid) {
    const { f1 } = scoresAt(scored, threshold);
    if (f1 > bestF1) {
      best = threshold;
      bestF1 = f1;
    }
  }
  return best;
}
