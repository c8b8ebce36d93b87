// Folds one inbound event into the conversation state: ownership (SPEC 4), the reply delay, the transcript.
// Pure: the same state and event always give the same result, so replaying an event after a crash is safe.
import type { ConversationStatus } from '../chatwoot/port.js';
import type { Profile, TeamLanguage } from '../config/settings.js';
import { resolveSummary } from '../notes/resolve-summary.js';
import { contactStopAction, contactStopped, contactStoppedHandoff, withContactStopped } from '../rules/contact-stop.js';
import { reasonText } from '../rules/handoff.js';
import { AI_OFF_LABEL, AI_ON_LABEL, dropAiOn } from '../rules/ownership-labels.js';
import type { Action, HelpdeskAction } from './actions.js';
import type { ConversationEvent, ConversationSnapshot, InboundEvent, MessageEvent } from './events.js';
import {
  bounded,
  clip,
  type ConversationState,
  initialState,
  LIMITS,
  type PendingMessage,
  setOwner,
  withAudit,
} from './state.js';

export interface ReduceContext {
  profile: Profile;
  now: number;
  /** The global switch. */
  enabled: boolean;
  /** The language of the notes for agents (the resolve summary). */
  teamLanguage: TeamLanguage;
}

export interface Reduced {
  state: ConversationState;
  actions: Action[];
}


export function reduceEvent(prev: ConversationState | undefined, event: InboundEvent, ctx: ReduceContext): Reduced {
  let state = prev ?? firstSight(event, ctx.profile, ctx.now);
  if (event.ref.accountId && event.ref.accountId !== state.ref.accountId) state = { ...state, ref: { ...state.ref, accountId: event.ref.accountId } };
  if (event.conversation.contact) state = { ...state, contact: event.conversation.contact };

  switch (event.kind) {
    case 'message':
      return onMessage(state, event, ctx);
    case 'button_reply':
      return customerSpoke(
        state,
        event,
        { messageId: event.messageId, text: event.chosen.map((b) => b.title).join(', '), at: ctx.now, attachmentCount: 0, choice: event.chosen[0]?.value },
        ctx,
      );
    case 'conversation':
      return onConversation(state, event, ctx);
  }
}

/**
 * Account-webhook mode (SPEC 1): the inbox has no agent bot, its conversations start `open`, and the AI owns one that
 * has no human assignee and no `ai-off` label.
 */
const byRules = (profile: Profile): boolean => profile.connection === 'account_webhook';
const aiOwnsByRules = (snap: ConversationSnapshot): boolean => snap.assigneeId === null && !snap.labels.includes(AI_OFF_LABEL);

type SetStatus = Extract<HelpdeskAction, { type: 'set_status' }>;

/**
 * Agent-bot mode: Chatwoot's status says who has a conversation (`pending` the bot's queue, `open` the humans'), so
 * when a person moves it by hand (the `ai-on`/`ai-off` labels, the dashboard app's buttons) Jawab moves the status
 * with it; otherwise one given back to the AI would sit among the agents' open conversations, and one taken from it
 * would wait as `pending` where no agent looks. Account-webhook mode: the status is not ownership, nothing to move.
 */
function statusFollowingOwner(profile: Profile, owner: ConversationState['owner'], status: ConversationStatus): SetStatus[] {
  if (byRules(profile)) return [];
  if (owner === 'ai' && status === 'open') return [{ type: 'set_status', status: 'pending' }];
  if (owner !== 'ai' && status === 'pending') return [{ type: 'set_status', status: 'open' }];
  return [];
}

/**
 * A conversation Jawab has not seen. Agent-bot mode: the bot owns it only if Chatwoot gave it to the bot (pending, no
 * human assignee). Account-webhook mode: the rules decide, whether it is open or pending.
 */
export function firstSight(event: InboundEvent, profile: Profile, now: number): ConversationState {
  const snap = event.conversation;
  const state = { ...initialState(event.ref, now), status: snap.status, labels: snap.labels, assigneeId: snap.assigneeId };
  const given = byRules(profile) ? snap.status === 'open' || snap.status === 'pending' : snap.status === 'pending';
  return given && aiOwnsByRules(snap) ? state : { ...state, owner: 'human' };
}

