// The fake Chatwoot's in-memory state, and the JSON shapes real Chatwoot (4.13) answers with.
// State uses Jawab-friendly camelCase for test assertions; the *Json functions turn it into Chatwoot's snake_case.

// Real servers answer `online`, `busy` or `offline`; `available` is what the OpenAPI enum says, so a test can check
// that Jawab does not take it for online (SPEC 1).
export type AgentAvailability = 'online' | 'available' | 'busy' | 'offline';
export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';
export type SenderKind = 'bot' | 'user' | 'contact';
export type MessageType = 'incoming' | 'outgoing' | 'activity' | 'template';

export interface FakeAgent {
  id: number;
  name: string;
  email?: string;
  availability_status: AgentAvailability;
}

export interface FakeTeam {
  id: number;
  name: string;
  memberIds: number[];
}

export interface FakeMessage {
  id: number;
  content: string;
  messageType: MessageType;
  private: boolean;
  contentType: string;
  contentAttributes: Record<string, unknown>;
  /** Unix seconds, as Chatwoot stores and answers it. */
  createdAt: number;
  sender: { kind: SenderKind; id: number; name: string };
}

export interface FakeConversation {
  id: number;
  accountId: number;
  inboxId: number;
  contactId: number;
  status: ConversationStatus;
  labels: string[];
  assigneeId: number | null;
  teamId: number | null;
  priority: 'low' | 'medium' | 'high' | 'urgent' | null;
  customAttributes: Record<string, unknown>;
  /** Unix seconds, or null. */
  snoozedUntil: number | null;
  messages: FakeMessage[];
}

export interface FakeContact {
  id: number;
  name: string;
  email: string | null;
  phoneNumber: string | null;
  identifier: string | null;
  blocked: boolean;
  customAttributes: Record<string, unknown>;
  additionalAttributes: Record<string, unknown>;
}

/** A Help Center portal and its published articles (each in a category, as Chatwoot lists them on the portal). */
export interface FakePortal {
  slug: string;
  name: string;
  accountId: number;
  locale: string;
  archived?: boolean;
  articles: Array<{ slug: string; title: string; body: string; category: string }>;
}

export interface SeedMessage {
  content: string;
  /** Who wrote it; default `contact` (an incoming message). */
  from?: SenderKind;
  messageType?: MessageType;
  private?: boolean;
  contentType?: string;
  contentAttributes?: Record<string, unknown>;
  /** Unix seconds; default now. */
  createdAt?: number;
}

export type SeedConversation = Partial<Omit<FakeConversation, 'id' | 'accountId' | 'messages'>> & { messages?: SeedMessage[] };

/** The agent bot that owns the bot token, and the administrator that owns the user token (not listed as an agent). */
export const FAKE_BOT = { id: 1, name: 'Jawab' } as const;
export const FAKE_ADMIN = { id: 99, name: 'Admin', email: 'admin@example.com' } as const;

export const DEFAULT_AGENTS: FakeAgent[] = [
  { id: 1, name: 'Ayu Lestari', email: 'ayu@example.com', availability_status: 'online' },
  { id: 2, name: 'Budi Santoso', email: 'budi@example.com', availability_status: 'online' },
  { id: 3, name: 'Citra Dewi', email: 'citra@example.com', availability_status: 'offline' },
];
export const DEFAULT_TEAMS: FakeTeam[] = [
  { id: 1, name: 'Support', memberIds: [1, 2] },
  { id: 2, name: 'Sales', memberIds: [3] },
];

/** The account's inboxes (GET …/inboxes): a website widget and a WhatsApp number. */
export const DEFAULT_INBOXES: ReadonlyArray<{ id: number; name: string; channel_type: string }> = [
  { id: 1, name: 'Website', channel_type: 'Channel::WebWidget' },
  { id: 3, name: 'WhatsApp Toko', channel_type: 'Channel::Whatsapp' },
];

/** A custom attribute definition as Chatwoot answers it (`attribute_values`: a list attribute's values). */
export interface FakeAttributeDefinition {
  attribute_key: string;
  attribute_display_name: string;
  attribute_model: 'contact_attribute' | 'conversation_attribute';
  attribute_display_type: 'text' | 'number' | 'list' | 'link' | 'date' | 'checkbox';
  regex_pattern?: string;
  attribute_values?: string[];
}

