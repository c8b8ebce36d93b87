// One autocannon run of signed webhooks against a server: new customer messages spread over 1,000 conversations.
import autocannon from 'autocannon';
import { BENCH_SECRET } from './processes.js';
import { signedWebhook } from './webhooks.js';

export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONVERSATIONS = 1000;

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export async function load(url: string, options: { connections: number; rate?: number; seconds: number }): Promise<Load> {
  let n = 0;
  const result = await autocannon({
    url: `${url}/webhooks/chatwoot`,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    overallRate: options.rate,
    requests: [
      {
        setupRequest: (request) => {
          const { body, headers } = signedWebhook(BENCH_SECRET, (n++ % CONVERSATIONS) + 1);
          return { ...request, body, headers };
        },
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}
