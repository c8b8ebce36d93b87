// An answerer that always gives the same answer: for tests about the pipeline around answers, not the answers.
import type { AnswerResult, Answerer } from '../../src/answer/types.js';

export function fixedAnswerer(text = 'Fixed answer.'): Answerer {
  return { answer: async (): Promise<AnswerResult> => ({ kind: 'answer', text, sources: [], mode: 'offline' }) };
}
