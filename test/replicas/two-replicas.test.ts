// Two real Jawab processes on one Redis, against the fake Chatwoot: what a load balancer in front of several
// replicas needs. Duplicates are answered once, work spreads over both, and kill -9 of one loses nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Profile } from '../../src/config/settings.js';
import { type FakeChatwoot, startFakeChatwoot } from '../fakes/fake-chatwoot.js';
import { fakeChatwootEnv, freePort, type JawabProcess, startJawabProcess } from '../helpers/child.js';
import { signDelivery } from '../helpers/fixtures.js';
import { KNOWLEDGE_DIR, SECRET } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';
import { dropPrefix, redisForTests, TEST_REDIS_URL, testPrefix } from '../helpers/redis.js';

const ADMIN_TOKEN = 'replica-test-admin-token-0';
const runs = await redisForTests('the two-replica scenarios');

let fake: FakeChatwoot;
let prefix: string;
const replicas: JawabProcess[] = [];
const dataDirs: string[] = [];

/** A question the knowledge answers, as message `messageId` of conversation `conversationId`. */
const question = (conversationId: number, messageId: number) =>
  customerMessage({ id: messageId, conversationId, text: 'Hi, I was charged twice for my April invoice.' });

async function startReplica(profile: Partial<Profile>): Promise<JawabProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jawab-replica-'));
  dataDirs.push(dataDir);
  const settings = defaultSettings();
  settings.defaultProfile = { ...settings.defaultProfile, ...profile };
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
  const env = fakeChatwootEnv(fake, dataDir, KNOWLEDGE_DIR, SECRET, {
    CHATWOOT_MAX_RPS: '500',
    ADMIN_TOKEN,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
  });
  const replica = await startJawabProcess(env, await freePort());
  replicas.push(replica);
  return replica;
}

async function startPair(profile: Partial<Profile>): Promise<[JawabProcess, JawabProcess]> {
  fake = await startFakeChatwoot();
  prefix = testPrefix();
  return [await startReplica(profile), await startReplica(profile)];
}

async function deliver(replica: JawabProcess, payload: unknown, deliveryId?: string): Promise<string> {
  const signed = signDelivery(SECRET, payload, { deliveryId });
  const response = await fetch(`${replica.url}/webhooks/chatwoot`, { method: 'POST', headers: signed.headers, body: signed.body });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: string }).result;
}

const botReplies = (conversationId: number) => fake.conversation(1, conversationId).messages.filter((m) => m.sender.kind === 'bot');
const conversations = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const repliedOnce = (ids: number[]) => ids.filter((id) => botReplies(id).length === 1).length;
const repliedTwice = (ids: number[]) => ids.filter((id) => botReplies(id).length > 1);

/** Waits for every conversation to have its reply, then a little longer for any second reply to show up. */
async function expectOneReplyEach(ids: number[], timeoutMs: number): Promise<void> {
  await fake.waitFor(() => ids.every((id) => botReplies(id).length >= 1), timeoutMs);
  await new Promise((r) => setTimeout(r, 3_000));
  expect(repliedTwice(ids)).toEqual([]);
  expect(repliedOnce(ids)).toBe(ids.length);
  fake.assertNoViolations();
}

/** Actions this replica applied, from its own /metrics. */
async function actionsApplied(replica: JawabProcess): Promise<number> {
  const text = await (await fetch(`${replica.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('jawab_actions_total{') && line.includes('outcome="applied"'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

afterEach(async () => {
  for (const replica of replicas.splice(0)) await replica.stop();
  await fake?.close();
  for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true });
  if (prefix) await dropPrefix(prefix);
});

describe.skipIf(!runs)('two replicas on one Redis', () => {
  it('answers the same webhooks delivered to both replicas once', async () => {
    const [a, b] = await startPair({ replyDelaySeconds: 0 });
    const ids = conversations(100, 30);
    const results = await Promise.all(
      ids.flatMap((id) => {
        const payload = question(id, 5000 + id);
        // The same delivery (a retry that reached the other replica) and the same message without a delivery id
        // (the account webhook beside the agent bot).
        return [deliver(a, payload, `delivery-${id}`), deliver(b, payload, `delivery-${id}`), deliver(id % 2 ? a : b, payload)];
      }),
    );
    expect(results.filter((r) => r === 'accepted')).toHaveLength(ids.length);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(2 * ids.length);
    await expectOneReplyEach(ids, 60_000);
  }, 180_000);

  it('spreads 500 conversations over both replicas and answers each once', async () => {
    const [a, b] = await startPair({ replyDelaySeconds: 0 });
    const ids = conversations(1000, 500);
    for (let i = 0; i < ids.length; i += 25) {
      await Promise.all(ids.slice(i, i + 25).map((id) => deliver(id % 2 ? a : b, question(id, 9000 + id))));
    }
    await expectOneReplyEach(ids, 120_000);
    // Every webhook was accepted where it arrived, and the work was done by whichever replica took it: both did.
    const [byA, byB] = [await actionsApplied(a), await actionsApplied(b)];
    expect(byA + byB).toBe(ids.length);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
  }, 240_000);

  it('hands over in turn across both replicas: round robin shares one cursor', async () => {
    const handoff = { ...defaultSettings().defaultProfile.handoff, assign: { strategy: 'any_available' as const } };
    const [a, b] = await startPair({ replyDelaySeconds: 0, handoff });
    const ids = conversations(4000, 10);
    // Ten requests for a human at the same moment, five through each replica; agents 1 and 2 are online.
    await Promise.all(ids.map((id) => deliver(id % 2 ? a : b, customerMessage({ id: 8000 + id, conversationId: id, text: 'I want to talk to a human' }))));
    const assignees = () => ids.map((id) => fake.conversation(1, id).assigneeId);
    await fake.waitFor(() => assignees().every((agent) => agent !== null), 60_000);
    // Each replica alone would go 1, 2, 1, 2, 1: six for agent 1 and four for agent 2 in all.
    expect(assignees().filter((agent) => agent === 1)).toHaveLength(5);
    expect(assignees().filter((agent) => agent === 2)).toHaveLength(5);
    fake.assertNoViolations();
  }, 180_000);

  it('finishes every accepted piece of work on the survivor when one replica is killed with kill -9', async () => {
    const [a, b] = await startPair({ replyDelaySeconds: 2 });
    const first = conversations(2000, 100);
    const lastOnA = conversations(2500, 50);
    const second = conversations(3000, 100);
    await Promise.all(first.map((id) => deliver(id % 2 ? a : b, question(id, 7000 + id))));
    // Mid-way: some replies sent, the rest waiting on reply-delay timers, jobs and locks held by both replicas.
    await fake.waitFor(() => repliedOnce(first) >= 10, 60_000);
    // Accepted by A, then A dies inside their 2 s reply delay: their timers and jobs are all A left behind.
    await Promise.all(lastOnA.map((id) => deliver(a, question(id, 7000 + id))));
    await a.kill9();
    expect(repliedOnce(lastOnA)).toBe(0);
    await Promise.all(second.map((id) => deliver(b, question(id, 7000 + id))));
    // A's stalled jobs and expired locks are taken over by B (about 15-20 s); every timer fires once.
    await expectOneReplyEach([...first, ...lastOnA, ...second], 120_000);
  }, 240_000);
});
