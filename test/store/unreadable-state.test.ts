// A conversation's state that cannot be read (its file cut in half, emptied, garbage, or JSON of the wrong shape; on
// Redis, a broken value) does not silence that conversation: the state is moved aside, named in one error line and
// counted on /metrics, the conversation API answers, and the conversation is handed to a person with the usual
// handoff, whose note says that Jawab lost its memory of it (answering afresh could repeat a reply Jawab no longer
// knows it sent: the journal hands old messages over again after a restart).
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';
import { dropPrefix, redisForTests, TEST_REDIS_URL, testPrefix } from '../helpers/redis.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const redisRuns = await redisForTests('an unreadable conversation on Redis');
const tempDir = tempDirs('jawab-unreadable-');
const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
const CONV = '/api/v1/accounts/1/conversations/42';
/** The audit's reason, and the first line of the note in the team language (Indonesian: the default persona's). */
const LOST = 'Jawab lost its memory of this conversation (what it had kept could not be read and was moved aside)';
const LOST_NOTE = 'Diserahkan ke tim: Jawab kehilangan ingatan tentang percakapan ini.';

let h: Harness | undefined;
let prefix: string | undefined;
let logLines: string[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (prefix) await dropPrefix(prefix);
  prefix = undefined;
  logLines = [];
});

async function start(dataDir: string, env: Record<string, string> = {}): Promise<Harness> {
  h = await startHarness({ answerer: fixedAnswerer(), dataDir, keepSettings: true, env, log: createLogger('warn', (line) => logLines.push(line)) });
  return h;
}

/** Conversation 3-42 answered once; then Jawab stops (its state is stored). */
async function answeredOnce(dataDir: string, env: Record<string, string> = {}): Promise<void> {
  h = await startHarness({ answerer: fixedAnswerer(), dataDir, env });
  await h.deliver(customerMessage({ id: 801, text: 'Hi, I was charged twice for my April invoice.' }));
  await h.settle();
  await h.close();
  h = undefined;
}

/** The handoff, and nothing else: no answer to the old message or the new one. */
function expectHandedOver(harness: Harness): void {
  expect(harness.fake!.requests.map((r) => `${r.method} ${r.path.replace(CONV, '')}`)).toEqual([
    'POST /messages',
    'POST /messages',
    `GET /labels`,
    `POST /labels`,
    'GET /api/v1/accounts/1/agents',
    'GET /api/v2/accounts/1/reports/conversations/',
    'POST /assignments',
    'POST /toggle_status',
    'GET ',
    'POST /custom_attributes',
  ]);
  const [handover, note] = harness.fake!.requests.map((r) => r.body as { content: string; private: boolean });
  expect(handover).toMatchObject({ content: 'I am passing you to a member of our team now. They will reply here shortly.', private: false });
  expect(note!.content.split('\n')[0]).toBe(LOST_NOTE);
  expect(note!.private).toBe(true);
  expect(harness.fake!.conversation(1, 42)).toMatchObject({ status: 'open', labels: ['jawab-handoff'], assigneeId: 1, customAttributes: { jawab_owner: 'human' } });
  harness.fake!.assertNoViolations();
}

/** Counted once on /metrics, in one error line naming where it was and where it went; the API shows the handoff. */
async function expectReported(harness: Harness, file: string, movedTo: string): Promise<void> {
  const api = request(harness.jawab.http);
  expect((await api.get('/metrics')).text).toMatch(/^jawab_state_files_quarantined_total 1$/m);
  const errors = logLines.filter((line) => line.includes('"level":"error"')).map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(errors).toEqual([expect.objectContaining({ conversation: '3-42', file, movedTo, reason: expect.any(String) })]);
  const shown = (await api.get('/api/conversations/3-42').set(bearer).expect(200)).body as { owner: string; audit: Array<{ what: string; why: string }> };
  expect(shown.owner).toBe('human');
  expect(shown.audit).toContainEqual(expect.objectContaining({ what: 'handoff', why: LOST }));
}

