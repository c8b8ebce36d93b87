// Conversation ownership (SPEC 4) as the pure reducer decides it, event by event.
import { describe, expect, it } from 'vitest';
import type { ConversationStatus } from '../../src/chatwoot/port.js';
import { defaultSettings } from '../../src/config/settings.js';
import type { ConversationSnapshot, InboundEvent } from '../../src/engine/events.js';
import { applyCommand, reduceEvent } from '../../src/engine/reduce.js';
import type { ConversationState } from '../../src/engine/state.js';

const profile = { ...defaultSettings().defaultProfile, replyDelaySeconds: 5 };
const ctx = (now: number) => ({ profile, now, enabled: true, teamLanguage: 'en' as const });
const ref = { accountId: 1, inboxId: 3, conversationId: 42 };

function snap(status: ConversationStatus, updatedAt: number, extra: Partial<ConversationSnapshot> = {}): ConversationSnapshot {
  return { status, labels: [], assigneeId: null, teamId: null, updatedAt, ...extra };
}
const customer = (id: number, text: string, status: ConversationStatus = 'pending'): InboundEvent => ({
  kind: 'message', ref, dedupeKey: `m:${id}`, conversation: snap(status, 0), messageId: id, author: 'contact', private: false, text, attachmentCount: 0, createdAt: 0,
});
const agent = (id: number, isPrivate = false): InboundEvent => ({
  kind: 'message', ref, dedupeKey: `m:${id}`, conversation: snap('pending', 0), messageId: id, author: 'agent', private: isPrivate, text: 'Hi, John here', attachmentCount: 0, createdAt: 0,
});
const changed = (status: ConversationStatus, updatedAt: number, fields: string[], extra: Partial<ConversationSnapshot> = {}): InboundEvent => ({
  kind: 'conversation', ref, dedupeKey: `c:${updatedAt}`, conversation: snap(status, updatedAt, extra), changed: fields,
});

function run(events: InboundEvent[], start?: ConversationState): { state: ConversationState; timers: unknown[] } {
  let state = start;
  const timers: unknown[] = [];
  events.forEach((e, i) => {
    const reduced = reduceEvent(state, e, ctx(1000 * (i + 1)));
    state = reduced.state;
    timers.push(...reduced.actions);
  });
  return { state: state!, timers };
}

