// Zod schemas of the Chatwoot webhook payloads Jawab reads (Chatwoot 4.13; see test/fixtures/chatwoot/webhooks/README.md).
// Chatwoot adds fields over time: fields not listed here are accepted and left out of the parsed value (zod's default
// for objects), which also spares copying the parts of a payload Jawab never reads (its messages, browser details).
import { z } from 'zod';

const id = z.number().int().nonnegative();
const attributes = z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? {});

export const contactShape = z.object({
  id,
  name: z.string().nullish(),
  email: z.string().nullish(),
  phone_number: z.string().nullish(),
  custom_attributes: attributes,
});

const pushMessage = z.object({ account_id: id.optional() });

export const conversationShape = z.object({
  id,
  inbox_id: id,
  status: z.enum(['open', 'resolved', 'pending', 'snoozed']),
  labels: z.array(z.string()).nullish().transform((v) => v ?? []),
  // Unix seconds as a float (`1776334502.512`).
  updated_at: z.number().nonnegative().optional(),
  timestamp: z.number().nonnegative().optional(),
  meta: z
    .object({
      sender: contactShape.nullish(),
      assignee: z.object({ id }).nullish(),
      assignee_type: z.string().nullish(),
      team: z.object({ id }).nullish(),
    })
    .nullish(),
});

const button = z.object({ title: z.string(), value: z.union([z.string(), z.number()]).transform(String) });

export const messagePayload = z.object({
  event: z.enum(['message_created', 'message_updated']),
  id,
  content: z.string().nullish().transform((v) => v ?? ''),
  // Top-level message_type is a string in webhooks (integers only inside conversation.messages[]).
  message_type: z.enum(['incoming', 'outgoing', 'template', 'activity']),
  private: z.boolean().nullish().transform((v) => v ?? false),
  content_type: z.string().nullish(),
  content_attributes: z
    .object({ submitted_values: z.array(button).optional() })
    .nullish()
    .transform((v) => v ?? {}),
  created_at: z.union([z.string(), z.number()]).optional(),
  // The webhook sender: a contact has no `type` key; users, bots and Captain have one. Loose: an incoming message's
  // sender is the contact, read again with contactShape (events.ts).
  sender: z.looseObject({ id: id.optional(), type: z.string().optional() }).nullish(),
  account: z.object({ id }),
  inbox: z.object({ id }).optional(),
  conversation: conversationShape,
  attachments: z.array(z.unknown()).optional(),
});

/**
 * One attachment as Chatwoot sends it (`Attachment#push_event_data`): read field by field, leniently, since a shape
 * Jawab does not know must not lose the message; what cannot be read is a file without an address.
 */
export const attachmentShape = z.looseObject({
  file_type: z.string().nullish(),
  data_url: z.string().nullish(),
  content_type: z.string().nullish(),
  file_size: z.number().nullish(),
});
export type MessagePayload = z.infer<typeof messagePayload>;

export const CONVERSATION_EVENTS = [
  'conversation_status_changed',
  'conversation_updated',
  'conversation_opened',
  'conversation_resolved',
  'conversation_created',
] as const;

const changedAttributes = z
  .array(z.record(z.string(), z.unknown()))
  .nullish()
  .transform((list) => (list ?? []).flatMap((entry) => Object.keys(entry)));

export const conversationPayload = conversationShape.extend({
  event: z.enum(CONVERSATION_EVENTS),
  // Read for the account id only, which a message event carries at its top level.
  messages: z.array(pushMessage).nullish().transform((v) => v ?? []),
  // `null` in practice for conversation_status_changed (see the fixtures' README).
  changed_attributes: changedAttributes,
});
export type ConversationPayload = z.infer<typeof conversationPayload>;

/** Events Jawab acknowledges and ignores: they never change what it does. */
export const IGNORED_EVENTS = new Set([
  'contact_created',
  'contact_updated',
  'webwidget_triggered',
  'conversation_typing_on',
  'conversation_typing_off',
  'inbox_created',
  'inbox_updated',
]);
