// The model provider's rate limit: answers that go through the model wait for a shared limiter (one id per provider
// host, in Redis with several replicas), so OPENAI_MAX_RPS holds for every replica together.
import type { LimiterFactory } from '../chatwoot/http.js';
import type { Config } from '../config/env.js';
import type { Answerer } from './types.js';

const OPENAI_HOST = 'api.openai.com';

export function rateLimited(answerer: Answerer, openai: Config['openai'], limiters: LimiterFactory): Answerer {
  const rps = openai?.maxAnswersPerSecond;
  if (!rps) return answerer;
  const host = openai.baseURL ? new URL(openai.baseURL).host : OPENAI_HOST;
  const limiter = limiters(`model:${host}`, { reservoir: rps, reservoirRefreshAmount: rps, reservoirRefreshInterval: 1000 });
  return { answer: (request) => limiter.schedule(() => answerer.answer(request)) };
}
