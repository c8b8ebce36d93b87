// Handing a conversation to a human: the message, the agent's note, labels, assignment, then `open`.
import type { SourceRef } from '../answer/types.js';
import type { AssignTo } from '../config/settings-rules.js';
import type { Language, Profile, TeamLanguage } from '../config/settings.js';
import type { AssignmentTarget, HelpdeskAction } from '../engine/actions.js';
import type { ConversationState } from '../engine/state.js';
import { withinBusinessHours } from './business-hours.js';
import type { Provided } from './entities.js';
import { type HandoffReason, handoverMessage, REASON_TEXT, type Unanswered } from './handoff-text.js';
import { AI_OFF_LABEL, dropAiOn } from './ownership-labels.js';
import { contactFiller } from './personalize.js';
import { type NoteFacts, noteFacts } from '../notes/facts.js';
import { renderNote } from '../notes/render.js';

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
  /** The language of the note for agents (settings `teamLanguage`). */
  teamLanguage: TeamLanguage;
  /** What Jawab says in this turn before handing over (a partial answer, a rule's message), for the note. */
  said?: string;
  /** The note as the model wrote it; absent: written from the conversation (notes/render.ts). */
  note?: string;
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
  if (profile.handoff.privateNote) actions.push({ type: 'note', content: input.note ?? renderNote(handoffFacts(input)) });
  const labels = byRules ? [...profile.handoff.labels, AI_OFF_LABEL] : profile.handoff.labels;
  const missing = [...new Set(labels)].filter((l) => !state.labels.includes(l));
  if (missing.length) actions.push({ type: 'add_labels', labels: missing });
  actions.push(...dropAiOn(state.labels));
  const target = assignmentTarget(input.assign ?? profile.handoff.assign);
  if (target) actions.push({ type: 'assign', target });
  if (!byRules) actions.push({ type: 'set_status', status: 'open' });
  return actions;
}

/** What the note for the agent says: why, what the customer wants, what was answered and collected, the language. */
export function handoffFacts(input: HandoffInput): NoteFacts {
  return noteFacts({
    occasion: { kind: 'handoff', reason: input.reason, ...(input.detail === undefined ? {} : { detail: input.detail }), tried: input.tried },
    state: input.state,
    customerLanguage: input.language,
    teamLanguage: input.teamLanguage,
    ...(input.collected ? { collected: input.collected } : {}),
    ...(input.said ? { said: input.said } : {}),
  });
}