describe('ownership', () => {
  it('a pending conversation belongs to the bot; a customer message sets the reply timer', () => {
    const { state, timers } = run([customer(1, 'Halo')]);
    expect(state.owner).toBe('ai');
    expect(state.pending.map((p) => p.text)).toEqual(['Halo']);
    expect(timers).toEqual([{ type: 'set_timer', timer: 'reply', at: 1000 + 5000 }]);
  });

  it('a burst pushes the reply back with each message, but never beyond four delays after the first', () => {
    // A message every 3 s, each within the 5 s delay: the reply moves back each time, up to 1000 + 4 × 5000.
    let state: ConversationState | undefined;
    const due: number[] = [];
    for (let i = 0; i < 8; i++) {
      const reduced = reduceEvent(state, customer(i + 1, `m${i}`), ctx(1000 + 3000 * i));
      state = reduced.state;
      due.push((reduced.actions[0] as { at: number }).at);
    }
    expect(due).toEqual([6000, 9000, 12000, 15000, 18000, 21000, 21000, 21000]);
  });

  it('a human agent’s public reply takes over and drops what was pending', () => {
    const { state, timers } = run([customer(1, 'Halo'), agent(2)]);
    expect(state.owner).toBe('human');
    expect(state.pending).toEqual([]);
    expect(timers.at(-1)).toEqual({ type: 'clear_timer', timer: 'reply' });
    expect(state.audit.at(-1)).toMatchObject({ what: 'owner ai -> human', why: 'a human agent replied' });
  });

  it('a private note does not take over', () => {
    expect(run([customer(1, 'Halo'), agent(2, true)]).state.owner).toBe('ai');
  });

  it('a human assigned takes over; back to pending returns it to the bot', () => {
    const { state } = run([customer(1, 'Halo'), changed('pending', 10, ['assignee_id'], { assigneeId: 4 })]);
    expect(state.owner).toBe('human');
    const back = run([changed('open', 20, ['status']), changed('pending', 30, ['status'])], state).state;
    expect(back.owner).toBe('ai');
  });

  it('opened from outside hands over to humans', () => {
    expect(run([customer(1, 'Halo'), changed('open', 10, ['status'])]).state.owner).toBe('human');
  });

  it('the ai-on label returns a conversation to the bot, ai-off takes it away', () => {
    const human = run([customer(1, 'Halo'), agent(2)]).state;
    const on = run([changed('open', 10, ['label_list'], { labels: ['ai-on'] })], human).state;
    expect(on.owner).toBe('ai');
    const off = run([changed('open', 20, ['label_list'], { labels: ['ai-on', 'ai-off'] })], on).state;
    expect(off.owner).toBe('human');
  });

  it('ignores a conversation event older than one already applied (out-of-order delivery)', () => {
    const { state } = run([customer(1, 'Halo'), changed('pending', 50, ['status']), changed('open', 40, ['status'])]);
    expect(state.owner).toBe('ai');
  });

  it('resolved ends the session; the customer writing again (pending) starts a new one with the bot', () => {
    const human = run([customer(1, 'Halo'), agent(2)]).state;
    const resolved = run([changed('resolved', 10, ['status'])], human).state;
    expect(resolved.owner).toBe('ai');
    const again = run([customer(3, 'Halo lagi', 'pending')], { ...resolved, owner: 'human' }).state;
    expect(again.owner).toBe('ai');
    expect(again.botReplies).toBe(0);
    expect(again.audit.map((a) => a.what)).toContain('new session');
  });

  it('a stopped conversation gets no answer until resumed', () => {
    const stopped = applyCommand(run([customer(1, 'Halo')]).state, 'stop', 'agent 4', profile, 5000);
    expect(stopped.state).toMatchObject({ owner: 'stopped', pending: [], timers: {} });
    const { state, timers } = run([customer(2, 'Halo?')], stopped.state);
    expect(state.pending).toEqual([]);
    expect(timers).toEqual([]);
    expect(applyCommand(state, 'resume', 'agent 4', profile, 9000).state.owner).toBe('ai');
  });

  it('agent-bot mode: the status follows an owner changed by hand (pending is the bot’s queue, open the agents’)', () => {
    const toPending = [{ type: 'set_status', status: 'pending' }];
    const toOpen = [{ type: 'set_status', status: 'open' }];
    const human = run([customer(1, 'Halo'), changed('open', 10, ['status'])]).state;
    expect(human).toMatchObject({ owner: 'human', status: 'open' });
    expect(applyCommand(human, 'resume', 'agent 4', profile, 20_000).actions).toEqual(toPending);
    expect(run([changed('open', 30, ['label_list'], { labels: ['ai-on'] })], human).timers).toEqual(toPending);
    const bot = run([customer(1, 'Halo')]).state;
    expect(bot).toMatchObject({ owner: 'ai', status: 'pending' });
    expect(applyCommand(bot, 'take_over', 'agent 4', profile, 20_000).actions).toEqual(toOpen);
    expect(applyCommand(bot, 'stop', 'agent 4', profile, 20_000).actions).toEqual(toOpen);
    expect(run([changed('pending', 30, ['label_list'], { labels: ['ai-off'] })], bot).timers).toEqual(toOpen);
    // Already where it belongs, or resolved/snoozed: nothing to move.
    expect(applyCommand(bot, 'resume', 'agent 4', profile, 20_000).actions).toEqual([]);
    expect(applyCommand({ ...human, status: 'resolved' }, 'resume', 'agent 4', profile, 20_000).actions).toEqual([]);
  });

  it('account-webhook mode: the status is not ownership, so a command or label moves none', () => {
    const byRules = { ...profile, connection: 'account_webhook' as const };
    const human = run([customer(1, 'Halo'), changed('open', 10, ['status'])]).state;
    const bot = run([customer(1, 'Halo')]).state;
    expect(applyCommand({ ...human, owner: 'human' }, 'resume', 'agent 4', byRules, 20_000).actions).toEqual([]);
    expect(applyCommand(bot, 'take_over', 'agent 4', byRules, 20_000).actions).toEqual([]);
    const labelled = reduceEvent(bot, changed('pending', 30, ['label_list'], { labels: ['ai-off'] }), { profile: byRules, now: 30_000, enabled: true, teamLanguage: 'en' });
    expect(labelled.state.owner).toBe('human');
    expect(labelled.actions).toEqual([]);
  });

  it('a conversation first seen open with a human assignee is not the bot’s', () => {
    const event = { ...customer(1, 'Halo', 'open') };
    event.conversation = snap('open', 0, { assigneeId: 4 });
    expect(run([event]).state.owner).toBe('human');
  });

  it('a human taking over removes the ai-on label that gave the conversation to the bot', () => {
    const event = agent(2);
    event.conversation = snap('open', 0, { labels: ['ai-on'] });
    const { state, timers } = run([customer(1, 'Halo'), event]);
    expect(state.owner).toBe('human');
    expect(timers.slice(-2)).toEqual([{ type: 'clear_timer', timer: 'reply' }, { type: 'remove_labels', labels: ['ai-on'] }]);
    const assigned = run([changed('open', 10, ['label_list'], { labels: ['ai-on'] }), changed('open', 20, ['assignee_id'], { labels: ['ai-on'], assigneeId: 4 })], state);
    expect(assigned.timers).toEqual([{ type: 'set_status', status: 'pending' }, { type: 'remove_labels', labels: ['ai-on'] }]);
  });

  it('ai-on removes a leftover ai-off', () => {
    const off = run([customer(1, 'Halo'), changed('pending', 10, ['label_list'], { labels: ['ai-off'] })]).state;
    expect(off.owner).toBe('human');
    const { state, timers } = run([changed('open', 20, ['label_list'], { labels: ['ai-off', 'ai-on'] })], off);
    expect(state.owner).toBe('ai');
    expect(timers).toEqual([{ type: 'remove_labels', labels: ['ai-off'] }, { type: 'set_status', status: 'pending' }]);
  });
});

