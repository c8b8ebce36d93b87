// A turn: the customer's pending messages in, a decision out (the actions, and what changes in the state).
// The decision is data, applied by applyTurn to whatever the state is when it is committed: events that
// arrived while the answer was being written are folded first, and a human who took over meanwhile wins.
// Order of a turn: the flow (Cekat), a request for a human, a file, the rules and the handoff triggers, the answer.
import { replyLanguage } from '../answer/language.js';
import type { Answerer, SourceRef } from '../answer/types.js';
import type { AssignTo } from '../config/settings-rules.js';
import { type Language, type Profile, REPLY_LENGTHS } from '../config/settings.js';
import { composeReply, guidedPersona } from '../rules/compose.js';
import type { Provided } from '../rules/entities.js';
import { runFlow } from '../rules/flow.js';
import { handoffActions, reasonText } from '../rules/handoff.js';
import { type HandoffReason, notFoundMessage } from '../rules/handoff-text.js';
import { asksForHuman } from '../rules/human-request.js';
import { contactFiller } from '../rules/personalize.js';
import { planRules, type RulePlan } from '../rules/plan.js';
import { type Classifier, signalNeeds, type Signals } from '../rules/signals.js';
import { offlineClassifier } from '../rules/offline-classifier.js';
import { followUpsCancelled, scheduleAfterReply } from '../rules/automation.js';
import type { HelpdeskAction } from './actions.js';
import { type Awaiting, bounded, clip, type ConversationState, type FlowPosition, LIMITS, type PendingMessage, setOwner, withAudit } from './state.js';

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
  /** Set when the turn replied (an answer or a rule's message). */
  reply?: { text: string; why: string; sources: SourceRef[] };
  /** What else the turn changes in the state. */
  changes?: {
    awaiting?: Awaiting | null;
    flow?: FlowPosition;
    collected?: Provided;
    /** Jawab resolves or snoozes the conversation itself (the cooldown starts). */
    closed?: 'resolved' | 'snoozed';
    /** The idle and follow-up timers after this turn (absent: none). */
    timers?: { idle?: number; followup?: number };
  };
  what: string;
  why: string;
  sources: SourceRef[];
}

export async function decideTurn(input: TurnInput, answerer: Answerer, classifier: Classifier = offlineClassifier): Promise<TurnDecision> {
  const { state, profile, now } = input;
  const answered = input.messages.map((m) => m.messageId);
  const texts = input.messages.map((m) => m.text.trim()).filter(Boolean);
  const language = replyLanguage(profile.persona, texts);
  let before: HelpdeskAction[] = [];
  let flow: FlowPosition | undefined;
  let collected: Provided | undefined;

  const handoff = (reason: HandoffReason, extra: { tried?: SourceRef[]; detail?: string; assign?: AssignTo } = {}): TurnDecision => ({
    answered,
    actions: [...before, ...handoffActions({ reason, detail: extra.detail, language, profile, state, tried: extra.tried ?? [], now, assign: extra.assign, collected })],
    handoff: reason,
    changes: { flow, collected, awaiting: null },
    what: 'handoff',
    why: reasonText(reason, extra.detail),
    sources: extra.tried ?? [],
  });

  if (profile.handoff.onHumanRequest && texts.some(asksForHuman)) return handoff('asked_for_human');

  const flowOutcome = runFlow(profile.flow, state.flow, input.messages, profile.businessHours.timeZone, contactFiller(state));
  if (flowOutcome) {
    flow = flowOutcome.position;
    before = flowOutcome.actions;
    const why = `flow: ${flowOutcome.path.join(' → ') || 'no step'}`;
    if (flowOutcome.next.kind === 'human') return handoff('flow', { assign: flowOutcome.next.assign, detail: flowOutcome.path.at(-1) });
    if (flowOutcome.next.kind === 'wait' || flowOutcome.next.skipAnswer) {
      return { answered, actions: before, changes: { flow }, reply: replyOf(before, why), what: 'flow', why, sources: [] };
    }
  }

  // The bot cannot see files: a screenshot or a photo needs a person, whatever words came with it.
  if (input.messages.some((m) => m.attachmentCount > 0)) return handoff('attachment');

  const signals = await classify(classifier, profile, texts);
  const last = input.messages.at(-1);
  const plan = planRules(state, { signals, text: texts.join('\n'), receivedAt: last?.at ?? now, profile }, now);
  collected = Object.keys(plan.collected).length ? plan.collected : undefined;
  before = [...plan.saves, ...before];

  if (plan.handoff) return handoff('rule', { detail: plan.handoff.rule, assign: plan.handoff.to });
  if (profile.handoff.onSentiments.includes(signals.sentiment)) return handoff('sentiment', { detail: signals.sentiment });
  if (profile.handoff.afterBotReplies > 0 && state.botReplies >= profile.handoff.afterBotReplies) {
    return handoff('bot_replies', { detail: `${state.botReplies} replies` });
  }
  return answerTurn({ ...input, answered, language, plan, before, flow, collected }, answerer, handoff);
}

interface AnswerInput extends TurnInput {
  answered: number[];
  language: Language;
  plan: RulePlan;
  /** Actions that go before the reply (contact details saved, the flow's actions). */
  before: HelpdeskAction[];
  flow?: FlowPosition;
  collected?: Provided;
}