function onMessage(state: ConversationState, event: MessageEvent, ctx: ReduceContext): Reduced {
  // Private notes are for agents; activity never arrives; the bot's own messages (and other bots') need no reaction.
  if (event.private || event.author === 'bot' || event.author === 'system') return { state, actions: [] };
  if (event.author === 'agent') {
    const line = { role: 'agent' as const, text: clip(event.text), at: ctx.now };
    let next: ConversationState = { ...state, transcript: bounded(state.transcript, [line], LIMITS.transcript) };
    if (next.owner !== 'ai') return { state: next, actions: [] };
    next = setOwner({ ...next, pending: [] }, 'human', 'a human agent replied', ctx.now);
    return { state: next, actions: [{ type: 'clear_timer', timer: 'reply' }, ...dropAiOn(event.conversation.labels)] };
  }
  const attachments = event.attachments?.slice(0, LIMITS.attachments).map((a) => (a.url === undefined ? a : { ...a, url: clip(a.url) }));
  const message: PendingMessage = { messageId: event.messageId, text: event.text, at: ctx.now, attachmentCount: event.attachmentCount, ...(attachments?.length ? { attachments } : {}) };
  return customerSpoke(state, event, message, ctx);
}

function customerSpoke(state: ConversationState, event: InboundEvent, message: PendingMessage, ctx: ReduceContext): Reduced {
  let next = startSessionIfNew(state, event.conversation, ctx);
  // The customer answered: the idle action and the follow-ups wait for the bot's next reply.
  next = { ...next, timers: { ...next.timers, idle: undefined, followup: undefined }, followUpsSent: 0 };
  next = { ...next, transcript: bounded(next.transcript, [{ role: 'customer', text: clip(message.text), at: message.at }], LIMITS.transcript) };
  if (next.owner !== 'ai' || !switchedOn(ctx.enabled, ctx.profile)) return { state: next, actions: [] };
  if (contactStopped(next.contact)) {
    // Asked from the dashboard app in one of the contact's conversations: this one goes to people unanswered.
    const handoff = contactStoppedHandoff({ ...next, pending: [message] }, ctx.profile, ctx.now, ctx.teamLanguage);
    // As after a command: the status the handoff asks for is the state's, so Chatwoot's echo is no change.
    const status = handoff.find((a) => a.type === 'set_status')?.status ?? next.status;
    next = setOwner({ ...next, pending: [], status }, 'stopped', reasonText('contact_stopped'), ctx.now);
    return { state: next, actions: [{ type: 'clear_timer', timer: 'reply' }, ...handoff] };
  }
  const pending = bounded(next.pending, [{ ...message, text: clip(message.text) }], LIMITS.pending);
  // Debounce: every message of a burst pushes the reply back, but never beyond four delays after the first one.
  const delay = ctx.profile.replyDelaySeconds * 1000;
  const at = Math.min(ctx.now + delay, pending[0]!.at + 4 * delay);
  return { state: { ...next, pending }, actions: [{ type: 'set_timer', timer: 'reply', at }] };
}

/**
 * A customer writing after a resolve starts a new session (Chatwoot reopens the conversation, as pending when a bot
 * is attached), unless Jawab itself resolved it within the cooldown: then the old session goes on.
 */