describe('ownership in account-webhook mode', () => {
  const byRules = { ...profile, connection: 'account_webhook' as const };
  const runByRules = (events: InboundEvent[], start?: ConversationState): ConversationState =>
    events.reduce<ConversationState | undefined>((s, e, i) => reduceEvent(s, e, { profile: byRules, now: 1000 * (i + 1), enabled: true, teamLanguage: 'en' }).state, start)!;

  it('an open conversation with no assignee and no ai-off is the AI’s, and stays so when a status change says open', () => {
    const state = runByRules([customer(1, 'Halo', 'open'), changed('open', 10, ['status'])]);
    expect(state.owner).toBe('ai');
    expect(state.pending.map((p) => p.text)).toEqual(['Halo']);
  });

  it('first seen with a human assignee or ai-off: human', () => {
    const assigned = { ...customer(1, 'Halo', 'open'), conversation: snap('open', 0, { assigneeId: 4 }) };
    const labelled = { ...customer(1, 'Halo', 'open'), conversation: snap('open', 0, { labels: ['ai-off'] }) };
    expect(runByRules([assigned]).owner).toBe('human');
    expect(runByRules([labelled]).owner).toBe('human');
  });

  it('a new session after a resolve follows the rules: a human still assigned keeps it', () => {
    const resolved = runByRules([customer(1, 'Halo', 'open'), changed('resolved', 10, ['status'])]);
    const again = { ...customer(2, 'Halo lagi', 'open'), conversation: snap('open', 0, { assigneeId: 4 }) };
    expect(runByRules([again], resolved).owner).toBe('human');
    expect(runByRules([customer(3, 'Halo lagi', 'open')], resolved).owner).toBe('ai');
  });
});
