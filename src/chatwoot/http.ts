// HTTP to Chatwoot: one bottleneck limiter per Chatwoot host (shared by every client of that host, and with
// REDIS_URL by every replica),
// bounded in-call retries for answers that say "not done" (429, 5xx), and errors classified for the executor.
import axios, { type AxiosInstance, type AxiosRequestConfig, isAxiosError } from 'axios';
import Bottleneck from 'bottleneck';
import { HelpdeskError } from './port.js';

export interface HttpOptions {
  baseUrl: string;
  timeoutMs: number;
  /** The caller's policy: requests per second to this host. */
  maxRequestsPerSecond: number;
  /** In-call retries of 429/5xx before the failure goes back to the executor's durable retry. */
  retries?: number;
  /** Longest wait between in-call retries; a longer Retry-After is handed to the executor instead. */
  maxRetryWaitMs?: number;
  /** Where limiters live; default: in this process. */
  limiters?: LimiterFactory;
}

/**
 * Returns the rate limiter with this id, made with `options` the first time: in this process, or shared by every
 * replica through Redis (src/redis/limiters.ts).
 */
export type LimiterFactory = (id: string, options: Bottleneck.ConstructorOptions) => Bottleneck;

export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  token: string;
  body?: unknown;
  query?: Record<string, string | number>;
  /** Safe to repeat after a timeout or a dropped connection (the outcome of the first try is unknown). */
  idempotent: boolean;
  /** In-call retries of this call, when not the client's. */
  retries?: number;
}

const local = new Map<string, Bottleneck>();

export const localLimiters: LimiterFactory = (id, options) => {
  let limiter = local.get(id);
  if (!limiter) {
    limiter = new Bottleneck(options);
    local.set(id, limiter);
  }
  return limiter;
};

function limiterFor(baseUrl: string, rps: number, limiters: LimiterFactory): Bottleneck {
  return limiters(`chatwoot:${new URL(baseUrl).host}`, {
    maxConcurrent: 16,
    reservoir: rps,
    reservoirRefreshAmount: rps,
    reservoirRefreshInterval: 1000,
  });
}

export class ChatwootHttp {
  private readonly axios: AxiosInstance;
  private readonly limiter: Bottleneck;
  private readonly retries: number;
  private readonly maxRetryWaitMs: number;

  constructor(options: HttpOptions) {
    this.axios = axios.create({ baseURL: options.baseUrl, timeout: options.timeoutMs, validateStatus: () => true });
    this.limiter = limiterFor(options.baseUrl, options.maxRequestsPerSecond, options.limiters ?? localLimiters);
    this.retries = options.retries ?? 3;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? 5_000;
  }

  async request<T>(call: Call): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const failure = await this.once<T>(call);
      if (failure.ok) return failure.data;
      const { error } = failure;
      const repeatable = error.kind === 'transient' || (error.kind === 'unknown_outcome' && call.idempotent);
      const wait = error.retryAfterMs ?? 200 * 2 ** attempt + Math.floor(Math.random() * 100);
      if (!repeatable || attempt >= (call.retries ?? this.retries) || wait > this.maxRetryWaitMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async once<T>(call: Call): Promise<{ ok: true; data: T } | { ok: false; error: HelpdeskError }> {
    const config: AxiosRequestConfig = {
      method: call.method,
      url: call.path,
      params: call.query,
      data: call.body,
      headers: { api_access_token: call.token, ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    };
    const where = `${call.method} ${call.path}`;
    try {
      const response = await this.limiter.schedule(() => this.axios.request<T>(config));
      const { status } = response;
      if (status >= 200 && status < 300) return { ok: true, data: response.data };
      const detail = `${where} answered ${status}`;
      if (status === 429 || status >= 500) {
        return { ok: false, error: new HelpdeskError(detail, 'transient', retryAfterMs(response.headers['retry-after']), status) };
      }
      return { ok: false, error: new HelpdeskError(`${detail}: ${summarise(response.data)}`, 'permanent', undefined, status) };
    } catch (error) {
      const code = isAxiosError(error) ? error.code : undefined;
      // Refused before anything was sent: certainly not applied. Anything else may have reached Chatwoot.
      const kind = code === 'ECONNREFUSED' ? 'transient' : 'unknown_outcome';
      return { ok: false, error: new HelpdeskError(`${where} failed: ${code ?? String(error)}`, kind) };
    }
  }
}

/** Retry-After in seconds or as an HTTP date; capped at 10 minutes. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
  if (typeof header !== 'string' || !header.trim()) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 600_000) : undefined;
}

function summarise(data: unknown): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return (text ?? '').slice(0, 200);
}