function startSessionIfNew(state: ConversationState, snap: ConversationSnapshot, ctx: ReduceContext): ConversationState {
  const nowStatus = snap.status;
  if (state.status !== 'resolved' || nowStatus === 'resolved') return state;
  const cooldown = ctx.profile.resolveCooldownSeconds * 1000;
  if (state.resolvedByBotAt !== undefined && ctx.now - state.resolvedByBotAt < cooldown) return { ...state, status: nowStatus };
  let next: ConversationState = {
    ...state,
    status: nowStatus,
    sessionStartedAt: ctx.now,
    botReplies: 0,
    resolvedByBotAt: undefined,
    // A new session starts the inbox's flow again (Cekat) and forgets what the last one collected and talked about.
    flow: undefined,
    awaiting: undefined,
    collected: undefined,
    collectedAttributes: undefined,
    topic: undefined,
  };
  next = withAudit(next, { at: ctx.now, what: 'new session', why: 'the customer wrote after the conversation was resolved' });
  if (next.owner === 'stopped') return next;
  if (byRules(ctx.profile)) {
    // Chatwoot reopens it `open`, keeping any assignee: the rules decide who owns the new session.
    return aiOwnsByRules(snap) ? setOwner(next, 'ai', 'a new session with no human assignee', ctx.now) : setOwner(next, 'human', 'a new session with a human assignee or ai-off', ctx.now);
  }
  return nowStatus === 'pending' && next.owner === 'human' ? setOwner(next, 'ai', 'a new session is pending for the bot', ctx.now) : next;
}

function onConversation(state: ConversationState, event: ConversationEvent, ctx: ReduceContext): Reduced {
  const { now } = ctx;
  const snap = event.conversation;
  // Deliveries can arrive out of order: an older snapshot must not undo a newer one.
  if (snap.updatedAt && snap.updatedAt < state.conversationUpdatedAt) return { state, actions: [] };
  const before = state;
  const actions: Action[] = [];
  let next: ConversationState = {
    ...state,
    status: snap.status,
    labels: snap.labels,
    assigneeId: snap.assigneeId,
    conversationUpdatedAt: Math.max(state.conversationUpdatedAt, snap.updatedAt),
    // Only the snooze Jawab set itself is remembered, and only while it lasts.
    snoozedByBot: snap.status === 'snoozed' ? state.snoozedByBot : undefined,
  };

  if (event.changed.includes('status') && snap.status !== before.status) {
    if (snap.status === 'pending' && next.owner === 'human') next = setOwner(next, 'ai', 'the conversation is pending again', now);
    if (snap.status === 'open' && next.owner === 'ai') {
      if (before.status === 'snoozed' && before.snoozedByBot) {
        // Jawab's own snooze ended (its time came, or the customer wrote): Chatwoot reopens every snoozed conversation
        // as `open`, bot or not, which is not a handover. The AI keeps the session. In agent-bot mode `open` is the
        // humans' queue (SPEC 1: the bot owns a conversation while it is pending), so Jawab puts it back to `pending`
        // for Chatwoot's views, rules and reports to agree; in account-webhook mode `open` is already right.
        next = withAudit(next, { at: now, what: 'snooze ended', why: 'Jawab had snoozed it: the AI keeps the conversation' });
        actions.push(...statusFollowingOwner(ctx.profile, 'ai', snap.status));
      } else if (!byRules(ctx.profile)) {
        next = setOwner(next, 'human', 'the conversation was opened for humans', now);
      }
    }
    if (snap.status === 'resolved') {
      // Once per resolve: a repeated or stale delivery changes no status, and the note is stamped like any action.
      const summary = ctx.profile.resolveSummary ? resolveSummary(before, ctx.profile, ctx.teamLanguage) : undefined;
      if (summary) actions.push({ type: 'note', content: summary });
      next = withAudit(dropWaiting(next), { at: now, what: 'session ended', why: 'resolved' });
      // The next session starts with the bot again, unless it was stopped here.
      if (next.owner === 'human') next = setOwner(next, 'ai', 'resolved: the next session starts with the bot', now);
    }
  }
  if (event.changed.includes('assignee_id') && snap.assigneeId !== null && snap.assigneeId !== before.assigneeId && next.owner === 'ai') {
    next = setOwner(next, 'human', `agent ${snap.assigneeId} was assigned`, now);
  }
  const added = snap.labels.filter((l) => !before.labels.includes(l));
  const removed = before.labels.filter((l) => !snap.labels.includes(l));
  if (added.includes(AI_ON_LABEL) && next.owner !== 'ai') {
    next = setOwner(next, 'ai', `the ${AI_ON_LABEL} label was added`, now);
    // A leftover `ai-off` would keep it from the AI (account-webhook mode) and could not be added again to take it away.
    if (snap.labels.includes(AI_OFF_LABEL)) actions.push({ type: 'remove_labels', labels: [AI_OFF_LABEL] });
    actions.push(...statusFollowingOwner(ctx.profile, 'ai', snap.status));
  }
  if (added.includes(AI_OFF_LABEL) && next.owner === 'ai') {
    next = setOwner(next, 'human', `the ${AI_OFF_LABEL} label was added`, now);
    actions.push(...statusFollowingOwner(ctx.profile, 'human', snap.status));
  }
  if (byRules(ctx.profile) && removed.includes(AI_OFF_LABEL) && next.owner === 'human' && aiOwnsByRules(snap)) {
    next = setOwner(next, 'ai', `the ${AI_OFF_LABEL} label was removed and no human is assigned`, now);
  }
  if (next.owner !== 'ai' && next.pending.length) next = dropWaiting(next);
  if (before.owner === 'ai' && next.owner === 'human') actions.push(...dropAiOn(snap.labels));
  return { state: next, actions };
}

