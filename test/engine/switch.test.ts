// SPEC 4: "A global switch stops Jawab everywhere at once", and so does turning an inbox's profile off. Work already
// waiting (a reply delay, an idle action, a follow-up) is dropped when its timer fires while off: nothing reaches the
// customer, and nothing is sent late when the switch comes back on. The clock is Jawab's own, moved by the test.
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/settings.js';
import { clockHarnessPerTest } from '../helpers/clock.js';
import type { Harness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

const { start, quiet, advance, state } = clockHarnessPerTest();

async function change(harness: Harness, edit: (s: Settings) => Settings): Promise<void> {
  expect(await harness.jawab.settings.put(edit(structuredClone(harness.jawab.settings.get())))).toMatchObject({ ok: true });
}
const globalOff = (s: Settings): Settings => ({ ...s, enabled: false });
const profileOff = (s: Settings): Settings => ({ ...s, defaultProfile: { ...s.defaultProfile, enabled: false } });
const on = (s: Settings): Settings => ({ ...s, enabled: true, defaultProfile: { ...s.defaultProfile, enabled: true } });

describe.each([
  ['the global switch', globalOff],
  ['the inbox profile', profileOff],
])('turning %s off', (_name, off) => {
  it('drops a reply still waiting out its delay, and does not send it when switched on again', async () => {
    const harness = await start({ replyDelaySeconds: 60 });
    await harness.deliver(customerMessage({ id: 9301, text: 'Do you ship to Bali?' }));
    await quiet();
    expect((await state()).pending.map((p) => p.text)).toEqual(['Do you ship to Bali?']);
    await change(harness, off);
    harness.fake!.clearRequests();
    await advance(61);
    expect(harness.fake!.requests).toEqual([]);
    const dropped = await state();
    expect(dropped.pending).toEqual([]);
    expect(dropped.timers).toEqual({});
    expect(dropped.audit.at(-1)).toMatchObject({ what: 'due work dropped' });

    await change(harness, on);
    await advance(3600);
    expect(harness.fake!.requests).toEqual([]);
  });

  it('drops a pending idle resolve and a pending follow-up', async () => {
    const harness = await start({
      idle: { action: 'resolve', afterSeconds: 600, message: 'Closing this chat, thank you!', assign: { strategy: 'none' } },
      followUps: [{ afterSeconds: 60, message: 'Are you still there?', then: 'none' }],
    });
    await harness.deliver(customerMessage({ id: 9311, text: 'What sizes do you have?' }));
    await quiet();
    expect(Object.keys((await state()).timers).filter((k) => k !== 'reply').sort()).toEqual(['followup', 'idle']);
    await change(harness, off);
    harness.fake!.clearRequests();
    await advance(61); // the follow-up is due
    await advance(600); // the idle resolve would be due
    expect(harness.fake!.requests).toEqual([]);
    expect(harness.fake!.conversation(1, 42).status).toBe('pending');
    const after = await state();
    expect(after.timers).toEqual({});
    expect(after.followUpsSent).toBe(0);

    await change(harness, on);
    await advance(3600);
    expect(harness.fake!.requests).toEqual([]);
  });
});

it('a reply delay that ends after the switch is back on is answered as usual', async () => {
  const harness = await start({ replyDelaySeconds: 60 });
  await harness.deliver(customerMessage({ id: 9321, text: 'Do you ship to Bali?' }));
  await quiet();
  await change(harness, globalOff);
  await advance(10);
  await change(harness, on);
  await advance(51);
  const bot = harness.fake!.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot' && !m.private).map((m) => m.content);
  expect(bot).toEqual(['Here you go.']);
});
