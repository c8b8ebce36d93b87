// A Jawab wired as in production (real store, intake, engine, executor, offline answerer over ./knowledge),
// against either the fake Chatwoot HTTP server or the sandbox helpdesk, in a temporary DATA_DIR.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { createJawab, type Jawab } from '../../src/app.js';
import type { Answerer } from '../../src/answer/types.js';
import { loadConfig } from '../../src/config/env.js';
import { defaultSettings, type Profile, type TeamLanguage } from '../../src/config/settings.js';
import { type Logger, silentLogger } from '../../src/log.js';
import { type FakeChatwootOptions, type FakeChatwoot, startFakeChatwoot } from '../fakes/fake-chatwoot.js';
import { signDelivery } from './fixtures.js';

export const SECRET = 'test-webhook-secret';
export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

export interface HarnessOptions {
  /** `fake`: the fake Chatwoot over HTTP (default); `sandbox`: the built-in helpdesk. */
  helpdesk?: 'fake' | 'sandbox';
  profile?: Partial<Profile>;
  /** The account's team language (default: derived from the persona). */
  teamLanguage?: TeamLanguage;
  fake?: FakeChatwootOptions;
  answerer?: Answerer;
  env?: Record<string, string>;
  dataDir?: string;
  /** Where Jawab logs (default: nowhere). */
  log?: Logger;
  /** The clock Jawab reads (durable timers in tests); default Date.now. */
  now?: () => number;
  /** Restart on `dataDir` with the settings it holds (default: write fresh ones from `profile`). */
  keepSettings?: boolean;
}

export interface Harness {
  jawab: Jawab;
  fake?: FakeChatwoot;
  dataDir: string;
  /** POSTs a signed webhook the way Chatwoot delivers it. */
  deliver(payload: unknown, options?: { deliveryId?: string; timestamp?: number }): Promise<request.Response>;
  /** Waits until the engine has nothing running, queued or due. */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'jawab-test-')));
  const settings = defaultSettings();
  settings.defaultProfile = { ...settings.defaultProfile, replyDelaySeconds: 0, ...options.profile };
  if (options.teamLanguage) settings.teamLanguage = options.teamLanguage;
  if (!options.keepSettings) await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
  const fake = options.helpdesk === 'sandbox' ? undefined : await startFakeChatwoot(options.fake);
  const config = loadConfig({
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR,
    ADMIN_TOKEN,
    CHATWOOT_WEBHOOK_SECRET: SECRET,
    ...(fake && { CHATWOOT_URL: fake.url, CHATWOOT_BOT_TOKEN: fake.botToken, CHATWOOT_API_TOKEN: fake.userToken, CHATWOOT_TIMEOUT_MS: '2000' }),
    ...options.env,
  });
  const jawab = await createJawab(config, options.log ?? silentLogger, { answerer: options.answerer, now: options.now });
  await jawab.ready;

  const settle = async (timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await jawab.sandbox?.settled();
      await jawab.engine.idle();
      await new Promise((r) => setTimeout(r, 20));
      if (!jawab.engine.busy && jawab.engine.pendingTimers === 0 && !jawab.sandbox?.deliveriesInFlight && !(await busy(jawab))) return;
      if (Date.now() > deadline) throw new Error('the engine did not settle in time');
    }
  };

  return {
    jawab,
    fake,
    dataDir,
    deliver: (payload, deliveryOptions) => {
      const signed = signDelivery(SECRET, payload, deliveryOptions);
      return request(jawab.http).post('/webhooks/chatwoot').set(signed.headers).send(signed.body);
    },
    settle,
    close: async () => {
      await jawab.close();
      await fake?.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Work left in the store: unconfirmed actions. */
async function busy(jawab: Jawab): Promise<boolean> {
  for (const key of await jawab.store.activeKeys()) {
    const record = await jawab.store.read(key);
    if (record?.outbox.length) return true;
  }
  return false;
}

/** Method, path and token of each request: the shape of what Jawab did, in order. */
export function calls(fake: FakeChatwoot): string[] {
  return fake.requests.map((r) => `${r.method} ${r.path} ${r.token}`);
}
