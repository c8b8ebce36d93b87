// Exactly once through a storm of kill -9s with two replicas on Redis: replica B is killed at random moments 20 times
// under a stream of customer messages spread over both (a load balancer's picks; a refused delivery is retried on
// either) and restarted at once; A takes over what B left (stalled jobs, expired locks). Every message is answered,
// nothing is posted twice, and no handoff step is applied twice. Replay a failure with JAWAB_TEST_SEED=<seed>.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { type FakeChatwoot, startFakeChatwoot } from '../fakes/fake-chatwoot.js';
import type { FakeOpenAI } from '../fakes/fake-openai.js';
import { fakeChatwootEnv, freePort, type JawabProcess, startJawabProcess } from '../helpers/child.js';
import { KNOWLEDGE_DIR, SECRET } from '../helpers/harness.js';
import { describeStorm, runKillStorm, startEchoModel, stormSeed } from '../helpers/kill-storm.js';
import { dropPrefix, redisForTests, TEST_REDIS_URL, testPrefix } from '../helpers/redis.js';

const runs = await redisForTests('the kill -9 storm on two replicas');

let fake: FakeChatwoot | undefined;
let openai: FakeOpenAI | undefined;
let prefix: string | undefined;
const replicas: Array<JawabProcess | undefined> = [];
const dataDirs: string[] = [];

afterEach(async () => {
  for (const replica of replicas.splice(0)) await replica?.stop();
  await fake?.close();
  await openai?.close();
  for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true });
  if (prefix) await dropPrefix(prefix);
  fake = openai = prefix = undefined;
});

describe.skipIf(!runs)('kill -9 storm on two replicas', () => {
  it('answers every customer message exactly once while one replica is killed 20 times', async () => {
    const seed = stormSeed();
    fake = await startFakeChatwoot();
    const model = await startEchoModel();
    openai = model.openai;
    prefix = testPrefix();
    const settings = defaultSettings();
    settings.defaultProfile.replyDelaySeconds = 0;
    const envs = await Promise.all(
      [0, 1].map(async () => {
        const dataDir = await mkdtemp(join(tmpdir(), 'jawab-storm-replica-'));
        dataDirs.push(dataDir);
        await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
        const extra = { CHATWOOT_MAX_RPS: '500', ADMIN_TOKEN: 'storm-admin-token-0000', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix!, ...model.env };
        return { env: fakeChatwootEnv(fake!, dataDir, KNOWLEDGE_DIR, SECRET, extra), port: await freePort() };
      }),
    );
    const start = (i: number) => startJawabProcess(envs[i]!.env, envs[i]!.port);
    replicas.push(await start(0), await start(1));
    const report = await runKillStorm({
      seed,
      fake,
      kills: 20,
      // Both replicas behind a load balancer; a delivery to the dead one is refused and tried again.
      target: (random) => `http://127.0.0.1:${envs[random() < 0.5 ? 0 : 1]!.port}`,
      crash: async () => {
        await replicas[1]!.kill9();
        replicas[1] = await start(1);
      },
    });
    expect(report.problems, describeStorm(seed, report)).toEqual({ lost: [], duplicated: [], rerun: [] });
    fake.assertNoViolations();
  }, 480_000);
});