/** Jawab works in this conversation: the global switch and the inbox's profile are both on. */
export const switchedOn = (enabled: boolean, profile: Profile): boolean => enabled && profile.enabled;

/**
 * Due work (a reply waiting out its delay, an idle action, a follow-up) found while the global switch or the inbox's
 * profile is off: nothing customer-facing goes out, and the work is dropped rather than kept for when Jawab is switched
 * on again. A customer's message left unanswered while Jawab was off may be hours or days old by then, and humans were
 * meant to answer it meanwhile; answering it late would be wrong. (Messages that arrive while off are not queued
 * either, see customerSpoke.) A reply delay still running when the switch comes back on is answered as usual.
 */
export function dropWhileOff(state: ConversationState, now: number): ConversationState {
  const next = { ...dropWaiting(state), followUpsSent: 0 };
  return withAudit(next, { at: now, what: 'due work dropped', why: 'Jawab is switched off (globally or for this inbox)' });
}

/**
 * Drops what the bot was waiting to do for the customer: the messages waiting for a reply and every timer but the
 * outbox's retry, which belongs to actions already decided.
 */
function dropWaiting(state: ConversationState): ConversationState {
  return { ...state, pending: [], timers: { retry: state.timers.retry } };
}

/**
 * Commands from people (dashboard app, admin API): take over, return to AI, stop AI here, and stop the AI for the
 * contact (this conversation and their later ones, rules/contact-stop.ts) or allow it again (and return this one).
 */
export type OwnerCommand = 'take_over' | 'resume' | 'stop' | 'stop_contact' | 'resume_contact';

const COMMAND_OWNER: Record<OwnerCommand, ConversationState['owner']> = {
  take_over: 'human',
  resume: 'ai',
  stop: 'stopped',
  stop_contact: 'stopped',
  resume_contact: 'ai',
};

/** Whether the command is about the contact, so needs to know who the contact is. */
export const isContactCommand = (command: OwnerCommand): boolean => command === 'stop_contact' || command === 'resume_contact';

export function applyCommand(state: ConversationState, command: OwnerCommand, by: string, profile: Profile, now: number): Reduced {
  const owner = COMMAND_OWNER[command];
  let next = setOwner(state, owner, `${command.replace('_', ' ')} by ${by}`, now);
  // Nothing the bot had queued for the customer may go out once a person has taken the conversation.
  if (owner !== 'ai') next = dropWaiting(next);
  const status = statusFollowingOwner(profile, owner, state.status);
  // The status it asks for is the state's from now on (as a turn's resolve or snooze is), so a second command reads
  // it, and Chatwoot's echo of the change is no change: it cannot read as a handover from outside.
  next = { ...next, status: status[0]?.status ?? state.status };
  const actions: HelpdeskAction[] = [...status];
  if (isContactCommand(command) && next.contact) {
    const stopped = command === 'stop_contact';
    next = withAudit({ ...next, contact: withContactStopped(next.contact, stopped) }, { at: now, what: stopped ? 'contact stopped' : 'contact allowed', why: `${command.replace('_', ' ')} by ${by}` });
    actions.push(contactStopAction(stopped));
  }
  return { state: next, actions };
}
