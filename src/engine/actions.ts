// The engine's output: typed actions. Helpdesk actions go to the outbox and the executor;
// timer actions are folded into the conversation state in the same write, so a timer is as durable as the change that set it.
import type { ContactChanges, ConversationStatus, MessageButton, Priority } from '../chatwoot/port.js';

export type AssignmentTarget =
  | { kind: 'agent'; agentId: number }
  | { kind: 'team'; teamId: number }
  /** The online agent with the fewest open conversations (of the team, when given); nobody online: the team, else the inbox queue. */
  | { kind: 'least_busy'; teamId?: number }
  /** The next online agent after the last one picked (a cursor that survives restarts); nobody online: as least_busy. */
  | { kind: 'round_robin'; teamId?: number };

export type HelpdeskAction =
  | { type: 'reply'; content: string; buttons?: MessageButton[] }
  | { type: 'note'; content: string }
  | { type: 'add_labels'; labels: string[] }
  | { type: 'remove_labels'; labels: string[] }
  | { type: 'assign'; target: AssignmentTarget }
  | { type: 'set_status'; status: ConversationStatus; snoozedUntil?: number }
  | { type: 'set_priority'; priority: Priority | null }
  | { type: 'update_contact'; changes: ContactChanges }
  | { type: 'set_conversation_attributes'; attributes: Record<string, string | number | boolean> }
  | { type: 'add_participants'; agentIds: number[] };

/**
 * `reply`: the reply delay; `retry`: the next attempt at the outbox after a transient failure;
 * `idle`: the idle action; `followup`: the next follow-up (rules/automation.ts).
 */
export type TimerName = 'reply' | 'retry' | 'idle' | 'followup';

export type TimerAction = { type: 'set_timer'; timer: TimerName; at: number } | { type: 'clear_timer'; timer: TimerName };

export type Action = HelpdeskAction | TimerAction;

export const isTimerAction = (a: Action): a is TimerAction => a.type === 'set_timer' || a.type === 'clear_timer';
