// Translates a Chatwoot webhook body into the engine's InboundEvent, or says why it is ignored or malformed.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Attachment, Author, ContactSnapshot, ConversationSnapshot, InboundEvent } from '../engine/events.js';
import {
  type ConversationPayload,
  type MessagePayload,
  attachmentShape,
  conversationPayload,
  contactShape,
  conversationShape,
  IGNORED_EVENTS,
  messagePayload,
} from './webhook-schema.js';

export type ParseResult =
  | { outcome: 'event'; event: InboundEvent }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'invalid'; reason: string };

export function parseWebhook(body: unknown): ParseResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { outcome: 'invalid', reason: 'the body must be a JSON object' };
  }
  const event = (body as { event?: unknown }).event;
  if (typeof event !== 'string') return { outcome: 'invalid', reason: 'the body has no "event" string' };
  if (IGNORED_EVENTS.has(event)) return { outcome: 'ignored', reason: `${event} does not concern the bot` };

  if (event === 'message_created' || event === 'message_updated') {
    const parsed = messagePayload.safeParse(body);
    return parsed.success ? fromMessage(parsed.data) : invalid(event, parsed.error);
  }
  if (event.startsWith('conversation_')) {
    const parsed = conversationPayload.safeParse(body);
    return parsed.success ? fromConversation(parsed.data) : invalid(event, parsed.error);
  }
  return { outcome: 'ignored', reason: `unknown event ${event}` };
}

function invalid(event: string, error: z.ZodError): ParseResult {
  const issue = error.issues[0];
  const where = issue?.path.join('.') || '(root)';
  return { outcome: 'invalid', reason: `${event}: ${where}: ${issue?.message ?? 'invalid'}` };
}

function fromMessage(m: MessagePayload): ParseResult {
  if (m.message_type === 'activity') return { outcome: 'ignored', reason: 'activity messages are never acted on' };
  const ref = { accountId: m.account.id, inboxId: m.conversation.inbox_id, conversationId: m.conversation.id };
  const conversation = snapshot(m.conversation, m.message_type === 'incoming' ? m.sender : undefined);
  const submitted = m.content_attributes.submitted_values;
  if (m.event === 'message_updated') {
    // Only a submitted quick-reply choice matters in an update; edits and read receipts do not.
    if (m.content_type !== 'input_select' || !submitted?.length) {
      return { outcome: 'ignored', reason: 'message_updated without a submitted choice' };
    }
    const chosen = submitted.map((b) => ({ title: b.title, value: b.value }));
    return {
      outcome: 'event',
      event: { kind: 'button_reply', ref, conversation, messageId: m.id, chosen, dedupeKey: `u:${m.id}:${digest(chosen)}` },
    };
  }
  return {
    outcome: 'event',
    event: {
      kind: 'message',
      ref,
      conversation,
      messageId: m.id,
      author: authorOf(m),
      private: m.private,
      text: m.content,
      attachmentCount: m.attachments?.length ?? 0,
      ...(m.attachments?.length ? { attachments: m.attachments.map(attachmentOf) } : {}),
      createdAt: toMs(m.created_at) ?? Date.now(),
      dedupeKey: `m:${m.id}`,
    },
  };
}

function fromConversation(c: ConversationPayload): ParseResult {
  const accountId = c.messages[0]?.account_id ?? 0; // 0: unknown here; the engine keeps the one it learned.
  const conversation = snapshot(c, undefined);
  return {
    outcome: 'event',
    event: {
      kind: 'conversation',
      ref: { accountId, inboxId: c.inbox_id, conversationId: c.id },
      conversation,
      changed: c.event === 'conversation_updated' ? c.changed_attributes.filter((a) => a !== 'updated_at') : ['status'],
      // The same change can come through the agent bot and an account webhook: key it by what changed and when.
      dedupeKey: `c:${c.event}:${c.status}:${c.updated_at ?? c.timestamp ?? 0}`,
    },
  };
}

/** Chatwoot's `file_type` (image, audio, video, file, location, fallback, …) in the engine's four kinds. */
function attachmentOf(raw: unknown): Attachment {
  const a = attachmentShape.safeParse(raw).data;
  const type = a?.file_type;
  const kind: Attachment['kind'] = type === 'image' || type === 'audio' || type === 'video' ? type : 'file';
  return {
    kind,
    ...(a?.data_url ? { url: a.data_url } : {}),
    ...(a?.content_type ? { contentType: a.content_type } : {}),
    ...(typeof a?.file_size === 'number' ? { bytes: a.file_size } : {}),
  };
}

function authorOf(m: MessagePayload): Author {
  if (m.message_type === 'incoming') return 'contact';
  if (m.message_type === 'template') return 'system';
  switch (m.sender?.type) {
    case 'user':
      return 'agent';
    case 'agent_bot':
    case 'captain_assistant':
      return 'bot';
    default:
      return 'system';
  }
}

function snapshot(c: z.infer<typeof conversationShape>, incomingSender: unknown): ConversationSnapshot {
  // meta.sender was read by the schema already; an incoming message's own sender is read here, if it is a contact.
  const sender = c.meta?.sender ?? contactShape.safeParse(incomingSender).data;
  const contact = sender ? contactOf(sender) : undefined;
  return {
    status: c.status,
    labels: c.labels,
    assigneeId: c.meta?.assignee_type === 'AgentBot' ? null : (c.meta?.assignee?.id ?? null),
    teamId: c.meta?.team?.id ?? null,
    contact,
    updatedAt: Math.round((c.updated_at ?? c.timestamp ?? 0) * 1000),
  };
}

function contactOf(c: z.infer<typeof contactShape>): ContactSnapshot {
  const customAttributes: ContactSnapshot['customAttributes'] = {};
  for (const [k, v] of Object.entries(c.custom_attributes)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') customAttributes[k] = v;
  }
  return {
    id: c.id,
    name: c.name ?? undefined,
    email: c.email ?? undefined,
    phone: c.phone_number ?? undefined,
    customAttributes,
  };
}

function toMs(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}
