// Handing a conversation to a human: the message, the agent's note, labels, assignment, then `open`.
import type { SourceRef } from '../answer/types.js';
import type { Language, Profile } from '../config/settings.js';
import type { AssignmentTarget, HelpdeskAction } from '../engine/actions.js';
import type { ConversationState } from '../engine/state.js';
import { type HandoffReason, handoverMessage, REASON_TEXT } from './handoff-text.js';

export interface HandoffInput {
  reason: HandoffReason;
  language: Language;
  profile: Profile;
  state: ConversationState;
  /** Knowledge passages that were looked at and judged not good enough. */
  tried: SourceRef[];
}

export function assignmentTarget(profile: Profile): AssignmentTarget | null {
  const a = profile.handoff.assign;
  switch (a.strategy) {
    case 'agent':
      return { kind: 'agent', agentId: a.agentId };
    case 'team':
      return { kind: 'team', teamId: a.teamId };
    case 'least_busy':
      return { kind: 'least_busy', teamId: a.teamId };
    case 'none':
      return null;
  }
}

/** The actions in the order they must land: the customer hears first, the agent finds the note when assigned, `open` last. */
export function handoffActions(input: HandoffInput): HelpdeskAction[] {
  const { profile, state } = input;
  const actions: HelpdeskAction[] = [
    { type: 'reply', content: handoverMessage(input.reason, input.language, profile.handoff.message) },
  ];
  if (profile.handoff.privateNote) actions.push({ type: 'note', content: handoffNote(input) });
  const missing = profile.handoff.labels.filter((l) => !state.labels.includes(l));
  if (missing.length) actions.push({ type: 'add_labels', labels: missing });
  const target = assignmentTarget(profile);
  if (target) actions.push({ type: 'assign', target });
  actions.push({ type: 'set_status', status: 'open' });
  return actions;
}

/** The note that saves the agent from scrolling: why, who, what was asked and answered, what was tried. */
export function handoffNote(input: HandoffInput): string {
  const { state } = input;
  const c = state.contact;
  const who = [c?.name, c?.email, c?.phone].filter(Boolean).join(' · ') || 'unknown contact';
  // The transcript already holds the messages of this turn.
  const customerLines = state.transcript.filter((l) => l.role === 'customer').map((l) => l.text).slice(-4);
  const botLines = state.transcript.filter((l) => l.role === 'bot').slice(-2);
  const lines = [
    `Jawab handed this conversation over: ${REASON_TEXT[input.reason]}.`,
    `Customer: ${who}. Language: ${input.language}. Bot replies this session: ${state.botReplies}.`,
    'Customer said:',
    ...customerLines.map((t) => `- ${oneLine(t)}`),
  ];
  if (botLines.length) lines.push('Jawab answered:', ...botLines.map((l) => `- ${oneLine(l.text)}`));
  lines.push(
    input.tried.length
      ? `Tried in the knowledge: ${input.tried.map((s) => `${s.title} (${s.score.toFixed(2)})`).join(', ')}.`
      : input.reason === 'no_answer'
        ? 'Tried in the knowledge: nothing came close.'
        : 'Knowledge was not searched.',
  );
  return lines.join('\n');
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
