// Chatwoot-shaped webhook bodies for the sandbox helpdesk, following the fixtures in test/fixtures/chatwoot/webhooks/ (Chatwoot 4.13).
// The sandbox sends these through the same intake as real deliveries, so it exercises the same parsing.
import type { ConversationStatus, MessageButton, Priority } from './port.js';

export interface SandboxContact {
  id: number;
  name: string;
  email?: string;
  phone?: string;
  customAttributes: Record<string, string | number | boolean>;
}

export interface SandboxMessage {
  id: number;
  content: string;
  /** Who wrote it: the contact, a human agent, or the bot. */
  from: 'contact' | 'agent' | 'bot';
  private: boolean;
  buttons?: MessageButton[];
  /** Jawab's stamp on a message it sent (OutgoingMessage.stamp). */
  stamp?: string;
  createdAt: number;
}

export interface SandboxConversation {
  id: number;
  accountId: number;
  inboxId: number;
  status: ConversationStatus;
  labels: string[];
  assigneeId: number | null;
  teamId: number | null;
  priority: Priority | null;
  customAttributes: Record<string, string | number | boolean>;
  /** Agents added as participants (collaborators). */
  participantIds: number[];
  contact: SandboxContact;
  messages: SandboxMessage[];
  updatedAt: number;
}

const BOT = { id: 1, name: 'Jawab', type: 'agent_bot' };

function contactPayload(c: SandboxContact) {
  return {
    id: c.id,
    name: c.name,
    email: c.email ?? null,
    phone_number: c.phone ?? null,
    custom_attributes: c.customAttributes,
    additional_attributes: {},
    identifier: null,
    thumbnail: '',
    blocked: false,
  };
}

function conversationPayload(c: SandboxConversation) {
  return {
    id: c.id,
    inbox_id: c.inboxId,
    status: c.status,
    labels: c.labels,
    priority: c.priority,
    custom_attributes: c.customAttributes,
    channel: 'Channel::WebWidget',
    can_reply: true,
    messages: [{ id: c.messages.at(-1)?.id ?? 0, account_id: c.accountId, conversation_id: c.id }],
    meta: {
      sender: { ...contactPayload(c.contact), type: 'contact' },
      assignee: c.assigneeId === null ? null : { id: c.assigneeId, type: 'user' },
      assignee_type: c.assigneeId === null ? null : 'User',
      team: c.teamId === null ? null : { id: c.teamId, name: `team ${c.teamId}` },
      hmac_verified: false,
    },
    updated_at: c.updatedAt / 1000,
    timestamp: Math.floor(c.updatedAt / 1000),
  };
}

export function messageCreated(c: SandboxConversation, m: SandboxMessage, agentName = 'Agent') {
  const sender =
    m.from === 'contact'
      ? { ...contactPayload(c.contact), account: { id: c.accountId, name: 'Sandbox' }, avatar: '' }
      : m.from === 'bot'
        ? BOT
        : { id: 0, name: agentName, email: 'agent@sandbox.local', type: 'user' };
  return {
    event: 'message_created',
    id: m.id,
    content: m.content,
    message_type: m.from === 'contact' ? 'incoming' : 'outgoing',
    private: m.private,
    content_type: m.buttons ? 'input_select' : 'text',
    content_attributes: m.buttons ? { items: m.buttons } : {},
    additional_attributes: {},
    created_at: new Date(m.createdAt).toISOString(),
    source_id: null,
    sender,
    account: { id: c.accountId, name: 'Sandbox' },
    inbox: { id: c.inboxId, name: 'Sandbox inbox' },
    conversation: conversationPayload(c),
  };
}

export function conversationChanged(c: SandboxConversation, changed: string[]) {
  return {
    event: changed.length === 1 && changed[0] === 'status' ? 'conversation_status_changed' : 'conversation_updated',
    ...conversationPayload(c),
    changed_attributes: changed.map((name) => ({ [name]: { previous_value: null, current_value: null } })),
  };
}
