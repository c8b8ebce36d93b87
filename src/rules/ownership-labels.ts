// The labels agents use to give a conversation to Jawab (`ai-on`) or keep it away (`ai-off`) (SPEC 4). Each is a
// one-shot signal: the one that has done its job is removed, so an agent can add it again next time.
import type { HelpdeskAction } from '../engine/actions.js';

export const AI_ON_LABEL = 'ai-on';
export const AI_OFF_LABEL = 'ai-off';

/** Removes `ai-on` when a conversation goes to humans (a handoff, a takeover), if the conversation has it. */
export function dropAiOn(labels: readonly string[]): HelpdeskAction[] {
  return labels.includes(AI_ON_LABEL) ? [{ type: 'remove_labels', labels: [AI_ON_LABEL] }] : [];
}
