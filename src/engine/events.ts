// The engine's input: helpdesk events in Jawab's own words. chatwoot/events.ts translates webhooks into these.
import type { ConversationRef, ConversationStatus, MessageButton } from '../chatwoot/port.js';

export interface ContactSnapshot {
  id: number;
  name?: string;
  email?: string;
  phone?: string;
  customAttributes: Record<string, string | number | boolean>;
}

/** What a webhook tells about the conversation at the time of the event. */
export interface ConversationSnapshot {
  status: ConversationStatus;
  labels: string[];
  assigneeId: number | null;
  teamId: number | null;
  contact?: ContactSnapshot;
  /** Chatwoot's conversation `updated_at`, in ms: orders conversation events that arrive out of order. */
  updatedAt: number;
}

/** A file the customer sent with a message: a photo, a voice note (audio), a video or any other file. */
export interface Attachment {
  kind: 'image' | 'audio' | 'video' | 'file';
  /** Where the helpdesk serves it (Chatwoot's `data_url`); absent when the webhook did not say. */
  url?: string;
  contentType?: string;
  /** The size the helpdesk reported, in bytes. */
  bytes?: number;
}

/** Who wrote a message: the customer, a human agent, a bot (Jawab or another), or the system. */
export type Author = 'contact' | 'agent' | 'bot' | 'system';

interface EventBase {
  ref: ConversationRef;
  /** Stable across channels and retries: the same message through the agent bot and an account webhook has one key. */
  dedupeKey: string;
  conversation: ConversationSnapshot;
}

export interface MessageEvent extends EventBase {
  kind: 'message';
  messageId: number;
  author: Author;
  private: boolean;
  text: string;
  attachmentCount: number;
  /** What the attachments are and where to fetch them (media/). */
  attachments?: Attachment[];
  /** When the helpdesk created the message, in ms. */
  createdAt: number;
}

/** The customer pressed a quick-reply button (Chatwoot `input_select`, `submitted_values`). */
export interface ButtonReplyEvent extends EventBase {
  kind: 'button_reply';
  messageId: number;
  chosen: MessageButton[];
}

export interface ConversationEvent extends EventBase {
  kind: 'conversation';
  /** Which fields the event says changed (`status`, `assignee_id`, `label_list`, …); empty when unknown. */
  changed: string[];
}

export type InboundEvent = MessageEvent | ButtonReplyEvent | ConversationEvent;

export const conversationKey = (ref: Pick<ConversationRef, 'inboxId' | 'conversationId'>): string =>
  // The display id is unique per account, and an inbox belongs to one account, so inbox + id is unique
  // even for conversation events, which carry no account id.
  `${ref.inboxId}-${ref.conversationId}`;

/** The keys that make an event a duplicate: its own (same message through any channel) and its delivery id. */
export function dedupeKeys(event: InboundEvent, deliveryId?: string): string[] {
  return deliveryId ? [event.dedupeKey, `d:${deliveryId}`] : [event.dedupeKey];
}

/** An event the intake has stored and acknowledged, on its way into the conversation's state. */
export interface AcceptedEvent {
  event: InboundEvent;
  keys: string[];
  /** The event is folded and stored with its conversation: the intake queue may drop its copy. */
  release: () => void;
}
