// What the dashboard app shows an agent about the last handoff, read from the conversation's audit trail and
// transcript: when, why, what the customer said and Jawab answered before it, and what was tried in the knowledge.
import type { SourceRef } from '../answer/types.js';
import type { ConversationState } from '../engine/state.js';

export interface HandoffSummary {
  at: number;
  reason: string;
  customerSaid: string[];
  jawabSaid: string[];
  tried: SourceRef[];
}

export function handoffSummary(state: ConversationState): HandoffSummary | null {
  const entry = [...state.audit].reverse().find((a) => a.what === 'handoff');
  if (!entry) return null;
  const before = state.transcript.filter((l) => l.at <= entry.at);
  return {
    at: entry.at,
    reason: entry.why,
    customerSaid: before.filter((l) => l.role === 'customer').slice(-4).map((l) => l.text),
    // The handover message itself is the last bot line: what came before it is what Jawab answered.
    jawabSaid: before.filter((l) => l.role === 'bot').slice(-3, -1).map((l) => l.text),
    tried: entry.sources ?? [],
  };
}
