// Who owns a conversation, shown in Chatwoot: the conversation custom attribute `jawab_owner` (`ai`, `human`,
// `stopped`), whose definition `npm run install-plugin` creates as a list so Chatwoot's conversation filters offer it.
// It is written whenever the owner Jawab records changes (a handoff, a takeover, a label, a dashboard app button), in
// the same outbox as the change, so it lands once and after the actions that caused it. A conversation Jawab has
// just met keeps no value until its owner first changes: a new one the bot answers is `pending` in agent-bot mode
// already, and one write per new conversation would double what a plain answer costs in Chatwoot requests.
import type { HelpdeskAction } from '../engine/actions.js';
import type { Owner } from '../engine/state.js';

export const OWNER_ATTRIBUTE = 'jawab_owner';
export const OWNER_VALUES: readonly Owner[] = ['ai', 'human', 'stopped'];

/** The attribute write that shows a change of owner, or nothing when the owner did not change (or is new). */
export function ownerShown(before: Owner | undefined, after: Owner | undefined): HelpdeskAction[] {
  if (before === undefined || after === undefined || before === after) return [];
  return [{ type: 'set_conversation_attributes', attributes: { [OWNER_ATTRIBUTE]: after } }];
}
