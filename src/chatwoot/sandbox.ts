// The sandbox helpdesk: an in-memory Chatwoot with the same port as the REST client. `npm start` without
// CHATWOOT_URL, the demo and the playground run on it. Like Chatwoot, it sends a webhook for every message
// and every change, including the bot's own, so the engine sees exactly what it would see in production.
import { conversationChanged, messageCreated, type SandboxContact, type SandboxConversation, type SandboxMessage } from './sandbox-payloads.js';
import type {
  AgentInfo,
  AssignTarget,
  ContactChanges,
  ConversationNow,
  ConversationRef,
  ConversationStatus,
  CustomAttributeDefinition,
  Directory,
  HelpdeskPort,
  Named,
  OutgoingMessage,
  Priority,
} from './port.js';

export type { SandboxConversation, SandboxMessage } from './sandbox-payloads.js';

/** Where the sandbox delivers its webhooks: the intake's `receive` in-process. */
export type Deliver = (body: unknown, deliveryId: string) => Promise<unknown>;

export interface SandboxOptions {
  accountId?: number;
  inboxId?: number;
  agents?: AgentInfo[];
  teams?: Record<number, number[]>;
  now?: () => number;
}

export const SANDBOX_AGENTS: AgentInfo[] = [
  { id: 1, name: 'Sari (CS)', availability: 'online' },
  { id: 2, name: 'Budi (CS)', availability: 'online' },
  { id: 3, name: 'Rina (Billing)', availability: 'offline' },
];

/** The sandbox account's teams and labels, to pick from on the settings page as a Chatwoot account's would be. */
export const SANDBOX_TEAMS: readonly Named[] = [
  { id: 1, name: 'Customer service' },
  { id: 2, name: 'Billing' },
];
export const SANDBOX_LABELS: readonly string[] = ['complaint', 'order', 'refund', 'reseller', 'vip'];

/** What a shop would define in Chatwoot: a company on the contact, an order number on the conversation. */
export const SANDBOX_CUSTOM_ATTRIBUTES: CustomAttributeDefinition[] = [
  { key: 'company', name: 'Company', on: 'contact' },
  { key: 'order_number', name: 'Order number', on: 'conversation', pattern: '\\bINV-\\d{4,}\\b' },
];

export class SandboxHelpdesk implements HelpdeskPort {
  readonly accountId: number;
  readonly inboxId: number;
  readonly agents: AgentInfo[];
  private readonly teams: Record<number, number[]>;
  private readonly conversations = new Map<number, SandboxConversation>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly now: () => number;
  private deliver: Deliver = async () => undefined;
  private nextIds = { conversation: 1, message: 1, contact: 1, delivery: 1 };

  constructor(options: SandboxOptions = {}) {
    this.accountId = options.accountId ?? 1;
    this.inboxId = options.inboxId ?? 1;
    this.agents = options.agents ?? SANDBOX_AGENTS.map((a) => ({ ...a }));
    this.teams = options.teams ?? { 1: [1, 2], 2: [3] };
    this.now = options.now ?? Date.now;
  }

  connect(deliver: Deliver): void {
    this.deliver = deliver;
  }

  /** A customer opens a chat: a new pending conversation, owned by the bot as in Chatwoot's agent-bot inboxes. */
  startConversation(contact: Partial<Omit<SandboxContact, 'id'>> & { name: string }): SandboxConversation {
    const c: SandboxConversation = {
      id: this.nextIds.conversation++,
      accountId: this.accountId,
      inboxId: this.inboxId,
      status: 'pending',
      labels: [],
      assigneeId: null,
      teamId: null,
      priority: null,
      customAttributes: {},
      participantIds: [],
      contact: { id: this.nextIds.contact++, customAttributes: {}, ...contact },
      messages: [],
      updatedAt: this.now(),
    };
    this.conversations.set(c.id, c);
    return c;
  }

  customerSays(conversationId: number, text: string): Promise<unknown> {
    const c = this.get(conversationId);
    // Like Chatwoot: a resolved conversation reopens (pending, back to the bot) when the customer writes.
    if (c.status === 'resolved') this.touch(c, { status: 'pending' }, false);
    return this.add(c, { content: text, from: 'contact', private: false });
  }

  agentSays(conversationId: number, text: string, options: { private?: boolean } = {}): Promise<unknown> {
    return this.add(this.get(conversationId), { content: text, from: 'agent', private: options.private ?? false });
  }

  /** What an agent does in the Chatwoot UI: change the status by hand. */
  changeStatus(conversationId: number, status: ConversationStatus): void {
    this.touch(this.get(conversationId), { status }, true, ['status']);
  }

  has(id: number): boolean {
    return this.conversations.has(id);
  }

  /** Forgets a conversation (the playground's expired ones). */
  remove(id: number): void {
    this.conversations.delete(id);
  }

  get size(): number {
    return this.conversations.size;
  }

  conversation(id: number): SandboxConversation {
    return structuredClone(this.get(id));
  }

  get deliveriesInFlight(): number {
    return this.inFlight.size;
  }

