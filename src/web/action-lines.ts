// What the playground lists of each action applied to the helpdesk: a kind and its data, so the page says it in its
// own language (the settings page's `action.*` texts, whose English is ACTION_TEXT here). Pure: the page bundles it.
import type { HelpdeskAction } from '../engine/actions.js';
import { fill } from '../engine/why.js';

/** The English line of each kind; `{detail}` is the action's data (a message, labels, an id, a status). */
export const ACTION_TEXT = {
  reply: 'reply: {detail}',
  note: 'private note: {detail}',
  add_labels: 'add labels: {detail}',
  remove_labels: 'remove labels: {detail}',
  assign_agent: 'assign: agent {detail}',
  assign_team: 'assign: team {detail}',
  assign_least_busy: 'assign: least busy online agent',
  assign_least_busy_of_team: 'assign: least busy online agent of team {detail}',
  assign_round_robin: 'assign: next online agent in turn',
  assign_round_robin_of_team: 'assign: next online agent in turn of team {detail}',
  set_status: 'status: {detail}',
  set_priority: 'priority: {detail}',
  update_contact: 'update contact: {detail}',
  set_conversation_attributes: 'conversation attributes: {detail}',
  add_participants: 'add participants: agents {detail}',
  failed: '{line} (failed: {reason})',
} as const;
export type ActionKind = Exclude<keyof typeof ACTION_TEXT, 'failed'>;

export interface ActionLine {
  kind: ActionKind;
  detail: string;
  /** Why the helpdesk refused it, when it did. */
  failed?: string;
}

export function actionLine(action: HelpdeskAction, failed?: string): ActionLine {
  const line = lineOf(action);
  return failed === undefined ? line : { ...line, failed };
}

function lineOf(action: HelpdeskAction): ActionLine {
  switch (action.type) {
    case 'reply':
      return { kind: 'reply', detail: `${action.content}${action.buttons?.length ? ` [${action.buttons.map((b) => b.title).join(' | ')}]` : ''}` };
    case 'note':
      return { kind: 'note', detail: action.content.split('\n')[0] ?? '' };
    case 'add_labels':
    case 'remove_labels':
      return { kind: action.type, detail: action.labels.join(', ') };
    case 'assign': {
      const t = action.target;
      if (t.kind === 'agent') return { kind: 'assign_agent', detail: String(t.agentId) };
      if (t.kind === 'team') return { kind: 'assign_team', detail: String(t.teamId) };
      const kind = t.kind === 'least_busy' ? 'assign_least_busy' : 'assign_round_robin';
      return t.teamId === undefined ? { kind, detail: '' } : { kind: `${kind}_of_team`, detail: String(t.teamId) };
    }
    case 'set_status':
      return { kind: 'set_status', detail: action.status };
    case 'set_priority':
      return { kind: 'set_priority', detail: action.priority ?? 'none' };
    case 'update_contact':
      return { kind: 'update_contact', detail: JSON.stringify(action.changes) };
    case 'set_conversation_attributes':
      return { kind: 'set_conversation_attributes', detail: JSON.stringify(action.attributes) };
    case 'add_participants':
      return { kind: 'add_participants', detail: action.agentIds.join(', ') };
  }
}

/** A line in English (the API's tests and logs read these). */
export function actionText(line: ActionLine): string {
  const text = fill(ACTION_TEXT[line.kind], { detail: line.detail });
  return line.failed === undefined ? text : fill(ACTION_TEXT.failed, { line: text, reason: line.failed });
}
