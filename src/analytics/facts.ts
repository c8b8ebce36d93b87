// What one engine commit means for analytics (pure): a conversation taken, answered, handed off (and why), the
// first reply and how long it took, resolved without a human, a question with no answer, follow-up outcomes.
// Read from the state before and after the commit and the turn decided in it, so the engine needs no change per
// counter. Follow-ups are recognised by their audit entries: `what` = "follow-up <outcome>" (sent, cancelled, ...).
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
  | { kind: 'follow_up'; outcome: string };

export interface DatedFacts {
  day: string;
  inboxId: number;
  facts: Fact[];
}

const FOLLOW_UP = /^follow-?up[\s:_-]+([a-z_]+)/i;

export function factsOf(commit: Commit): DatedFacts | null {
  const { before, after, decision, messages: answered, at } = commit;
  if (!after) return null;
  const facts: Fact[] = [];
  const newSession = !before || before.sessionStartedAt !== after.sessionStartedAt;
  // A turn is applied only while the AI owns the conversation, even when that turn hands it off.
  if (newSession && (after.owner === 'ai' || decision)) facts.push({ kind: 'taken' });
  if (decision) {
    if (decision.reply) facts.push({ kind: 'answered' });
    if (decision.handoff) facts.push({ kind: 'handoff', reason: decision.handoff });
    if ((decision.what === 'no answer' || decision.handoff === 'no_answer') && answered.length) {
      facts.push({ kind: 'unanswered', question: normalise(answered.map((m) => m.text).join(' ')) });
    }
    const repliedBefore = (before?.transcript ?? []).some((l) => l.role === 'bot' && l.at >= after.sessionStartedAt);
    const first = Math.min(...answered.map((m) => m.at));
    if (!repliedBefore && decision.actions.some((a) => a.type === 'reply') && Number.isFinite(first)) {
      facts.push({ kind: 'first_reply', seconds: Math.max(0, (at - first) / 1000) });
    }
  }
  if (before && before.owner === 'ai' && before.status !== 'resolved' && after.status === 'resolved') facts.push({ kind: 'resolved_without_human' });
  const old = new Set(before?.audit ?? []);
  for (const entry of after.audit) {
    const match = old.has(entry) ? null : FOLLOW_UP.exec(entry.what);
    if (match?.[1]) facts.push({ kind: 'follow_up', outcome: match[1].toLowerCase() });
  }
  return facts.length ? { day: dayOf(at), inboxId: after.ref.inboxId, facts } : null;
}

/** A UTC calendar day, `YYYY-MM-DD`. */
export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** Questions are counted together when they differ only in case, spacing and end punctuation. */
function normalise(text: string): string {
  const flat = text.toLowerCase().replace(/\s+/g, ' ').trim().replace(/[?!.\s]+$/, '');
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
