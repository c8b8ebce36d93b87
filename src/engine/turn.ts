// A turn: the customer's pending messages in, a decision out (the actions, and what changes in the state).
// The decision is data, applied by applyTurn to whatever the state is when it is committed: events that
// arrived while the answer was being written are folded first, and a human who took over meanwhile wins.
import { replyLanguage } from '../answer/language.js';
import type { Answerer, SourceRef } from '../answer/types.js';
import type { Profile } from '../config/settings.js';
import { handoffActions } from '../rules/handoff.js';
import { type HandoffReason, notFoundMessage, REASON_TEXT } from '../rules/handoff-text.js';
import { asksForHuman } from '../rules/human-request.js';
import type { HelpdeskAction } from './actions.js';
import { bounded, clip, type ConversationState, LIMITS, type PendingMessage, setOwner, withAudit } from './state.js';

export interface TurnInput {
  state: ConversationState;
  messages: PendingMessage[];
  profile: Profile;
  now: number;
}

export interface TurnDecision {
  /** The pending messages this turn answers. */
  answered: number[];
  actions: HelpdeskAction[];
  /** Set when the turn hands off. */
  handoff?: HandoffReason;
  /** Set when the turn replied from knowledge. */
  reply?: { text: string; why: string; sources: SourceRef[] };
  what: string;
  why: string;
  sources: SourceRef[];
}

export async function decideTurn(input: TurnInput, answerer: Answerer): Promise<TurnDecision> {
  const { state, profile } = input;
  const answered = input.messages.map((m) => m.messageId);
  const texts = input.messages.map((m) => m.text.trim()).filter(Boolean);
  const language = replyLanguage(profile.persona, texts);

  const handoff = (reason: HandoffReason, tried: SourceRef[] = []): TurnDecision => ({
    answered,
    actions: handoffActions({ reason, language, profile, state, tried }),
    handoff: reason,
    what: 'handoff',
    why: REASON_TEXT[reason],
    sources: tried,
  });

  if (profile.handoff.onHumanRequest && texts.some(asksForHuman)) return handoff('asked_for_human');
  // The bot cannot see files: a screenshot or a photo needs a person, whatever words came with it.
  if (input.messages.some((m) => m.attachmentCount > 0)) return handoff('attachment');

  // The transcript already ends with the pending messages: the history is what came before them.
  const history = state.transcript.slice(0, Math.max(0, state.transcript.length - input.messages.length)).map((l) => ({ role: l.role, text: l.text }));
  const result = await answerer.answer({ messages: texts, history, language, persona: profile.persona, contact: state.contact ?? {}, inboxId: state.ref.inboxId });

  if (result.kind === 'no_answer') {
    if (profile.handoff.onNoAnswer) return handoff('no_answer', result.tried);
    return {
      answered,
      actions: [{ type: 'reply', content: notFoundMessage(language) }],
      what: 'no answer',
      why: REASON_TEXT.no_answer,
      sources: result.tried,
    };
  }

  const why = `answered from knowledge (${result.mode})`;
  const actions: HelpdeskAction[] = [{ type: 'reply', content: result.text }];
  if (profile.citeSourcesInNote && result.sources.length) {
    actions.push({ type: 'note', content: `Jawab answered from: ${result.sources.map((s) => `${s.title} (${s.source})`).join('; ')}` });
  }
  return { answered, actions, reply: { text: result.text, why, sources: result.sources }, what: 'reply', why, sources: result.sources };
}

/** Applies a decision to the state as it is now. */
export function applyTurn(state: ConversationState, decision: TurnDecision, now: number): ConversationState {
  const pending = state.pending.filter((m) => !decision.answered.includes(m.messageId));
  let next: ConversationState = {
    ...state,
    pending,
    // Messages that arrived after the turn started keep their own reply timer.
    timers: { ...state.timers, reply: pending.length ? state.timers.reply : undefined },
  };
  if (decision.reply) {
    next = { ...next, botReplies: next.botReplies + 1, lastAnswer: { at: now, ...decision.reply } };
  }
  if (decision.handoff) {
    next = setOwner({ ...next, pending: [], timers: { ...next.timers, reply: undefined } }, 'human', decision.why, now);
  }
  const botLines = decision.actions.flatMap((a) => (a.type === 'reply' ? [{ role: 'bot' as const, text: clip(a.content), at: now }] : []));
  next = { ...next, transcript: bounded(next.transcript, botLines, LIMITS.transcript) };
  return withAudit(next, { at: now, what: decision.what, why: decision.why, sources: decision.sources });
}
