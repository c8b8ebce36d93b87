// A durable timer across kill -9: the idle action set before the crash fires once after the restart.
import { expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { restartsPerTest } from '../helpers/restarts.js';

const CLOSING = 'We will close this chat now. Write to us any time!';
const run = restartsPerTest('jawab-timer-');

it('fires the idle action once after a restart, not before it was due', async () => {
  const settings = defaultSettings();
  settings.defaultProfile = { ...settings.defaultProfile, replyDelaySeconds: 0, idle: { action: 'resolve', afterSeconds: 8, message: CLOSING, assign: { strategy: 'none' } } };
  await run.start(settings);
  await run.say({ id: 9301, text: 'How long does delivery to Surabaya take?' });
  await run.fake.waitFor(() => run.publicBot().length === 1, 15_000);
  await run.jawab.kill9();
  // The crash came before the idle time was over: the closing message is still to come.
  expect(run.publicBot()).toHaveLength(1);

  await run.start();
  await run.fake.waitFor(() => run.publicBot().length === 2, 20_000);
  await new Promise((r) => setTimeout(r, 1500)); // time for a wrong second closing message to show up
  expect(run.publicBot().slice(1)).toEqual([CLOSING]);
  expect(run.fake.conversation(1, 42).status).toBe('resolved');
  run.fake.assertNoViolations();
});
