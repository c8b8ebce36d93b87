// What one engine commit means for analytics (pure): a conversation taken, answered, handed off (and why; each once per
// session, so the counts are conversations), the first reply and how long it took, resolved without a human, a
// question with no answer, follow-up outcomes.
// Read from the state before and after the commit and the turn decided in it, so the engine needs no change per
// counter. A follow-up sent leaves an audit entry `follow-up <n>` (rules/automation.ts); the state's count of
// follow-ups drops to 0 when they end: the customer replied, or the conversation was handed off or resolved.
import type { ConversationState, PendingMessage } from '../engine/state.js';
import type { TurnDecision } from '../engine/turn.js';

export interface Commit {
  before: ConversationState | undefined;
  after: ConversationState | undefined;
  /** The turn applied in this commit, if any (a turn discarded because a human took over is not one). */
  decision?: TurnDecision;
  /** The customer messages that turn answered. */
  messages: PendingMessage[];
  at: number;
}

export type Fact =
  | { kind: 'taken' }
  | { kind: 'answered' }
  | { kind: 'handoff'; reason: string }
  | { kind: 'first_reply'; seconds: number }
  | { kind: 'resolved_without_human' }
  | { kind: 'unanswered'; question: string }
  | { kind: 'follow_up'; outcome: string }
  /** A helpdesk action that failed for good (not retried): reported by the engine's observer, not read from a commit. */
  | { kind: 'action_failed'; action: string };

export interface DatedFacts {
  day: string;
  inboxId: number;
  facts: Fact[];
}

export function factsOf(commit: Commit): DatedFacts | null {
  const { before, after, decision, messages: answered, at } = commit;
  if (!after) return null;
  const facts: Fact[] = [];
  const newSession = !before || before.sessionStartedAt !== after.sessionStartedAt;
  // A turn is applied only while the AI owns the conversation, even when that turn hands it off.
  if (newSession && (after.owner === 'ai' || decision)) facts.push({ kind: 'taken' });
  if (decision) {
    // Conversations, not events: a session counts as answered at its first reply and as handed off at its first
    // handoff (three conversations, one handed off twice after an agent gave it back, are three).
    const repliedBefore = (before?.transcript ?? []).some((l) => l.role === 'bot' && l.at >= after.sessionStartedAt);
    const handedOffBefore = (before?.audit ?? []).some((e) => e.what === 'handoff' && e.at >= after.sessionStartedAt);
    if (decision.reply && !repliedBefore) facts.push({ kind: 'answered' });
    if (decision.handoff && !handedOffBefore) facts.push({ kind: 'handoff', reason: decision.handoff });
    // The questions themselves, without the greeting or thanks around them ("halo kak, bisa cod?" counts "bisa cod").
    if ((decision.what === 'no answer' || decision.handoff === 'no_answer') && answered.length) {
      const questions = decision.unanswered?.length ? decision.unanswered : answered.map((m) => m.text);
      facts.push({ kind: 'unanswered', question: normalise(questions.join(' ')) });
    }
    const first = Math.min(...answered.map((m) => m.at));
    if (!repliedBefore && decision.actions.some((a) => a.type === 'reply') && Number.isFinite(first)) {
      facts.push({ kind: 'first_reply', seconds: Math.max(0, (at - first) / 1000) });
    }
  }
  if (before && before.owner === 'ai' && before.status !== 'resolved' && after.status === 'resolved') facts.push({ kind: 'resolved_without_human' });
  facts.push(...followUpFacts(before, after));
  return facts.length ? { day: dayOf(at), inboxId: after.ref.inboxId, facts } : null;
}

const FOLLOW_UP_SENT = /^follow-up \d+$/;

/** `sent` for each follow-up that went out; then what ended them: `handed_off`, `resolved` or `replied`. */
function followUpFacts(before: ConversationState | undefined, after: ConversationState): Fact[] {
  const old = new Set(before?.audit ?? []);
  const facts: Fact[] = after.audit.filter((e) => !old.has(e) && FOLLOW_UP_SENT.test(e.what)).map(() => ({ kind: 'follow_up', outcome: 'sent' }));
  if ((before?.followUpsSent ?? 0) > 0 && (after.followUpsSent ?? 0) === 0) {
    facts.push({ kind: 'follow_up', outcome: after.owner !== 'ai' ? 'handed_off' : after.status === 'resolved' ? 'resolved' : 'replied' });
  }
  return facts;
}

/** A UTC calendar day, `YYYY-MM-DD`. */
export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** Questions are counted together when they differ only in case, spacing and end punctuation. */
function normalise(text: string): string {
  const flat = text.toLowerCase().replace(/\s+/g, ' ').trim().replace(/[?!.\s]+$/, '');
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
