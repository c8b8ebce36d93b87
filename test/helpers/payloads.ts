// Webhook payloads for rule tests, made from the captured fixtures with the fields a test cares about changed.
import { fixture } from './fixtures.js';

export interface CustomerMessage {
  id: number;
  text: string;
  conversationId?: number;
  /** Contact fields to change (null removes an email or phone). */
  contact?: { name?: string; email?: string | null; phone_number?: string | null; custom_attributes?: Record<string, unknown> };
  createdAt?: string;
  /** The conversation's status and labels in the payload (default: the fixture's, `pending` and none). */
  status?: 'open' | 'pending' | 'snoozed' | 'resolved';
  labels?: string[];
}

/** `message_created` for a customer's message in a pending conversation (inbox 3, account 1). */
export function customerMessage(m: CustomerMessage): Record<string, unknown> {
  const base = fixture('message_created.incoming_contact.json') as Record<string, unknown> & {
    conversation: Record<string, unknown> & { meta: { sender: Record<string, unknown> } };
    sender: Record<string, unknown>;
  };
  const conversationId = m.conversationId ?? 42;
  const sender = { ...base.sender, ...m.contact };
  return {
    ...base,
    id: m.id,
    content: m.text,
    created_at: m.createdAt ?? new Date().toISOString(),
    sender,
    conversation: {
      ...base.conversation,
      id: conversationId,
      ...(m.status && { status: m.status }),
      ...(m.labels && { labels: m.labels }),
      meta: { ...base.conversation.meta, sender: { ...base.conversation.meta.sender, ...m.contact } } },
  };
}

/** `message_updated` for a pressed quick-reply button of message `messageId`. */
export function buttonPressed(messageId: number, items: Array<{ title: string; value: string }>, chosen: { title: string; value: string }, conversationId = 42): Record<string, unknown> {
  const base = fixture('message_updated.input_select_submitted.json') as Record<string, unknown> & { conversation: Record<string, unknown> };
  return {
    ...base,
    id: messageId,
    content_attributes: { items, submitted_values: [chosen] },
    conversation: { ...base.conversation, id: conversationId },
  };
}

export interface ConversationChange {
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  /** The attributes `changed_attributes` names (`status`, `assignee_id`, `label_list`, …). */
  changed: string[];
  labels?: string[];
  assigneeId?: number | null;
  /** Chatwoot's `updated_at` (unix seconds): later changes need larger values. */
  updatedAt: number;
  event?: 'conversation_updated' | 'conversation_created';
}

/** `conversation_updated` (or `conversation_created`) for conversation 42 of inbox 3, as an account webhook or the bot gets it. */
export function conversationChanged(c: ConversationChange): Record<string, unknown> {
  const base = fixture('conversation_updated.json') as Record<string, unknown> & { meta: Record<string, unknown> & { assignee: Record<string, unknown> } };
  const assignee = c.assigneeId ? { ...base.meta.assignee, id: c.assigneeId } : null;
  return {
    ...base,
    event: c.event ?? 'conversation_updated',
    status: c.status,
    labels: c.labels ?? [],
    updated_at: c.updatedAt,
    meta: { ...base.meta, assignee, assignee_type: assignee ? 'User' : null },
    changed_attributes: [...c.changed, 'updated_at'].map((k) => ({ [k]: { previous_value: null, current_value: null } })),
  };
}
