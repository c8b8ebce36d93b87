// What the dashboard app shows an agent about the last handoff, read from the conversation's audit trail and
// transcript: when, why, what the customer said and Jawab answered before it, and what was tried in the knowledge.
import type { SourceRef } from '../answer/types.js';
import type { ConversationState } from '../engine/state.js';
import { HANDOFF_REASONS, type HandoffReason, REASON_TEXT } from '../rules/handoff-text.js';

export interface HandoffSummary {
  at: number;
  /** The reason as the audit trail wrote it (English). */
  reason: string;
  /** Which reason it was, for the page to say in its language (absent for an entry it cannot tell). */
  reasonKey?: HandoffReason;
  /** What the reason was about ("frustrated", a rule's name), as written. */
  detail?: string;
  customerSaid: string[];
  jawabSaid: string[];
  tried: SourceRef[];
}

export function handoffSummary(state: ConversationState): HandoffSummary | null {
  const entry = [...state.audit].reverse().find((a) => a.what === 'handoff');
  if (!entry) return null;
  const before = state.transcript.filter((l) => l.at <= entry.at);
  // The audit says `<reason text>` or `<reason text> (<detail>)` (rules/handoff.ts reasonText).
  const reasonKey = HANDOFF_REASONS.find((reason) => entry.why === REASON_TEXT[reason] || entry.why.startsWith(`${REASON_TEXT[reason]} (`));
  const detail = reasonKey === undefined || entry.why === REASON_TEXT[reasonKey] ? undefined : entry.why.slice(REASON_TEXT[reasonKey].length + 2, -1);
  return {
    at: entry.at,
    reason: entry.why,
    ...(reasonKey ? { reasonKey } : {}),
    ...(detail ? { detail } : {}),
    customerSaid: before.filter((l) => l.role === 'customer').slice(-4).map((l) => l.text),
    // The handover message itself is the last bot line: what came before it is what Jawab answered.
    jawabSaid: before.filter((l) => l.role === 'bot').slice(-3, -1).map((l) => l.text),
    tried: entry.sources ?? [],
  };
}
