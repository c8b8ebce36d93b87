// Handing a conversation to a human: the message, the agent's note, labels, assignment, then `open`.
import type { SourceRef } from '../answer/types.js';
import type { AssignTo } from '../config/settings-rules.js';
import type { Language, Profile } from '../config/settings.js';
import type { AssignmentTarget, HelpdeskAction } from '../engine/actions.js';
import type { ConversationState } from '../engine/state.js';
import { withinBusinessHours } from './business-hours.js';
import type { Provided } from './entities.js';
import { type HandoffReason, handoverMessage, REASON_TEXT, type Unanswered } from './handoff-text.js';
import { AI_OFF_LABEL, dropAiOn } from './ownership-labels.js';
import { contactFiller } from './personalize.js';

export interface HandoffInput {
  reason: HandoffReason;
  /** What exactly (a rule's name, the sentiment), for the note and the audit trail. */
  detail?: string;
  language: Language;
  profile: Profile;
  state: ConversationState;
  /** Knowledge passages that were looked at and judged not good enough. */
  tried: SourceRef[];
  now: number;
  /** Whom to assign, when not the handoff settings' choice (a rule, the idle action, a flow). */
  assign?: AssignTo;
  /** The message, when not the handoff settings' one (the idle action). */
  message?: string;
  /** Contact details the customer gave in this session. */
  collected?: Provided;
  /** What the messages without an answer did: trouble gets an apology, a request a plain handover, not "not found". */
  unanswered?: Unanswered;
}

export function assignmentTarget(assign: AssignTo): AssignmentTarget | null {
  switch (assign.strategy) {
    case 'agent':
      return { kind: 'agent', agentId: assign.agentId };
    case 'team':
      return { kind: 'team', teamId: assign.teamId };
    case 'least_busy':
      return { kind: 'least_busy', teamId: assign.teamId };
    case 'any_available':
      return { kind: 'round_robin', teamId: assign.teamId };
    case 'none':
      return null;
  }
}

export const reasonText = (reason: HandoffReason, detail?: string): string => (detail ? `${REASON_TEXT[reason]} (${detail})` : REASON_TEXT[reason]);

/**
 * The actions in the order they must land: the customer hears first, the agent finds the note when assigned, `open`
 * last. `ai-on` goes, so an agent can give the conversation back with it again. In account-webhook mode the conversation
 * is already `open` and ownership is read from the assignee and `ai-off` (SPEC 1): `ai-off` is added instead of `open`,
 * so the conversation stays with humans even when nobody was online to assign.
 */
export function handoffActions(input: HandoffInput): HelpdeskAction[] {
  const { profile, state } = input;
  const byRules = profile.connection === 'account_webhook';
  const outOfHours = withinBusinessHours(profile.businessHours, input.now) ? undefined : profile.handoff.outOfHoursMessage;
  const fill = contactFiller(state, input.collected);
  const actions: HelpdeskAction[] = [
    { type: 'reply', content: fill(handoverMessage(input.reason, input.language, input.message ?? profile.handoff.message, outOfHours, input.unanswered)) },
  ];
  if (profile.handoff.privateNote) actions.push({ type: 'note', content: handoffNote(input) });
  const labels = byRules ? [...profile.handoff.labels, AI_OFF_LABEL] : profile.handoff.labels;
  const missing = [...new Set(labels)].filter((l) => !state.labels.includes(l));
  if (missing.length) actions.push({ type: 'add_labels', labels: missing });
  actions.push(...dropAiOn(state.labels));
  const target = assignmentTarget(input.assign ?? profile.handoff.assign);
  if (target) actions.push({ type: 'assign', target });
  if (!byRules) actions.push({ type: 'set_status', status: 'open' });
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
    `Jawab handed this conversation over: ${reasonText(input.reason, input.detail)}.`,
    `Customer: ${who}. Language: ${input.language}. Bot replies this session: ${state.botReplies}.`,
  ];
  const collected = Object.entries({ ...state.collected, ...input.collected });
  if (collected.length) lines.push(`Collected: ${collected.map(([k, v]) => `${k} ${v}`).join(' · ')}.`);
  lines.push('Customer said:', ...customerLines.map((t) => `- ${oneLine(t)}`));
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
