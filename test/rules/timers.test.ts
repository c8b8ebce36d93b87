// Idle actions and follow-ups are durable timers: they fire once when due, not at all when the customer replied,
// a human took over or the conversation was resolved meanwhile. The clock is Jawab's own (`now`), moved by the test.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/config/settings.js';
import { defaultSettings } from '../../src/config/settings.js';
import { clockHarnessPerTest } from '../helpers/clock.js';
import { fixture } from '../helpers/fixtures.js';
import { ADMIN_TOKEN, type Harness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

const { start, quiet, advance, state } = clockHarnessPerTest();
const bot = (harness: Harness) => harness.fake!.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot' && !m.private).map((m) => m.content);

describe('follow-ups', () => {
  const followUps: Profile['followUps'] = [
    { afterSeconds: 60, message: 'Are you still there?', then: 'none' },
    { afterSeconds: 120, message: 'I will close this chat now. Write any time!', then: 'resolve' },
  ];

  it('sends each follow-up once when due, then resolves', async () => {
    const harness = await start({ followUps });
    await harness.deliver(customerMessage({ id: 9201, text: 'Do you ship to Bali?' }));
    await quiet();
    await advance(30);
    expect(bot(harness)).toEqual(['Here you go.']);
    await advance(31);
    await advance(1); // a second wake-up sends nothing more
    expect(bot(harness)).toEqual(['Here you go.', 'Are you still there?']);
    await advance(120);
    expect(bot(harness)).toEqual(['Here you go.', 'Are you still there?', 'I will close this chat now. Write any time!']);
    expect(harness.fake!.conversation(1, 42).status).toBe('resolved');
    expect((await state()).timers).toEqual({});
    // Analytics counts both follow-ups and how they ended.
    const analytics = await request(harness.jawab.http).get('/api/analytics').set('authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(analytics.body.totals.followUps).toEqual({ sent: 2, resolved: 1 });
    harness.fake!.assertNoViolations();
  });

  it('a customer reply cancels the pending follow-up; the next bot reply starts them again', async () => {
    const harness = await start({ followUps });
    await harness.deliver(customerMessage({ id: 9211, text: 'Do you ship to Bali?' }));
    await quiet();
    await advance(50);
    await harness.deliver(customerMessage({ id: 9212, text: 'And to Lombok?' }));
    await quiet();
    await advance(30); // 80 s after the first reply, 30 s after the second: nothing due
    expect(bot(harness)).toEqual(['Here you go.', 'Here you go.']);
    await advance(31);
    expect(bot(harness)).toEqual(['Here you go.', 'Here you go.', 'Are you still there?']);
  });
});

describe('idle action', () => {
  const idle = (action: 'resolve' | 'assign'): Profile['idle'] => ({ action, afterSeconds: 600, message: 'Closing this chat, thank you!', assign: { strategy: 'agent', agentId: 2 } });

  it('resolves with a closing message after the customer was idle, once', async () => {
    const harness = await start({ idle: idle('resolve') });
    await harness.deliver(customerMessage({ id: 9221, text: 'What sizes do you have?' }));
    await quiet();
    await advance(601);
    await advance(601);
    expect(bot(harness)).toEqual(['Here you go.', 'Closing this chat, thank you!']);
    expect(harness.fake!.conversation(1, 42).status).toBe('resolved');
    expect((await state()).resolvedByBotAt).toBeTypeOf('number');
  });

  it('does not fire after a human agent took over', async () => {
    const harness = await start({ idle: idle('resolve') });
    await harness.deliver(customerMessage({ id: 9231, text: 'What sizes do you have?' }));
    await quiet();
    await harness.deliver(fixture('message_created.outgoing_agent.json'));
    await quiet();
    harness.fake!.clearRequests();
    await advance(601);
    expect(harness.fake!.requests).toEqual([]);
    const s = await state();
    expect(s.owner).toBe('human');
    expect(s.timers.idle).toBeUndefined();
    expect(s.audit.at(-1)).toMatchObject({ what: 'timers dropped' });
  });

  it('assigns with a message (a handoff to the chosen agent)', async () => {
    const harness = await start({ idle: idle('assign') });
    await harness.deliver(customerMessage({ id: 9241, text: 'What sizes do you have?' }));
    await quiet();
    await advance(601);
    expect(bot(harness)).toEqual(['Here you go.', 'Closing this chat, thank you!']);
    expect(harness.fake!.conversation(1, 42)).toMatchObject({ assigneeId: 2, status: 'open' });
    expect((await state()).owner).toBe('human');
    harness.fake!.assertNoViolations();
  });
});

describe('contact variables in idle and follow-up messages', () => {
  // The fixture's contact is Maria Silva; the other has her phone number as the name, as WhatsApp contacts often do.
  const nameless = { name: '+351912345678' };

  it.each([
    [undefined, ['Here you go.', 'Still there, Maria?', 'Bye Maria, we close this chat now.']],
    [nameless, ['Here you go.', 'Still there?', 'Bye, we close this chat now.']],
  ])('are filled from the contact, and tidy without a name (%o)', async (contact, expected) => {
    const harness = await start({
      followUps: [{ afterSeconds: 60, message: 'Still there, $contact.firstname?', then: 'none' }],
      idle: { action: 'resolve', afterSeconds: 600, message: 'Bye $contact.firstname, we close this chat now.', assign: { strategy: 'any_available' } },
    });
    await harness.deliver(customerMessage({ id: 9261, text: 'What sizes do you have?', contact }));
    await quiet();
    await advance(61);
    await advance(600);
    expect(bot(harness)).toEqual(expected);
    harness.fake!.assertNoViolations();
  });
});

describe('cooldown after a resolve', () => {
  it('a message within 5 minutes of the bot resolving goes on with the same session', async () => {
    const harness = await start({ idle: { ...defaultSettings().defaultProfile.idle, action: 'resolve', afterSeconds: 60, message: 'Bye!' } });
    await harness.deliver(customerMessage({ id: 9251, text: 'What sizes do you have?' }));
    await quiet();
    await advance(61);
    const before = await state();
    await harness.deliver({ ...customerMessage({ id: 9252, text: 'Oh wait, one more thing' }) });
    await quiet();
    const after = await state();
    expect(after.sessionStartedAt).toBe(before.sessionStartedAt);
    expect(after.audit.map((a) => a.what)).not.toContain('new session');
  });
});