export const DEFAULT_ATTRIBUTE_DEFINITIONS: FakeAttributeDefinition[] = [
  { attribute_key: 'company', attribute_display_name: 'Company', attribute_model: 'contact_attribute', attribute_display_type: 'text' },
  { attribute_key: 'plan', attribute_display_name: 'Plan', attribute_model: 'contact_attribute', attribute_display_type: 'list', attribute_values: ['Basic', 'Pro'] },
  { attribute_key: 'order_number', attribute_display_name: 'Order number', attribute_model: 'conversation_attribute', attribute_display_type: 'text', regex_pattern: '^INV-\\d+$' },
];

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const key = (accountId: number, id: number): string => `${accountId}:${id}`;

export class FakeChatwootState {
  readonly agents: FakeAgent[];
  readonly teams: FakeTeam[];
  readonly openCounts: Record<number, number>;
  readonly portals: FakePortal[] = [];
  readonly attributeDefinitions: FakeAttributeDefinition[];
  private readonly conversations = new Map<string, FakeConversation>();
  private readonly contacts = new Map<string, FakeContact>();
  private nextMessageId = 1000;

  constructor(options: { agents?: FakeAgent[]; teams?: FakeTeam[]; openCounts?: Record<number, number>; attributeDefinitions?: FakeAttributeDefinition[] }) {
    this.agents = structuredClone(options.agents ?? DEFAULT_AGENTS);
    this.attributeDefinitions = structuredClone(options.attributeDefinitions ?? DEFAULT_ATTRIBUTE_DEFINITIONS);
    this.teams = structuredClone(options.teams ?? DEFAULT_TEAMS);
    this.openCounts = { ...options.openCounts };
  }

  /** Created on first touch, like a conversation that already exists in Chatwoot. Agent-bot inboxes start `pending`. */
  conversation(accountId: number, id: number): FakeConversation {
    let conv = this.conversations.get(key(accountId, id));
    if (!conv) {
      conv = {
        id, accountId, inboxId: 1, contactId: id, status: 'pending', labels: [], assigneeId: null, teamId: null,
        priority: null, customAttributes: {}, snoozedUntil: null, messages: [],
      };
      this.conversations.set(key(accountId, id), conv);
    }
    return conv;
  }

  contact(accountId: number, id: number): FakeContact {
    let contact = this.contacts.get(key(accountId, id));
    if (!contact) {
      contact = {
        id, name: `Contact ${id}`, email: null, phoneNumber: null, identifier: null, blocked: false,
        customAttributes: {}, additionalAttributes: {},
      };
      this.contacts.set(key(accountId, id), contact);
    }
    return contact;
  }

  accountConversations(accountId: number): FakeConversation[] {
    return [...this.conversations.values()].filter((c) => c.accountId === accountId);
  }

  addMessage(conv: FakeConversation, seed: SeedMessage): FakeMessage {
    const from = seed.from ?? 'contact';
    const contact = this.contact(conv.accountId, conv.contactId);
    const sender = from === 'bot' ? FAKE_BOT : from === 'user' ? FAKE_ADMIN : contact;
    const message: FakeMessage = {
      id: this.nextMessageId++,
      content: seed.content,
      messageType: seed.messageType ?? (from === 'contact' ? 'incoming' : 'outgoing'),
      private: seed.private ?? false,
      contentType: seed.contentType ?? 'text',
      contentAttributes: seed.contentAttributes ?? {},
      createdAt: seed.createdAt ?? nowSeconds(),
      sender: { kind: from, id: sender.id, name: sender.name },
    };
    conv.messages.push(message);
    return message;
  }

  agent(id: number): FakeAgent | undefined {
    return this.agents.find((a) => a.id === id);
  }

  team(id: number): FakeTeam | undefined {
    return this.teams.find((t) => t.id === id);
  }
}

// ---------- Chatwoot's JSON shapes ----------

export function agentJson(agent: FakeAgent, accountId: number): Record<string, unknown> {
  return {
    id: agent.id,
    account_id: accountId,
    // Real servers answer online/busy/offline here; the OpenAPI enum's `available` never appears (SPEC section 1).
    availability_status: agent.availability_status,
    auto_offline: true,
    confirmed: true,
    email: agent.email ?? `agent${agent.id}@example.com`,
    available_name: agent.name,
    name: agent.name,
    role: 'agent',
    thumbnail: '',
    custom_role_id: null,
  };
}

