// Exactly once through a storm of kill -9s (embedded store): a real Jawab process is killed at random moments 20
// times under a stream of customer messages and restarted at once on the same DATA_DIR. Every message is answered,
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

let fake: FakeChatwoot | undefined;
let openai: FakeOpenAI | undefined;
let jawab: JawabProcess | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await jawab?.stop();
  await fake?.close();
  await openai?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  jawab = fake = openai = dataDir = undefined;
});

describe('kill -9 storm on the embedded store', () => {
  it('answers every customer message exactly once through 20 random kill -9s', async () => {
    const seed = stormSeed();
    fake = await startFakeChatwoot();
    const model = await startEchoModel();
    openai = model.openai;
    dataDir = await mkdtemp(join(tmpdir(), 'jawab-storm-'));
    const settings = defaultSettings();
    settings.defaultProfile.replyDelaySeconds = 0;
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
    const port = await freePort();
    const env = fakeChatwootEnv(fake, dataDir, KNOWLEDGE_DIR, SECRET, { CHATWOOT_MAX_RPS: '500', ...model.env });
    jawab = await startJawabProcess(env, port);
    const report = await runKillStorm({
      seed,
      fake,
      kills: 20,
      target: () => jawab!.url,
      crash: async () => {
        await jawab!.kill9();
        jawab = await startJawabProcess(env, port);
      },
    });
    expect(report.problems, describeStorm(seed, report)).toEqual({ lost: [], duplicated: [], rerun: [] });
    fake.assertNoViolations();
  }, 420_000);
});
