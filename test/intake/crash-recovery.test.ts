// kill -9 of a real Jawab process at the worst moments, then a restart on the same DATA_DIR:
// the reply that was due is sent once, and nothing is sent twice. And a graceful stop (SIGTERM) that finishes
// its work first, leaving files only its own user can read.
import { readdir, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import type { JawabProcess } from '../helpers/child.js';
import { fixture, signDelivery } from '../helpers/fixtures.js';
import { SECRET } from '../helpers/harness.js';
import { restartsPerTest } from '../helpers/restarts.js';

const MESSAGES_PATH = '/api/v1/accounts/1/conversations/42/messages';
const incoming = fixture('message_created.incoming_contact.json');

const run = restartsPerTest('jawab-crash-', { CHATWOOT_TIMEOUT_MS: '30000' });
let jawab: JawabProcess;

async function writeSettings(replyDelaySeconds: number): Promise<void> {
  const settings = defaultSettings();
  settings.defaultProfile.replyDelaySeconds = replyDelaySeconds;
  await writeFile(join(run.dataDir, 'settings.json'), JSON.stringify(settings));
}

const start = (): Promise<JawabProcess> => run.start();

async function deliver(url: string): Promise<unknown> {
  const signed = signDelivery(SECRET, incoming);
  const response = await fetch(`${url}/webhooks/chatwoot`, { method: 'POST', headers: signed.headers, body: signed.body });
  expect(response.status).toBe(200);
  return response.json();
}

const botMessages = () => run.fake.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot');
const messagePosts = () => run.fake.requests.filter((r) => r.method === 'POST' && r.path === MESSAGES_PATH);

describe('kill -9 and restart', () => {
  it('sends the reply that was due during the reply delay exactly once after a restart', async () => {
    await writeSettings(2);
    jawab = await start();
    expect(await deliver(jawab.url)).toEqual({ result: 'accepted' });
    await jawab.kill9(); // inside the 2 s reply delay: nothing was sent yet
    expect(messagePosts()).toEqual([]);

    jawab = await start();
    await run.fake.waitFor(() => messagePosts().length >= 1, 10_000);
    await new Promise((r) => setTimeout(r, 2500)); // time for a wrong second reply to show up
    expect(messagePosts()).toHaveLength(1);
    expect(botMessages()).toHaveLength(1);
    expect(botMessages()[0]!.content).toContain('If you see two charges for the same order or the same invoice');
    run.fake.assertNoViolations();
  });

  it.each([
    // Chatwoot creates the message at once but answers only after 20 s: the process dies in between.
    { when: 'after Chatwoot created it but before the answer came back', slowMs: 20_000 },
    // Chatwoot confirmed it, and the settling is written behind (seconds later): it dies with the process.
    { when: 'after it was confirmed but before the confirmation was checkpointed', slowMs: 0 },
  ])('does not send a reply twice when killed $when', async ({ slowMs }) => {
    await writeSettings(0);
    if (slowMs) run.fake.inject({ method: 'POST', path: MESSAGES_PATH }, { kind: 'slow', ms: slowMs });
    jawab = await start();
    await deliver(jawab.url);
    await run.fake.waitFor(() => messagePosts().length === 1, 10_000);
    await jawab.kill9();
    expect(botMessages()).toHaveLength(1);

    jawab = await start();
    // On restart the unconfirmed reply is reconciled against the conversation's messages instead of resent. When the
    // kill came just after a checkpoint (every 5 s) had written the confirmation, there is nothing to reconcile and no
    // GET comes: the reply must still not be sent again, which is what is asserted.
    const reconciled = await run.fake.waitFor((requests) => requests.some((r) => r.method === 'GET' && r.path === MESSAGES_PATH), 10_000).then(
      () => true,
      () => false,
    );
    await new Promise((r) => setTimeout(r, reconciled ? 1500 : 0));
    expect(messagePosts()).toHaveLength(1);
    expect(botMessages()).toHaveLength(1);
    run.fake.assertNoViolations();
  });

  it('keeps an accepted delivery when killed right after acknowledging it', async () => {
    await writeSettings(0);
    run.fake.inject({ method: 'POST', path: MESSAGES_PATH }, { kind: 'drop', when: 'before' });
    jawab = await start();
    await deliver(jawab.url);
    await jawab.kill9();
    jawab = await start();
    await run.fake.waitFor(() => botMessages().length === 1, 15_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(botMessages()).toHaveLength(1);
  });
});

describe('SIGTERM', () => {
  it('stops taking deliveries, finishes the reply under way, checkpoints, and exits 0', async () => {
    await writeSettings(0);
    run.fake.inject({ method: 'POST', path: MESSAGES_PATH }, { kind: 'slow', ms: 1500 });
    jawab = await start();
    await deliver(jawab.url);
    await run.fake.waitFor(() => messagePosts().length === 1, 10_000);
    const exited = new Promise<number | null>((resolve) => jawab!.child.once('exit', (code) => resolve(code)));
    jawab.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(await connectable(run.port)).toBe(false); // no new deliveries while it finishes
    expect(await exited).toBe(0);

    // Nothing was left unconfirmed: a restart has nothing to reconcile or resend.
    run.fake.clearRequests();
    jawab = await start();
    await new Promise((r) => setTimeout(r, 1500));
    expect(run.fake.requests.filter((r) => r.path.startsWith('/api/v1/accounts/1/conversations/42'))).toEqual([]);
    expect(botMessages()).toHaveLength(1);
  });
});

describe('data files', () => {
  it('are readable and writable by the owner only', async () => {
    await writeSettings(0);
    jawab = await start();
    await deliver(jawab.url);
    await run.fake.waitFor(() => botMessages().length === 1, 10_000);
    await jawab.stop();
    const loose: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        // settings.json was written by this test, not by Jawab.
        if (path !== join(run.dataDir, 'settings.json') && ((await stat(path)).mode & 0o077) !== 0) loose.push(path);
        if (entry.isDirectory()) await walk(path);
      }
    };
    await walk(run.dataDir);
    expect(loose).toEqual([]);
    expect((await readdir(join(run.dataDir, 'conversations'))).length).toBeGreaterThan(0);
  });
});

function connectable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
