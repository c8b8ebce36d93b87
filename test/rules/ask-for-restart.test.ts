// Details collected across a crash: what a rule asked for, what was given and its held message live in the
// conversation's state, so a kill -9 mid-collection (after the question went out, and right after a detail was
// acknowledged, before or while its turn ran) loses nothing and repeats nothing.
import { expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { restartsPerTest } from '../helpers/restarts.js';

const THANKS = 'Thank you! Our sales team will contact you today.';
const REASK = 'Thank you! Could you also share your email address?';
const run = restartsPerTest('jawab-ask-restart-');
const say = (id: number, text: string) => run.say({ id, text, contact: { email: null, phone_number: null } });

it('a restart mid-collection keeps what was asked, given and held: each question and the held message go out once', async () => {
  const settings = defaultSettings();
  settings.defaultProfile = {
    ...settings.defaultProfile,
    replyDelaySeconds: 0,
    rules: [
      {
        name: 'lead',
        enabled: true,
        match: 'all',
        conditions: [{ type: 'contains', value: 'text', text: 'wholesale' }],
        actions: [{ type: 'send_message', text: THANKS }, { type: 'ask_for', fields: ['email', 'phone'], attributes: [], tries: 3, fallback: 'continue' }],
      },
    ],
  };
  await run.start(settings);
  await say(9201, 'Hello, I am interested in a wholesale order');
  await run.fake.waitFor(() => run.publicBot().length === 1, 15_000);
  expect(run.publicBot()[0]).toMatch(/Could you share your email address and phone number\?$/);
  // Killed after the question went out: the state on disk says what is still missing.
  await run.jawab.kill9();

  await run.start();
  await say(9202, 'my phone is 0813 2222 3333');
  // Killed right after the detail was acknowledged: its turn runs after the restart, from the journal, once.
  await run.jawab.kill9();
  await run.start();
  await run.fake.waitFor(() => run.publicBot().length === 2, 20_000);
  expect(run.publicBot()[1]).toBe(REASK);
  expect(run.fake.contact(1, 57).phoneNumber).toBe('+6281322223333');

  await say(9203, 'siti@example.com');
  await run.fake.waitFor(() => run.publicBot().length === 3, 15_000);
  await run.jawab.kill9();
  await run.start();
  await new Promise((r) => setTimeout(r, 1500)); // time for a wrong second message to show up
  expect(run.publicBot().slice(1)).toEqual([REASK, THANKS]);
  expect(run.fake.contact(1, 57)).toMatchObject({ email: 'siti@example.com', phoneNumber: '+6281322223333' });
  run.fake.assertNoViolations();
});
