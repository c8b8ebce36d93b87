// A durable timer across kill -9: the idle action set before the crash fires once after the restart.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { type FakeChatwoot, startFakeChatwoot } from '../fakes/fake-chatwoot.js';
import { fakeChatwootEnv, freePort, type JawabProcess, startJawabProcess } from '../helpers/child.js';
import { signDelivery } from '../helpers/fixtures.js';
import { KNOWLEDGE_DIR, SECRET } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

const CLOSING = 'We will close this chat now. Write to us any time!';
let fake: FakeChatwoot;
let dataDir: string;
let jawab: JawabProcess | undefined;

beforeEach(async () => {
  fake = await startFakeChatwoot();
  dataDir = await mkdtemp(join(tmpdir(), 'jawab-timer-'));
});
afterEach(async () => {
  await jawab?.stop();
  jawab = undefined;
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

const start = (port: number) => startJawabProcess(fakeChatwootEnv(fake, dataDir, KNOWLEDGE_DIR, SECRET), port);
const publicBot = () => fake.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot' && !m.private).map((m) => m.content);

it('fires the idle action once after a restart, not before it was due', async () => {
  const settings = defaultSettings();
  settings.defaultProfile = { ...settings.defaultProfile, replyDelaySeconds: 0, idle: { action: 'resolve', afterSeconds: 8, message: CLOSING, assign: { strategy: 'none' } } };
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
  const port = await freePort();
  jawab = await start(port);
  const signed = signDelivery(SECRET, customerMessage({ id: 9301, text: 'How long does delivery to Surabaya take?' }));
  expect((await fetch(`${jawab.url}/webhooks/chatwoot`, { method: 'POST', headers: signed.headers, body: signed.body })).status).toBe(200);
  await fake.waitFor(() => publicBot().length === 1, 15_000);
  await jawab.kill9();
  // The crash came before the idle time was over: the closing message is still to come.
  expect(publicBot()).toHaveLength(1);

  jawab = await start(port);
  await fake.waitFor(() => publicBot().length === 2, 20_000);
  await new Promise((r) => setTimeout(r, 1500)); // time for a wrong second closing message to show up
  expect(publicBot().slice(1)).toEqual([CLOSING]);
  expect(fake.conversation(1, 42).status).toBe('resolved');
  fake.assertNoViolations();
});
