// The note left when a conversation is resolved (profile `resolveSummary`, as respond.io does): what the customer
// wanted, what Jawab answered, the details and the language, in the team language. Written from the conversation
// while the event is folded (no model: the fold is a pure step), once per resolve.
import { replyLanguage } from '../answer/language.js';
import type { Profile, TeamLanguage } from '../config/settings.js';
import type { ConversationState } from '../engine/state.js';
import { noteFacts } from './facts.js';
import { renderNote } from './render.js';

/** The summary of the session just resolved; undefined when the customer said nothing in it. */
export function resolveSummary(state: ConversationState, profile: Profile, teamLanguage: TeamLanguage): string | undefined {
  const said = state.transcript.filter((line) => line.role === 'customer' && line.at >= state.sessionStartedAt && line.text.trim()).map((line) => line.text);
  if (!said.length) return undefined;
  const customerLanguage = replyLanguage(profile.persona, said.slice(-3));
  return renderNote(noteFacts({ occasion: { kind: 'resolved' }, state, customerLanguage, teamLanguage }));
}
