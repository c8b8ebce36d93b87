// The "nothing relevant" thresholds fitted per embeddings model by `npm run eval -- --fit test/eval/faq-tune.jsonl`
// (src/eval/faq-eval.ts): the values that hand off the most out-of-scope questions while handing off at most 5% of
// the answerable ones of the tuning split. Written by that command; edit the data only through it. A model that was
// not fitted (an OpenAI-compatible one) uses DEFAULT_THRESHOLDS.

export interface RelevanceThresholds {
  /** Minimum hybrid score of a relevant passage. */
  minScore: number;
  /** Minimum share of the question's IDF-weighted words a relevant passage must contain... */
  minCoverage: number;
  /** ...unless its cosine similarity reaches this. */
  minSimilarity: number;
}

export interface Calibration extends RelevanceThresholds {
  /** The tuning set the thresholds were fitted on, and when. */
  fittedOn: string;
  fittedAt: string;
}

export const DEFAULT_THRESHOLDS: RelevanceThresholds = { minScore: 0.3, minCoverage: 0.5, minSimilarity: 0.4 };

export const CALIBRATION: Readonly<Record<string, Calibration>> = {
  "offline-hash-v4-dim384": {
    "minScore": 0.31,
    "minCoverage": 0.2,
    "minSimilarity": 0.2,
    "fittedOn": "test/eval/faq-tune.jsonl",
    "fittedAt": "2026-12-06"
  }
};

/** The thresholds of an embeddings model: fitted when it was, the defaults otherwise. */
export function thresholdsFor(embeddingsId: string | undefined): RelevanceThresholds {
  const fitted = embeddingsId === undefined ? undefined : CALIBRATION[embeddingsId];
  return fitted === undefined ? DEFAULT_THRESHOLDS : { minScore: fitted.minScore, minCoverage: fitted.minCoverage, minSimilarity: fitted.minSimilarity };
}