  /** Resolves when every webhook the sandbox has sent so far was received. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  // ---- the helpdesk port ----

  async sendMessage(ref: ConversationRef, message: OutgoingMessage): Promise<{ id: number }> {
    const c = this.get(ref.conversationId);
    const m = this.record(c, { content: message.content, from: 'bot', private: message.private, buttons: message.buttons, stamp: message.stamp });
    this.emit(messageCreated(c, m));
    return { id: m.id };
  }

  async findSentMessage(ref: ConversationRef, message: OutgoingMessage, sinceMs: number): Promise<{ id: number } | null> {
    const found = this.get(ref.conversationId).messages.find(
      (m) => m.from === 'bot' && m.createdAt >= sinceMs && (m.stamp === undefined ? m.private === message.private && m.content === message.content : m.stamp === message.stamp),
    );
    return found ? { id: found.id } : null;
  }

  async readConversation(ref: ConversationRef): Promise<ConversationNow> {
    const { status, priority, assigneeId, teamId, customAttributes } = this.get(ref.conversationId);
    return { status, priority, assigneeId, teamId, attributes: { ...customAttributes } };
  }

  async listLabels(ref: ConversationRef): Promise<string[]> {
    return [...this.get(ref.conversationId).labels];
  }

  async setLabels(ref: ConversationRef, labels: string[]): Promise<void> {
    this.touch(this.get(ref.conversationId), { labels: [...labels] }, true, ['label_list']);
  }

  async assign(ref: ConversationRef, target: AssignTarget): Promise<void> {
    const c = this.get(ref.conversationId);
    if ('agentId' in target) this.touch(c, { assigneeId: target.agentId }, true, ['assignee_id']);
    else this.touch(c, { teamId: target.teamId }, true, ['team_id']);
  }

  async setStatus(ref: ConversationRef, status: ConversationStatus): Promise<void> {
    this.touch(this.get(ref.conversationId), { status }, true, ['status']);
  }

  async setPriority(ref: ConversationRef, priority: Priority | null): Promise<void> {
    this.touch(this.get(ref.conversationId), { priority }, true, ['priority']);
  }

  async setConversationAttributes(ref: ConversationRef, attributes: Record<string, string | number | boolean>): Promise<void> {
    const c = this.get(ref.conversationId);
    this.touch(c, { customAttributes: { ...c.customAttributes, ...attributes } }, true, ['custom_attributes']);
  }

  /** The sandbox has no customer screen to show typing on. */
  async showTyping(): Promise<void> {}

  async updateContact(_accountId: number, contactId: number, changes: ContactChanges): Promise<void> {
    for (const c of this.conversations.values()) {
      if (c.contact.id !== contactId) continue;
      c.contact = {
        ...c.contact,
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.email !== undefined && { email: changes.email }),
        ...(changes.phoneNumber !== undefined && { phone: changes.phoneNumber }),
        customAttributes: { ...c.contact.customAttributes, ...changes.customAttributes },
      };
    }
  }

  /** The sandbox's own account: its agents, one team, its inbox and the labels of its rules' examples. */
  async directory(): Promise<Directory> {
    return {
      agents: this.agents.map(({ id, name }) => ({ id, name })),
      teams: [...SANDBOX_TEAMS],
      inboxes: [{ id: this.inboxId, name: 'Sandbox' }],
      labels: [...new Set([...SANDBOX_LABELS, ...[...this.conversations.values()].flatMap((c) => c.labels)])].sort(),
    };
  }

  async listAgents(): Promise<AgentInfo[]> {
    return this.agents.map((a) => ({ ...a }));
  }

  async openConversationCounts(): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (const c of this.conversations.values()) {
      if (c.status === 'open' && c.assigneeId !== null) counts.set(c.assigneeId, (counts.get(c.assigneeId) ?? 0) + 1);
    }
    return counts;
  }

  async customAttributeDefinitions(): Promise<CustomAttributeDefinition[]> {
    return SANDBOX_CUSTOM_ATTRIBUTES.map((d) => ({ ...d }));
  }

  async conversationInbox(accountId: number, conversationId: number): Promise<number | null> {
    return accountId === this.accountId && this.conversations.has(conversationId) ? this.inboxId : null;
  }

  async listTeamMembers(_accountId: number, teamId: number): Promise<number[]> {
    return this.teams[teamId] ?? [];
  }

  async addParticipants(ref: ConversationRef, agentIds: number[]): Promise<void> {
    const c = this.get(ref.conversationId);
    c.participantIds = [...new Set([...c.participantIds, ...agentIds])];
  }

  // ---- internals ----

  private get(id: number): SandboxConversation {
    const c = this.conversations.get(id);
    if (!c) throw new Error(`sandbox: no conversation ${id}`);
    return c;
  }

  private record(c: SandboxConversation, m: Omit<SandboxMessage, 'id' | 'createdAt'>): SandboxMessage {
    const message: SandboxMessage = { ...m, id: this.nextIds.message++, createdAt: this.now() };
    c.messages.push(message);
    c.updatedAt = this.now();
    return message;
  }

  private add(c: SandboxConversation, m: Omit<SandboxMessage, 'id' | 'createdAt'>): Promise<unknown> {
    return this.emit(messageCreated(c, this.record(c, m)));
  }

  private touch(c: SandboxConversation, patch: Partial<SandboxConversation>, notify: boolean, changed: string[] = []): void {
    Object.assign(c, patch, { updatedAt: Math.max(this.now(), c.updatedAt + 1) });
    if (notify) this.emit(conversationChanged(c, changed));
  }

  /** Delivers on the next tick, like a webhook over the network: never inside the caller's own call. */
  private emit(body: unknown): Promise<unknown> {
    const id = `sandbox-${this.nextIds.delivery++}`;
    const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.deliver(body, id));
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery)).catch(() => undefined);
    return delivery;
  }
}
