// Environment configuration (SPEC 2). A bad value stops the start with one line naming the variable.
import { z } from 'zod';
import { parseAllowEntry } from '../net/address-policy.js';
import { DEFAULT_RETENTION_DAYS } from '../store/types.js';
import type { HttpLimits } from '../web/http-server.js';
import { type TrustProxy, trustProxySchema } from './trust-proxy.js';

const splitList = (list: string) => list.split(',').map((item) => item.trim()).filter(Boolean);

const optionalUrl = z
  .string()
  .trim()
  .transform((s) => s.replace(/\/+$/, ''))
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
  .optional();

const bool = z.enum(['true', 'false', '1', '0']).transform((s) => s === 'true' || s === '1');

/**
 * The default CHATWOOT_MAX_RPS comes from Chatwoot's own limit: every request from one IP address counts in
 * Rack::Attack's `req/ip` throttle, `RACK_ATTACK_LIMIT` requests a minute, 3000 by default
 * (chatwoot/chatwoot config/initializers/rack_attack.rb, since chatwoot/chatwoot#7866 and #8044 in 2023; on in
 * production unless ENABLE_RACK_ATTACK=false); beyond it Chatwoot answers 429 until the minute ends. Rack::Attack
 * counts in clock-aligned minutes and Jawab's limiter refills every second, so one of Chatwoot's minutes can hold 61
 * of Jawab's refills: 49 a second is the most that stays within 3000 (61 × 49 = 2,989).
 */
const CHATWOOT_REQUESTS_PER_MINUTE = 3000;
const DEFAULT_CHATWOOT_MAX_RPS = Math.floor(CHATWOOT_REQUESTS_PER_MINUTE / 61);