export function teamJson(team: FakeTeam, accountId: number): Record<string, unknown> {
  return { id: team.id, name: team.name, description: '', allow_auto_assign: true, account_id: accountId, is_member: false };
}

export function contactJson(contact: FakeContact): Record<string, unknown> {
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone_number: contact.phoneNumber,
    identifier: contact.identifier,
    blocked: contact.blocked,
    thumbnail: '',
    availability_status: 'offline',
    additional_attributes: contact.additionalAttributes,
    custom_attributes: contact.customAttributes,
    last_activity_at: nowSeconds(),
    created_at: nowSeconds(),
    contact_inboxes: [],
  };
}

/** `sender` as Chatwoot's `push_event_data` of a user, agent bot or contact. */
function senderJson(state: FakeChatwootState, conv: FakeConversation, sender: FakeMessage['sender']): Record<string, unknown> {
  if (sender.kind === 'bot') return { id: sender.id, name: sender.name, avatar_url: '', type: 'agent_bot' };
  if (sender.kind === 'user') {
    return { id: sender.id, name: sender.name, available_name: sender.name, avatar_url: '', type: 'user', availability_status: 'online', thumbnail: '' };
  }
  return { ...contactJson(state.contact(conv.accountId, sender.id)), type: 'contact' };
}

const MESSAGE_TYPE_NUMBER: Record<MessageType, number> = { incoming: 0, outgoing: 1, activity: 2, template: 3 };
const SENDER_TYPE: Record<SenderKind, string> = { bot: 'AgentBot', user: 'User', contact: 'Contact' };

/**
 * A message as Chatwoot renders it. `fresh`: the answer to the create call, where Rails renders the enum
 * `message_type_before_type_cast` of an unsaved-then-saved record, i.e. the string Jawab sent ("outgoing");
 * everywhere else it is the stored integer (0 incoming, 1 outgoing, 2 activity, 3 template).
 */
export function messageJson(state: FakeChatwootState, conv: FakeConversation, m: FakeMessage, fresh = false): Record<string, unknown> {
  return {
    id: m.id,
    content: m.content,
    account_id: conv.accountId,
    inbox_id: conv.inboxId,
    conversation_id: conv.id,
    message_type: fresh ? m.messageType : MESSAGE_TYPE_NUMBER[m.messageType],
    content_type: m.contentType,
    status: 'sent',
    content_attributes: m.contentAttributes,
    created_at: m.createdAt,
    private: m.private,
    source_id: null,
    sender_type: SENDER_TYPE[m.sender.kind],
    sender_id: m.sender.id,
    sender: senderJson(state, conv, m.sender),
  };
}

export function conversationJson(state: FakeChatwootState, conv: FakeConversation): Record<string, unknown> {
  const assignee = conv.assigneeId === null ? undefined : state.agent(conv.assigneeId);
  const team = conv.teamId === null ? undefined : state.team(conv.teamId);
  const lastPublic = conv.messages.filter((m) => !m.private && m.messageType !== 'activity').at(-1);
  return {
    id: conv.id,
    account_id: conv.accountId,
    inbox_id: conv.inboxId,
    uuid: `00000000-0000-4000-8000-${String(conv.id).padStart(12, '0')}`,
    status: conv.status,
    priority: conv.priority,
    labels: conv.labels,
    custom_attributes: conv.customAttributes,
    additional_attributes: {},
    snoozed_until: conv.snoozedUntil,
    can_reply: true,
    muted: false,
    unread_count: 0,
    agent_last_seen_at: 0,
    assignee_last_seen_at: 0,
    contact_last_seen_at: 0,
    created_at: conv.messages[0]?.createdAt ?? nowSeconds(),
    timestamp: conv.messages.at(-1)?.createdAt ?? nowSeconds(),
    last_activity_at: conv.messages.at(-1)?.createdAt ?? nowSeconds(),
    messages: lastPublic ? [messageJson(state, conv, lastPublic)] : [],
    meta: {
      sender: { ...contactJson(state.contact(conv.accountId, conv.contactId)), type: 'contact' },
      assignee: assignee ? agentJson(assignee, conv.accountId) : null,
      team: team ? { id: team.id, name: team.name } : null,
      channel: 'Channel::Api',
      hmac_verified: false,
    },
  };
}
