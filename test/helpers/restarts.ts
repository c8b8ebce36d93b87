// One Jawab process per test against its own fake Chatwoot and data folder, to be killed (kill -9) and started again
// on the same data: for promises that must survive a crash. Registers its own beforeEach/afterEach.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Settings } from '../../src/config/settings.js';
import { type FakeChatwoot, startFakeChatwoot } from '../fakes/fake-chatwoot.js';
import { fakeChatwootEnv, freePort, type JawabProcess, startJawabProcess } from './child.js';
import { signDelivery } from './fixtures.js';
import { KNOWLEDGE_DIR, SECRET } from './harness.js';
import { type CustomerMessage, customerMessage } from './payloads.js';

export interface Restarts {
  readonly fake: FakeChatwoot;
  readonly dataDir: string;
  readonly port: number;
  readonly jawab: JawabProcess;
  /** Writes the settings (first start only) and starts Jawab on this test's data folder and port. */
  start(settings?: Settings): Promise<JawabProcess>;
  /** Delivers a customer's message to conversation 42, signed, and expects it acknowledged. */
  say(message: CustomerMessage): Promise<void>;
  /** The bot's public messages in conversation 42, oldest first. */
  publicBot(): string[];
}

/** `env`: more of Jawab's environment, on every start. */
export function restartsPerTest(prefix: string, env: Record<string, string> = {}): Restarts {
  let fake: FakeChatwoot;
  let dataDir: string;
  let port: number;
  let jawab: JawabProcess | undefined;
  beforeEach(async () => {
    fake = await startFakeChatwoot();
    dataDir = await mkdtemp(join(tmpdir(), prefix));
    port = await freePort();
  });
  afterEach(async () => {
    await jawab?.stop();
    jawab = undefined;
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    get fake() {
      return fake;
    },
    get dataDir() {
      return dataDir;
    },
    get port() {
      return port;
    },
    get jawab() {
      if (!jawab) throw new Error('Jawab was not started');
      return jawab;
    },
    async start(settings) {
      if (settings) await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
      jawab = await startJawabProcess(fakeChatwootEnv(fake, dataDir, KNOWLEDGE_DIR, SECRET, env), port);
      return jawab;
    },
    async say(message) {
      const signed = signDelivery(SECRET, customerMessage(message));
      expect((await fetch(`${this.jawab.url}/webhooks/chatwoot`, { method: 'POST', headers: signed.headers, body: signed.body })).status).toBe(200);
    },
    publicBot: () => fake.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot' && !m.private).map((m) => m.content),
  };
}
