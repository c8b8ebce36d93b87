// When a conversation's stored state could not be read (store/stored-record.ts), Jawab no longer knows what it said
// there, and the intake's journal may hand it messages it had already answered: answering from a fresh state could
// repeat a reply. So a person takes over, with the usual handoff (the note says why); a conversation that is already
// with people, as Chatwoot shows it, gets the note alone.
import type { Profile, TeamLanguage } from '../config/settings.js';
import { NOTE_WORDS } from '../notes/words.js';
import { replyLanguage } from '../answer/language.js';
import { handoffActions, reasonText } from '../rules/handoff.js';
import type { ConversationState } from './state.js';
import type { TurnDecision } from './turn.js';

export function lostMemoryTurn(state: ConversationState, profile: Profile, now: number, teamLanguage: TeamLanguage): TurnDecision {
  const why = reasonText('lost_memory');
  if (state.owner !== 'ai') {
    return { answered: [], actions: [{ type: 'note', content: NOTE_WORDS[teamLanguage].lostMemoryKept }], what: 'memory lost', why, because: { code: 'handoff', reason: 'lost_memory' }, sources: [] };
  }
  const language = replyLanguage(profile.persona, state.pending.map((m) => m.text));
  return {
    answered: state.pending.map((m) => m.messageId),
    actions: handoffActions({ reason: 'lost_memory', language, profile, state, tried: [], now, teamLanguage }),
    handoff: 'lost_memory',
    what: 'handoff',
    why,
    because: { code: 'handoff', reason: 'lost_memory' },
    sources: [],
  };
}
