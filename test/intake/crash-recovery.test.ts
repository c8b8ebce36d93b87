// kill -9 of a real Jawab process at the worst moments, then a restart on the same DATA_DIR:
// the reply that was due is sent once, and nothing is sent twice.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { type FakeChatwoot, startFakeChatwoot } from '../fakes/fake-chatwoot.js';
import { fakeChatwootEnv, freePort, type JawabProcess, startJawabProcess } from '../helpers/child.js';
import { fixture, signDelivery } from '../helpers/fixtures.js';
import { SECRET } from '../helpers/harness.js';

const MESSAGES_PATH = '/api/v1/accounts/1/conversations/42/messages';
const incoming = fixture('message_created.incoming_contact.json');

let fake: FakeChatwoot;
let dataDir: string;
let jawab: JawabProcess | undefined;
let port: number;

async function writeSettings(replyDelaySeconds: number): Promise<void> {
  const settings = defaultSettings();
  settings.defaultProfile.replyDelaySeconds = replyDelaySeconds;
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
}

function start(): Promise<JawabProcess> {
  return startJawabProcess(
    {
      ...fakeChatwootEnv(fake, dataDir),
      CHATWOOT_TIMEOUT_MS: '30000',
      ADMIN_TOKEN: 'crash-test-admin-token-000',
    },
    port,
  );
}

async function deliver(url: string): Promise<unknown> {
  const signed = signDelivery(SECRET, incoming);
  const response = await fetch(`${url}/webhooks/chatwoot`, { method: 'POST', headers: signed.headers, body: signed.body });
  expect(response.status).toBe(200);
  return response.json();
}

const botMessages = () => fake.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot');
const messagePosts = () => fake.requests.filter((r) => r.method === 'POST' && r.path === MESSAGES_PATH);

beforeEach(async () => {
  fake = await startFakeChatwoot();
  dataDir = await mkdtemp(join(tmpdir(), 'jawab-crash-'));
  port = await freePort();
});

afterEach(async () => {
  await jawab?.stop();
  jawab = undefined;
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('kill -9 and restart', () => {
  it('sends the reply that was due during the reply delay exactly once after a restart', async () => {
    await writeSettings(2);
    jawab = await start();
    expect(await deliver(jawab.url)).toEqual({ result: 'accepted' });
    await jawab.kill9(); // inside the 2 s reply delay: nothing was sent yet
    expect(messagePosts()).toEqual([]);

    jawab = await start();
    await fake.waitFor(() => messagePosts().length >= 1, 10_000);
    await new Promise((r) => setTimeout(r, 2500)); // time for a wrong second reply to show up
    expect(messagePosts()).toHaveLength(1);
    expect(botMessages()).toHaveLength(1);
    expect(botMessages()[0]!.content).toContain('If you see two charges for the same order or the same invoice');
    fake.assertNoViolations();
  });

  it.each([
    // Chatwoot creates the message at once but answers only after 20 s: the process dies in between.
    { when: 'after Chatwoot created it but before the answer came back', slowMs: 20_000 },
    // Chatwoot confirmed it, and the settling is written behind (about a second later): it dies with the process.
    { when: 'after it was confirmed but before the confirmation was checkpointed', slowMs: 0 },
  ])('does not send a reply twice when killed $when', async ({ slowMs }) => {
    await writeSettings(0);
    if (slowMs) fake.inject({ method: 'POST', path: MESSAGES_PATH }, { kind: 'slow', ms: slowMs });
    jawab = await start();
    await deliver(jawab.url);
    await fake.waitFor(() => messagePosts().length === 1, 10_000);
    await jawab.kill9();
    expect(botMessages()).toHaveLength(1);

    jawab = await start();
    // On restart the unconfirmed reply is reconciled against the conversation's messages instead of resent.
    await fake.waitFor((requests) => requests.some((r) => r.method === 'GET' && r.path === MESSAGES_PATH), 10_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(messagePosts()).toHaveLength(1);
    expect(botMessages()).toHaveLength(1);
    fake.assertNoViolations();
  });

  it('keeps an accepted delivery when killed right after acknowledging it', async () => {
    await writeSettings(0);
    fake.inject({ method: 'POST', path: MESSAGES_PATH }, { kind: 'drop', when: 'before' });
    jawab = await start();
    await deliver(jawab.url);
    await jawab.kill9();
    jawab = await start();
    await fake.waitFor(() => botMessages().length === 1, 15_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(botMessages()).toHaveLength(1);
  });
});