/** The reply: exact messages and/or an answer from knowledge, shaped by the rules, then effects, then a resolve. */
async function answerTurn(input: AnswerInput, answerer: Answerer, handoff: (reason: HandoffReason, extra: { tried?: SourceRef[] }) => TurnDecision): Promise<TurnDecision> {
  const { state, profile, plan, language, now } = input;
  const texts = input.messages.map((m) => m.text.trim()).filter(Boolean);
  const fired = plan.fired.length ? `; rules: ${plan.fired.join(', ')}` : '';
  let answer: { text: string; mode: 'model' | 'offline' } | undefined;
  let sources: SourceRef[] = [];
  let why = `rules: ${plan.fired.join(', ')}`;
  let what = 'reply';

  // An exact message stands instead of the AI answer, unless a rule also asked to answer from knowledge.
  if (!plan.messages.length || plan.answer) {
    // The transcript already ends with the pending messages: the history is what came before them.
    const history = state.transcript.slice(0, Math.max(0, state.transcript.length - input.messages.length)).map((l) => ({ role: l.role, text: l.text }));
    const persona = guidedPersona(profile.persona, plan.guidance);
    const result = await answerer.answer({ messages: texts, history, language, persona, contact: state.contact ?? {}, guidance: plan.guidance, inboxId: state.ref.inboxId });
    if (result.kind === 'no_answer' && !plan.messages.length && !plan.ask.length) {
      if (profile.handoff.onNoAnswer) return handoff('no_answer', { tried: result.tried });
      answer = { text: notFoundMessage(language), mode: result.mode };
      why = 'nothing relevant was found in the knowledge';
      what = 'no answer';
    } else if (result.kind === 'answer') {
      answer = { text: result.text, mode: result.mode };
      why = `answered from knowledge (${result.mode})${fired}`;
    }
    sources = result.kind === 'answer' ? result.sources : result.tried;
  }

  const text = composeReply({ messages: plan.messages, answer, guidance: plan.guidance, ask: plan.ask, language, maxChars: REPLY_LENGTHS[profile.persona.replyLength].max });
  const actions: HelpdeskAction[] = [...input.before];
  if (text) actions.push({ type: 'reply', content: text });
  actions.push(...plan.effects);
  if (profile.citeSourcesInNote && answer && sources.length) {
    actions.push({ type: 'note', content: `Jawab answered from: ${sources.map((s) => `${s.title} (${s.source})`).join('; ')}` });
  }
  if (plan.close) actions.push(plan.close.status === 'resolved' ? { type: 'set_status', status: 'resolved' } : { type: 'set_status', status: 'snoozed', snoozedUntil: plan.close.until });
  const replied = actions.some((a) => a.type === 'reply');
  return {
    answered: input.answered,
    actions,
    reply: replied ? { text, why, sources } : undefined,
    changes: {
      awaiting: plan.awaiting,
      flow: input.flow,
      collected: input.collected,
      closed: plan.close?.status,
      timers: plan.close || !replied ? undefined : scheduleAfterReply(profile, now),
    },
    what: replied ? what : 'rules',
    why,
    sources,
  };
}

async function classify(classifier: Classifier, profile: Profile, texts: string[]): Promise<Signals> {
  const needs = signalNeeds(profile);
  // Without a condition about meaning, the offline patterns (contact details) are all a turn needs: no model call.
  const chosen = needs.meaning || needs.custom.length ? classifier : offlineClassifier;
  return chosen.classify({ texts, custom: needs.custom });
}

function replyOf(actions: HelpdeskAction[], why: string): TurnDecision['reply'] {
  const text = actions.flatMap((a) => (a.type === 'reply' ? [a.content] : [])).join('\n\n');
  return text ? { text, why, sources: [] } : undefined;
}

/** Applies a decision to the state as it is now. */
export function applyTurn(state: ConversationState, decision: TurnDecision, now: number): ConversationState {
  const pending = state.pending.filter((m) => !decision.answered.includes(m.messageId));
  const changes = decision.changes ?? {};
  let next: ConversationState = {
    ...state,
    pending,
    // Messages that arrived after the turn started keep their own reply timer; idle and follow-ups start over.
    timers: { ...state.timers, reply: pending.length ? state.timers.reply : undefined, idle: changes.timers?.idle, followup: changes.timers?.followup },
    followUpsSent: 0,
  };
  if (changes.flow) next = { ...next, flow: changes.flow };
  if (changes.collected) next = { ...next, collected: changes.collected };
  if (changes.awaiting !== undefined) next = { ...next, awaiting: changes.awaiting ?? undefined };
  if (changes.closed) {
    next = { ...next, status: changes.closed, ...followUpsCancelled(next) };
    if (changes.closed === 'resolved') next = { ...next, resolvedByBotAt: now };
    if (changes.closed === 'snoozed') next = { ...next, snoozedByBot: true };
  }
  if (decision.reply) {
    next = { ...next, botReplies: next.botReplies + 1, lastAnswer: { at: now, ...decision.reply } };
  }
  if (decision.handoff) {
    next = setOwner({ ...next, pending: [], ...followUpsCancelled(next) }, 'human', decision.why, now);
    next = { ...next, timers: { ...next.timers, reply: undefined } };
  }
  const botLines = decision.actions.flatMap((a) => (a.type === 'reply' ? [{ role: 'bot' as const, text: clip(a.content), at: now }] : []));
  next = { ...next, transcript: bounded(next.transcript, botLines, LIMITS.transcript) };
  return withAudit(next, { at: now, what: decision.what, why: decision.why, sources: decision.sources });
}
