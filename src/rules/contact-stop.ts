// "Stop AI for this contact" (Kommo's "stop bot for this lead"): kept on the Chatwoot contact as the custom attribute
// `jawab_ai_off`, so it holds across restarts and replicas without a store of Jawab's own, shows on the contact in
// Chatwoot, and arrives with every webhook (the contact is in each payload). Set and cleared from the dashboard app.
import { replyLanguage } from '../answer/language.js';
import type { Profile, TeamLanguage } from '../config/settings.js';
import type { HelpdeskAction } from '../engine/actions.js';
import type { ContactSnapshot } from '../engine/events.js';
import type { ConversationState } from '../engine/state.js';
import { handoffActions } from './handoff.js';

export const CONTACT_AI_OFF_ATTRIBUTE = 'jawab_ai_off';

/** Whether the contact, as the latest event showed it, asked to be left to people. */
export function contactStopped(contact: ContactSnapshot | undefined): boolean {
  const value = contact?.customAttributes[CONTACT_AI_OFF_ATTRIBUTE];
  return value === true || value === 'true';
}

/** The contact as it is once the attribute is set (or cleared), so the conversation shows it before the next webhook. */
export function withContactStopped(contact: ContactSnapshot, stopped: boolean): ContactSnapshot {
  return { ...contact, customAttributes: { ...contact.customAttributes, [CONTACT_AI_OFF_ATTRIBUTE]: stopped } };
}

/** Sets or clears the attribute on the contact (Chatwoot merges contact attributes, so the others stay). */
export function contactStopAction(stopped: boolean): HelpdeskAction {
  return { type: 'update_contact', changes: { customAttributes: { [CONTACT_AI_OFF_ATTRIBUTE]: stopped } } };
}

/**
 * A stopped contact writes in a conversation the AI would answer: it goes to people with the usual handoff (note,
 * labels, assignment, status) but without the handover message, since the bot is not to speak to this contact at all.
 */
export function contactStoppedHandoff(state: ConversationState, profile: Profile, now: number, teamLanguage: TeamLanguage): HelpdeskAction[] {
  const language = replyLanguage(profile.persona, state.pending.map((m) => m.text));
  return handoffActions({ reason: 'contact_stopped', language, profile, state, tried: [], now, teamLanguage }).filter((a) => a.type !== 'reply');
}