const corruptions = [
  { kind: 'cut in half', corrupt: (text: string) => text.slice(0, Math.floor(text.length / 2)) },
  { kind: 'emptied', corrupt: () => '' },
  { kind: 'filled with garbage', corrupt: () => '\u0000\u0007 this is not JSON {{{' },
  { kind: 'valid JSON of the wrong shape', corrupt: () => JSON.stringify({ state: { owner: 'robot' }, outbox: 'none' }) },
];

const quarantined = async (dataDir: string): Promise<string> => {
  const [moved, ...others] = await readdir(join(dataDir, 'quarantine'));
  expect(others).toEqual([]);
  expect(moved).toMatch(/^3-42\..+\.json$/);
  return join(dataDir, 'quarantine', moved!);
};

describe('an unreadable conversation state file', () => {
  it.each(corruptions)('$kind: is moved aside, and the conversation is handed to a person', async ({ corrupt }) => {
    const dataDir = await tempDir();
    await answeredOnce(dataDir);
    const file = join(dataDir, 'conversations', '3-42.json');
    const broken = corrupt(await readFile(file, 'utf8'));
    await writeFile(file, broken);
    // Long after: the journal holds nothing of this conversation any more.
    await rm(join(dataDir, 'journal'), { recursive: true });

    const harness = await start(dataDir);
    expect((await request(harness.jawab.http).get('/api/conversations/3-42').set(bearer)).status).toBe(404);
    const movedTo = await quarantined(dataDir);
    expect(await readFile(movedTo, 'utf8')).toBe(broken);
    await harness.deliver(customerMessage({ id: 802, text: 'How long does delivery to Surabaya take?' }));
    await harness.settle();
    expectHandedOver(harness);
    await expectReported(harness, file, movedTo);
    // The conversation's file is whole again: a restart reads it.
    await harness.close();
    h = undefined;
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ outbox: [], state: { owner: 'human' } });
  });

  it('leaves a conversation that Chatwoot shows with people to them, with the note alone', async () => {
    const dataDir = await tempDir();
    await answeredOnce(dataDir);
    await writeFile(join(dataDir, 'conversations', '3-42.json'), 'garbage');
    await rm(join(dataDir, 'journal'), { recursive: true });
    const harness = await start(dataDir);
    await harness.deliver(customerMessage({ id: 802, text: 'How long does delivery to Surabaya take?', status: 'open' }));
    await harness.settle();
    expect(harness.fake!.requests.map((r) => [r.method, r.path, (r.body as { content: string }).content])).toEqual([
      ['POST', `${CONV}/messages`, 'Jawab kehilangan ingatan tentang percakapan ini (yang disimpannya tidak bisa dibaca dan dipindahkan). Percakapan ini tetap ditangani tim Anda.'],
    ]);
  });

  it('does not answer again a message the journal hands over after the restart', async () => {
    const dataDir = await tempDir();
    await answeredOnce(dataDir);
    const file = join(dataDir, 'conversations', '3-42.json');
    await writeFile(file, '{"outbox": [');
    const harness = await start(dataDir);
    await harness.settle();
    expectHandedOver(harness);
    await expectReported(harness, file, await quarantined(dataDir));
  });
});

describe.skipIf(!redisRuns)('an unreadable conversation state on Redis', () => {
  it.each(corruptions)('$kind: is moved aside, and the conversation is handed to a person', async ({ corrupt }) => {
    prefix = testPrefix();
    const env = { ADMIN_TOKEN, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };
    const dataDir = await tempDir();
    await answeredOnce(dataDir, env);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const key = `${prefix}:conv:3-42`;
      const broken = corrupt((await redis.hget(key, 'data'))!);
      await redis.hset(key, 'data', broken);

      const harness = await start(dataDir, env);
      expect((await request(harness.jawab.http).get('/api/conversations/3-42').set(bearer)).status).toBe(404);
      const moved = await redis.keys(`${prefix}:quarantine:3-42:*`);
      expect(moved).toHaveLength(1);
      expect(await redis.hget(moved[0]!, 'data')).toBe(broken);
      await harness.deliver(customerMessage({ id: 802, text: 'How long does delivery to Surabaya take?' }));
      await harness.settle();
      expectHandedOver(harness);
      await expectReported(harness, key, moved[0]!);
    } finally {
      redis.disconnect();
    }
  });
});