const envSchema = z.object({
  // Decimal digits only: Number() would read " " as 0 (a random port) and "0x10" as 16.
  PORT: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'must be a port number')
    .transform(Number)
    .pipe(z.number().max(65_535, 'must be a port number'))
    .default(3000),
  HOST: z.string().default('0.0.0.0'),
  CHATWOOT_URL: optionalUrl,
  CHATWOOT_BOT_TOKEN: z.string().min(1).optional(),
  CHATWOOT_API_TOKEN: z.string().min(1).optional(),
  CHATWOOT_WEBHOOK_SECRET: z.string().min(1).optional(),
  ALLOW_UNSIGNED_WEBHOOKS: bool.default(false),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
  /** Answers per second through the model (for all replicas together with REDIS_URL); unset: no limit. */
  OPENAI_MAX_RPS: z.coerce.number().int().positive().optional(),
  /** Per model call: the customer is waiting in a chat, and a failed call falls back to the offline answer. */
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  /** The provider's speech-to-text model (`/audio/transcriptions`): voice notes are transcribed only when set. */
  OPENAI_TRANSCRIPTION_MODEL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  KNOWLEDGE_DIR: z.string().min(1).default('./knowledge'),
  REDIS_URL: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }))
    .optional(),
  /** Days a conversation's state is kept after its last activity (store/retention.ts, redis-store.ts). */
  RETENTION_DAYS: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'must be a whole number of days from 1 to 36500')
    .transform(Number)
    .pipe(z.number().min(1, 'must be a whole number of days from 1 to 36500').max(36_500, 'must be a whole number of days from 1 to 36500'))
    .default(DEFAULT_RETENTION_DAYS),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be letters, digits, - or _ (at most 40)').default('jawab'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Upper bound on requests per second to one Chatwoot host (for all replicas together with REDIS_URL). */
  CHATWOOT_MAX_RPS: z.coerce.number().positive().default(DEFAULT_CHATWOOT_MAX_RPS),
  CHATWOOT_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Comma-separated hosts, addresses or CIDR ranges that crawled websites and integrations may reach although private. */
  ALLOWED_PRIVATE_HOSTS: z
    .string()
    .default('')
    .superRefine((list, ctx) => {
      const bad = splitList(list).find((entry) => parseAllowEntry(entry) === undefined);
      if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `has "${bad}", which is not a host, address or CIDR range with an optional :port (e.g. wiki.internal:8080, [fd00::5]:443, 10.0.0.0/8:*)` });
    }),
  /** The HTTP server's limits (web/http-server.ts): sized for webhooks, which Chatwoot gives about 5 s. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(500),
  HTTP_MAX_REQUESTS_PER_SOCKET: z.coerce.number().int().min(0).default(1_000),
  /** Reverse proxies allowed to name the client (X-Forwarded-For): config/trust-proxy.ts. */
  TRUST_PROXY: trustProxySchema.default(false),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  chatwoot?: {
    url: string;
    botToken: string;
    userToken: string;
    maxRequestsPerSecond: number;
    timeoutMs: number;
  };
  webhookSecret?: string;
  allowUnsignedWebhooks: boolean;
  adminToken?: string;
  openai?: { apiKey: string; baseURL?: string; model: string; embeddingModel: string; timeoutMs: number; maxAnswersPerSecond?: number; transcriptionModel?: string };
  dataDir: string;
  knowledgeDir: string;
  logLevel: Env['LOG_LEVEL'];
  allowPrivateHosts: string[];
  http: HttpLimits;
  /** Express's `trust proxy`: who may say who the client is. */
  trustProxy: TrustProxy;
  /** Shared state for several replicas; unset: the embedded store in DATA_DIR. */
  redis?: { url: string; prefix: string };
  /** Days a conversation's state is kept after its last activity (unless it has work left or the AI was stopped there). */
  retentionDays: number;
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError with one line that names the variable. */
export function loadConfig(source: Record<string, string | undefined>): Config {
  // Empty strings count as unset: `FOO= npm start` is common in .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`configuration error: ${issue.path.join('.')} ${issue.message}`);
  }
  const env = parsed.data;
  if (env.REDIS_URL && !env.CHATWOOT_URL) {
    throw new ConfigError('configuration error: REDIS_URL needs CHATWOOT_URL (the built-in sandbox helpdesk lives inside one process)');
  }
  if (env.REDIS_URL && !env.ADMIN_TOKEN) {
    throw new ConfigError('configuration error: ADMIN_TOKEN is required with REDIS_URL, so every replica accepts the same token');
  }
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError('configuration error: HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS (the head is part of the request)');
  }
  const missingTokens = env.CHATWOOT_URL ? (['CHATWOOT_BOT_TOKEN', 'CHATWOOT_API_TOKEN'] as const).filter((name) => !env[name]) : [];
  if (missingTokens.length > 0) {
    // With one token only, Jawab either replies as a user (and then reads its own replies as a human takeover) or
    // cannot read messages, labels and agents: there is no useful half-configured mode.
    throw new ConfigError(
      `configuration error: ${missingTokens.join(' and ')} ${missingTokens.length > 1 ? 'are' : 'is'} required with CHATWOOT_URL ` +
        "(Jawab needs both: the agent bot's token so its replies show as the bot, an administrator's for labels, agents and reading messages)",
    );
  }
  if (env.CHATWOOT_URL && !env.CHATWOOT_WEBHOOK_SECRET && !env.ALLOW_UNSIGNED_WEBHOOKS) {
    throw new ConfigError(
      'configuration error: CHATWOOT_WEBHOOK_SECRET is required with CHATWOOT_URL (or set ALLOW_UNSIGNED_WEBHOOKS=true to accept unsigned deliveries)',
    );
  }
  return {
    port: env.PORT,
    host: env.HOST,
    chatwoot: env.CHATWOOT_URL
      ? {
          url: env.CHATWOOT_URL,
          // Both are present: checked above.
          botToken: env.CHATWOOT_BOT_TOKEN!,
          userToken: env.CHATWOOT_API_TOKEN!,
          maxRequestsPerSecond: env.CHATWOOT_MAX_RPS,
          timeoutMs: env.CHATWOOT_TIMEOUT_MS,
        }
      : undefined,
    webhookSecret: env.CHATWOOT_WEBHOOK_SECRET,
    allowUnsignedWebhooks: env.ALLOW_UNSIGNED_WEBHOOKS,
    adminToken: env.ADMIN_TOKEN,
    openai: env.OPENAI_API_KEY
      ? {
          apiKey: env.OPENAI_API_KEY,
          baseURL: env.OPENAI_BASE_URL,
          model: env.OPENAI_MODEL,
          embeddingModel: env.OPENAI_EMBEDDING_MODEL,
          timeoutMs: env.OPENAI_TIMEOUT_MS,
          maxAnswersPerSecond: env.OPENAI_MAX_RPS,
          transcriptionModel: env.OPENAI_TRANSCRIPTION_MODEL,
        }
      : undefined,
    dataDir: env.DATA_DIR,
    knowledgeDir: env.KNOWLEDGE_DIR,
    logLevel: env.LOG_LEVEL,
    allowPrivateHosts: splitList(env.ALLOWED_PRIVATE_HOSTS),
    trustProxy: env.TRUST_PROXY,
    http: {
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: env.HTTP_MAX_CONNECTIONS,
      maxRequestsPerSocket: env.HTTP_MAX_REQUESTS_PER_SOCKET,
    },
    redis: env.REDIS_URL ? { url: env.REDIS_URL, prefix: env.REDIS_PREFIX } : undefined,
    retentionDays: env.RETENTION_DAYS,
  };
}

/** The values that must never appear in a log line. */
export function secretsOf(config: Config): string[] {
  const redisPassword = config.redis ? decodeURIComponent(new URL(config.redis.url).password) : undefined;
  const values = [config.chatwoot?.botToken, config.chatwoot?.userToken, config.webhookSecret, config.adminToken, config.openai?.apiKey, redisPassword];
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}
