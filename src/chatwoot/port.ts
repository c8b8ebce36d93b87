// The helpdesk port: everything the engine's actions need from a helpdesk, in Jawab's own words.
// Two adapters implement it: the Chatwoot REST client (client.ts) and the in-memory sandbox (sandbox.ts).
// Chatwoot's field names stay inside those adapters.

export interface ConversationRef {
  accountId: number;
  inboxId: number;
  conversationId: number;
}

export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';
export type Priority = 'low' | 'medium' | 'high' | 'urgent';

export interface MessageButton {
  title: string;
  value: string;
}

export interface OutgoingMessage {
  content: string;
  /** true: a private note only agents see. */
  private: boolean;
  /** Quick-reply buttons (Chatwoot `input_select`). */
  buttons?: MessageButton[];
  /** Jawab's mark on the message (the action that sends it), by which it is found again after a crash. */
  stamp?: string;
}

/** Where a conversation stands now: to tell whether an action that may have been applied already was. */
export interface ConversationNow {
  status: ConversationStatus;
  priority: Priority | null;
  assigneeId: number | null;
  teamId: number | null;
  /** The conversation's custom attributes. */
  attributes: Record<string, unknown>;
}

/** Who and what a setting can name, by id and name (labels by their title, which is what Chatwoot keys them by). */
export interface Directory {
  agents: Named[];
  teams: Named[];
  inboxes: Named[];
  labels: string[];
}

export interface Named {
  id: number;
  name: string;
}

export interface AgentInfo {
  id: number;
  name: string;
  /** Chatwoot answers `online`, `busy` or `offline`; only `online` counts as available. */
  availability: 'online' | 'busy' | 'offline';
}

export interface ContactChanges {
  name?: string;
  email?: string;
  phoneNumber?: string;
  customAttributes?: Record<string, string | number | boolean>;
}

export type AssignTarget = { agentId: number } | { teamId: number };

/** A custom attribute defined in the helpdesk (Chatwoot: Settings → Custom attributes), which `ask_for` can collect. */
export interface CustomAttributeDefinition {
  /** The attribute key, as saved. */
  key: string;
  /** The display name the agents see. */
  name: string;
  on: 'contact' | 'conversation';
  /** The helpdesk's own pattern for the value, when it has one. */
  pattern?: string;
  /** A list attribute's values. */
  values?: string[];
}

export interface HelpdeskPort {
  /**
   * Posts a message as the bot, with its stamp. Not idempotent: the executor looks it up with findSentMessage when an
   * earlier attempt may have reached the helpdesk.
   */
  sendMessage(ref: ConversationRef, message: OutgoingMessage): Promise<{ id: number }>;
  /**
   * The bot's message sent at or after `sinceMs` with this message's stamp, if the helpdesk has one. A helpdesk that
   * drops stamps (Chatwoot before 4.x keeps only the content attributes it knows) is searched by content and visibility.
   */
  findSentMessage(ref: ConversationRef, message: OutgoingMessage, sinceMs: number): Promise<{ id: number } | null>;
  /** Where the conversation stands now: status, priority, assignee and team. */
  readConversation(ref: ConversationRef): Promise<ConversationNow>;
  listLabels(ref: ConversationRef): Promise<string[]>;
  /** Replaces the conversation's labels with exactly these. */
  setLabels(ref: ConversationRef, labels: string[]): Promise<void>;
  assign(ref: ConversationRef, target: AssignTarget): Promise<void>;
  setStatus(ref: ConversationRef, status: ConversationStatus, snoozedUntilMs?: number): Promise<void>;
  setPriority(ref: ConversationRef, priority: Priority | null): Promise<void>;
  setConversationAttributes(ref: ConversationRef, attributes: Record<string, string | number | boolean>): Promise<void>;
  updateContact(accountId: number, contactId: number, changes: ContactChanges): Promise<void>;
  listAgents(accountId: number): Promise<AgentInfo[]>;
  /** Open conversations per agent id, for the least-busy strategy. */
  openConversationCounts(accountId: number): Promise<Map<number, number>>;
  /** Agent ids of a team, to narrow the least-busy choice. */
  listTeamMembers(accountId: number, teamId: number): Promise<number[]>;
  /** Adds agents as participants (Chatwoot "collaborators") of the conversation. */
  addParticipants(ref: ConversationRef, agentIds: number[]): Promise<void>;
  /** Shows or stops the bot's typing dots to the customer (a courtesy: callers ignore its failures). */
  showTyping(ref: ConversationRef, on: boolean): Promise<void>;
  /** The custom attributes defined for contacts and conversations (of the administrator token's account), for the settings page. */
  customAttributeDefinitions(): Promise<CustomAttributeDefinition[]>;
  /** The agents, teams, inboxes and labels of the administrator token's account: the settings page picks them by name. */
  directory(): Promise<Directory>;
  /** The inbox of a conversation, or null when the helpdesk has none with this id (Jawab keys conversations by inbox). */
  conversationInbox(accountId: number, conversationId: number): Promise<number | null>;
}

/**
 * How a helpdesk call failed, which decides what the executor does next:
 * `transient`: not applied, try again later (429, 5xx, connection refused);
 * `unknown_outcome`: the request may have been applied (timeout, connection dropped after sending): reconcile first;
 * `permanent`: will never succeed as it is (401, 404, 422): drop it and say so.
 */
export class HelpdeskError extends Error {
  constructor(
    message: string,
    readonly kind: 'transient' | 'unknown_outcome' | 'permanent',
    readonly retryAfterMs?: number,
    /** The HTTP status the helpdesk answered with, when it answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HelpdeskError';
  }
}
