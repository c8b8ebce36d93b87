// Written by `npm run fit:signals` (training/fit-signals.ts); do not edit. Per mood, the threshold with the best F1
// on test/eval/classifier-tune.jsonl: the default of a profile's `sentimentThresholds`.
export const TUNED_THRESHOLDS = {"frustrated":0.65,"confused":0.7,"happy":0.8,"sad":0.65} as const;
