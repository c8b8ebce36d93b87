// Idle actions (Qontak) and follow-ups (respond.io) as durable timers in the conversation's state. They start when
// the bot replies, stop when the customer answers, on handoff and on resolve, and when one fires on a conversation
// that changed meanwhile (a human took over, it was resolved, the customer wrote), it does nothing.
import type { Profile, TeamLanguage } from '../config/settings.js';
import type { HelpdeskAction } from '../engine/actions.js';
import { replyLanguage } from '../answer/language.js';
import { type ConversationState, customerLines, setOwner, withAudit } from '../engine/state.js';
import { handoffActions, type HandoffInput } from './handoff.js';
import { REASON_TEXT } from './handoff-text.js';
import { contactFiller } from './personalize.js';

/** The timers a bot reply starts: the idle action and the first follow-up. */
export function scheduleAfterReply(profile: Profile, now: number): { idle?: number; followup?: number } {
  const timers: { idle?: number; followup?: number } = {};
  if (profile.idle.action !== 'none') timers.idle = now + profile.idle.afterSeconds * 1000;
  const first = profile.followUps[0];
  if (first) timers.followup = now + first.afterSeconds * 1000;
  return timers;
}

/** The state fields that stop idle and follow-ups. */
export function followUpsCancelled(state: ConversationState): Pick<ConversationState, 'timers' | 'followUpsSent'> {
  return { timers: { ...state.timers, idle: undefined, followup: undefined }, followUpsSent: 0 };
}

export function automationDue(state: ConversationState | undefined, now: number): boolean {
  const { idle, followup } = state?.timers ?? {};
  return (idle !== undefined && idle <= now) || (followup !== undefined && followup <= now);
}

export interface Fired {
  state: ConversationState;
  actions: HelpdeskAction[];
}

/**
 * Fires the idle action or the next follow-up when due; a conversation no longer waiting on the customer only loses its
 * timers. `teamLanguage`: the language of the note when one hands over.
 */
export function fireAutomation(state: ConversationState, profile: Profile, now: number, teamLanguage: TeamLanguage): Fired {
  if (!automationDue(state, now)) return { state, actions: [] };
  const stillWaiting = state.owner === 'ai' && state.pending.length === 0 && (state.status === 'pending' || state.status === 'open');
  if (!stillWaiting) {
    const why = `the conversation changed (owner ${state.owner}, ${state.status})`;
    return { state: withAudit({ ...state, ...followUpsCancelled(state) }, { at: now, what: 'timers dropped', why }), actions: [] };
  }
  const { idle, followup } = state.timers;
  // The earlier of the two fires first; the other waits for the next wake-up (if it survives what this one does).
  if (idle !== undefined && idle <= now && (followup === undefined || idle <= followup)) return fireIdle(state, profile, now, teamLanguage);
  return fireFollowUp(state, profile, now, teamLanguage);
}

function fireIdle(state: ConversationState, profile: Profile, now: number, teamLanguage: TeamLanguage): Fired {
  const idle = profile.idle;
  const cleared = { ...state, ...followUpsCancelled(state) };
  if (idle.action === 'resolve') {
    const actions: HelpdeskAction[] = idle.message.trim() ? [{ type: 'reply', content: contactFiller(state)(idle.message) }] : [];
    actions.push({ type: 'set_status', status: 'resolved' });
    const next = { ...cleared, status: 'resolved' as const, resolvedByBotAt: now };
    return { state: withAudit(next, { at: now, what: 'idle: resolve', why: `the customer was idle for ${idle.afterSeconds} s` }), actions };
  }
  if (idle.action === 'assign') return handOver(cleared, profile, now, 'idle', { assign: idle.assign, message: idle.message, teamLanguage });
  return { state: cleared, actions: [] };
}

function fireFollowUp(state: ConversationState, profile: Profile, now: number, teamLanguage: TeamLanguage): Fired {
  const sent = state.followUpsSent ?? 0;
  const followUp = profile.followUps[sent];
  if (!followUp) return { state: { ...state, timers: { ...state.timers, followup: undefined } }, actions: [] };
  const actions: HelpdeskAction[] = [{ type: 'reply', content: contactFiller(state)(followUp.message) }];
  const nextOne = profile.followUps[sent + 1];
  let next: ConversationState = {
    ...state,
    followUpsSent: sent + 1,
    timers: { ...state.timers, followup: nextOne && followUp.then === 'none' ? now + nextOne.afterSeconds * 1000 : undefined },
  };
  next = withAudit(next, { at: now, what: `follow-up ${sent + 1}`, why: 'the customer did not reply' });
  if (followUp.then === 'resolve') {
    actions.push({ type: 'set_status', status: 'resolved' });
    next = { ...next, ...followUpsCancelled(next), status: 'resolved', resolvedByBotAt: now };
  }
  if (followUp.then === 'handoff') {
    const handed = handOver(next, profile, now, 'follow_up', { teamLanguage });
    return { state: handed.state, actions: [...actions, ...handed.actions] };
  }
  return { state: next, actions };
}

function handOver(state: ConversationState, profile: Profile, now: number, reason: 'idle' | 'follow_up', extra: Pick<HandoffInput, 'assign' | 'message' | 'teamLanguage'>): Fired {
  const language = replyLanguage(profile.persona, customerLines(state, 3));
  const actions = handoffActions({ reason, language, profile, state, tried: [], now, ...extra });
  return { state: setOwner({ ...state, ...followUpsCancelled(state) }, 'human', REASON_TEXT[reason], now), actions };
}
