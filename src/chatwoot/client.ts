// The Chatwoot adapter of the helpdesk port. Replies go out with the agent-bot token (so they show as the bot);
// what the bot token may not do (labels, contacts, agents, reading messages) uses the administrator token.
import { z } from 'zod';
import { type Call, ChatwootHttp, type HttpOptions } from './http.js';
import {
  type AgentInfo,
  type AssignTarget,
  type ContactChanges,
  type ConversationNow,
  type ConversationRef,
  type ConversationStatus,
  type CustomAttributeDefinition,
  type Directory,
  HelpdeskError,
  type HelpdeskPort,
  type Named,
  type OutgoingMessage,
  type Priority,
} from './port.js';

export interface ChatwootClientOptions extends HttpOptions {
  /** The agent bot's token: what Jawab sends with it shows as the bot, which is how the engine tells its own messages apart. */
  botToken: string;
  /** An administrator's token, for what the bot token may not do. */
  userToken: string;
}

const messageList = z.object({
  payload: z.array(
    z.looseObject({
      id: z.number(),
      content: z.string().nullish(),
      message_type: z.union([z.number(), z.string()]),
      private: z.boolean().nullish(),
      created_at: z.number(),
      sender_type: z.string().nullish(),
      content_attributes: z.unknown(),
    }),
  ),
});
type ListedMessage = z.infer<typeof messageList>['payload'][number];
/** Chatwoot lists a conversation's messages 20 at a time, newest last. */
const MESSAGES_PAGE = 20;
/** Pages read back when looking for a message sent before a crash: the last 100 messages. */
const LOOKUP_PAGES = 5;
/** Where Jawab's stamp goes in a message's content attributes (Chatwoot 4.x keeps every key it is given). */
const STAMP = 'jawab_action';
const labelList = z.object({ payload: z.array(z.string()) });
const agentList = z.array(z.looseObject({ id: z.number(), name: z.string().nullish(), availability_status: z.string().nullish() }));
const agentMetrics = z.array(z.looseObject({ id: z.number(), metric: z.looseObject({ open: z.number().nullish() }).nullish() }));
const created = z.looseObject({ id: z.number() });
const conversationInboxOf = z.looseObject({ inbox_id: z.number() });
const conversationAttributes = z.looseObject({ custom_attributes: z.record(z.string(), z.unknown()).nullish() });
const profileAccount = z.looseObject({ account_id: z.number() });
const namedList = z.array(z.looseObject({ id: z.number(), name: z.string().nullish() }));
/** Chatwoot wraps some lists: `{payload: [...]}` (inboxes, labels). */
const payloadOf = <T extends z.ZodType>(list: T) => z.looseObject({ payload: list });
const attributeDefinitions = z.array(
  z.looseObject({
    attribute_key: z.string(),
    attribute_display_name: z.string().nullish(),
    regex_pattern: z.string().nullish(),
    // The spec says a string; Chatwoot stores (and answers) a list's values as an array.
    attribute_values: z.union([z.array(z.string()), z.string()]).nullish(),
  }),
);
/** Chatwoot's `attribute_model` query: conversation attributes are 0, contact attributes 1. */
const ATTRIBUTE_MODELS = [
  ['contact', '1'],
  ['conversation', '0'],
] as const;
const conversationNow = z.looseObject({
  status: z.enum(['open', 'resolved', 'pending', 'snoozed']),
  custom_attributes: z.record(z.string(), z.unknown()).nullish(),
  priority: z.enum(['low', 'medium', 'high', 'urgent']).nullish(),
  meta: z.looseObject({
    assignee: z.looseObject({ id: z.number() }).nullish(),
    team: z.looseObject({ id: z.number() }).nullish(),
  }),
});

export class ChatwootClient implements HelpdeskPort {
  private readonly http: ChatwootHttp;

  constructor(private readonly options: ChatwootClientOptions) {
    this.http = new ChatwootHttp(options);
  }

  async sendMessage(ref: ConversationRef, message: OutgoingMessage): Promise<{ id: number }> {
    const body: Record<string, unknown> = { content: message.content, message_type: 'outgoing', private: message.private };
    const attributes: Record<string, unknown> = message.stamp === undefined ? {} : { [STAMP]: message.stamp };
    if (message.buttons?.length) {
      body.content_type = 'input_select';
      attributes.items = message.buttons.map((b) => ({ title: b.title, value: b.value }));
    }
    if (Object.keys(attributes).length) body.content_attributes = attributes;
    const data = await this.call('bot', { method: 'POST', path: `${conv(ref)}/messages`, body, idempotent: false });
    return { id: parse(created, data, 'message create').id };
  }

  async findSentMessage(ref: ConversationRef, message: OutgoingMessage, sinceMs: number): Promise<{ id: number } | null> {
    const wanted = message.content.trim();
    let stamped = false;
    let sameContent: ListedMessage | undefined;
    let before: number | undefined;
    // Newest page first, back to `sinceMs`: customers may have written many messages since.
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const data = await this.call('user', { method: 'GET', path: `${conv(ref)}/messages`, query: before === undefined ? undefined : { before }, idempotent: true });
      const listed = parse(messageList, data, 'message list').payload;
      for (const m of listed) {
        if (!(m.message_type === 1 || m.message_type === 'outgoing') || Boolean(m.private) !== message.private || m.created_at * 1000 < sinceMs) continue;
        const stamp = stampOf(m);
        if (stamp !== undefined && stamp === message.stamp) return { id: m.id };
        stamped ||= stamp !== undefined;
        if ((m.content ?? '').trim() === wanted) sameContent ??= m;
      }
      const oldest = listed[0];
      if (listed.length < MESSAGES_PAGE || !oldest || oldest.created_at * 1000 < sinceMs) break;
      before = oldest.id;
    }
    // Messages that carry stamps and none of them this one's: it was not sent. With no stamp anywhere (a Chatwoot that
    // drops unknown content attributes), the same content and visibility is the best evidence there is.
    return !stamped && sameContent ? { id: sameContent.id } : null;
  }

  async readConversation(ref: ConversationRef): Promise<ConversationNow> {
    const data = parse(conversationNow, await this.call('user', { method: 'GET', path: conv(ref), idempotent: true }), 'conversation');
    return {
      status: data.status,
      priority: data.priority ?? null,
      assigneeId: data.meta.assignee?.id ?? null,
      teamId: data.meta.team?.id ?? null,
      attributes: data.custom_attributes ?? {},
    };
  }

  async listLabels(ref: ConversationRef): Promise<string[]> {
    const data = await this.call('user', { method: 'GET', path: `${conv(ref)}/labels`, idempotent: true });
    return parse(labelList, data, 'labels').payload;
  }

  async setLabels(ref: ConversationRef, labels: string[]): Promise<void> {
    await this.call('user', { method: 'POST', path: `${conv(ref)}/labels`, body: { labels }, idempotent: true });
  }

  async assign(ref: ConversationRef, target: AssignTarget): Promise<void> {
    const body = 'agentId' in target ? { assignee_id: target.agentId } : { team_id: target.teamId };
    await this.call('bot', { method: 'POST', path: `${conv(ref)}/assignments`, body, idempotent: true });
  }

  async setStatus(ref: ConversationRef, status: ConversationStatus, snoozedUntilMs?: number): Promise<void> {
    const body = status === 'snoozed' && snoozedUntilMs ? { status, snoozed_until: Math.floor(snoozedUntilMs / 1000) } : { status };
    await this.call('bot', { method: 'POST', path: `${conv(ref)}/toggle_status`, body, idempotent: true });
  }

  async setPriority(ref: ConversationRef, priority: Priority | null): Promise<void> {
    await this.call('bot', { method: 'POST', path: `${conv(ref)}/toggle_priority`, body: { priority: priority ?? 'none' }, idempotent: true });
  }

  /**
   * Chatwoot replaces the whole set on POST, so the current attributes are read first (reading needs the user token)
   * and the new ones merged in; the write goes with the bot token, which may set them (SPEC 1).
   */
  async setConversationAttributes(ref: ConversationRef, attributes: Record<string, string | number | boolean>): Promise<void> {
    const current = parse(conversationAttributes, await this.call('user', { method: 'GET', path: conv(ref), idempotent: true }), 'conversation');
    const merged = { ...(current.custom_attributes ?? {}), ...attributes };
    await this.call('bot', { method: 'POST', path: `${conv(ref)}/custom_attributes`, body: { custom_attributes: merged }, idempotent: true });
  }

  /** With the bot's token, once: a typing signal that comes late is worse than none (actions/typing.ts). */
  async showTyping(ref: ConversationRef, on: boolean): Promise<void> {
    await this.call('bot', { method: 'POST', path: `${conv(ref)}/toggle_typing_status`, body: { typing_status: on ? 'on' : 'off' }, idempotent: true, retries: 0 });
  }

  async updateContact(accountId: number, contactId: number, changes: ContactChanges): Promise<void> {
    const body: Record<string, unknown> = {};
    if (changes.name !== undefined) body.name = changes.name;
    if (changes.email !== undefined) body.email = changes.email;
    if (changes.phoneNumber !== undefined) body.phone_number = changes.phoneNumber;
    if (changes.customAttributes !== undefined) body.custom_attributes = changes.customAttributes;
    await this.call('user', { method: 'PUT', path: `/api/v1/accounts/${accountId}/contacts/${contactId}`, body, idempotent: true });
  }

  async listAgents(accountId: number): Promise<AgentInfo[]> {
    const data = await this.call('user', { method: 'GET', path: `/api/v1/accounts/${accountId}/agents`, idempotent: true });
    return parse(agentList, data, 'agents').map((a) => ({
      id: a.id,
      name: a.name ?? `agent ${a.id}`,
      // Only `online` is available (SPEC 1): real servers answer `online`, `busy` or `offline`, and anything else (the
      // OpenAPI enum's `available`, a future status) is not taken as someone ready to take a customer.
      availability: a.availability_status === 'online' ? 'online' : a.availability_status === 'busy' ? 'busy' : 'offline',
    }));
  }

  async openConversationCounts(accountId: number): Promise<Map<number, number>> {
    const data = await this.call('user', {
      method: 'GET',
      path: `/api/v2/accounts/${accountId}/reports/conversations/`,
      query: { type: 'agent' },
      idempotent: true,
    });
    return new Map(parse(agentMetrics, data, 'agent metrics').map((a) => [a.id, a.metric?.open ?? 0]));
  }

  async listTeamMembers(accountId: number, teamId: number): Promise<number[]> {
    const data = await this.call('user', { method: 'GET', path: `/api/v1/accounts/${accountId}/teams/${teamId}/team_members`, idempotent: true });
    return parse(agentList, data, 'team members').map((a) => a.id);
  }

  // A route Chatwoot has and its OpenAPI spec leaves out (SPEC 1); it needs a user token.
  async addParticipants(ref: ConversationRef, agentIds: number[]): Promise<void> {
    await this.call('user', { method: 'POST', path: `${conv(ref)}/participants`, body: { user_ids: agentIds }, idempotent: true });
  }

  /** The administrator token's own account (its profile's `account_id`): Jawab's settings name no account. */
  private async adminAccount(): Promise<number> {
    return parse(profileAccount, await this.call('user', { method: 'GET', path: '/api/v1/profile', idempotent: true }), 'profile').account_id;
  }

  async directory(): Promise<Directory> {
    const accountId = await this.adminAccount();
    const get = (what: string) => this.call('user', { method: 'GET', path: `/api/v1/accounts/${accountId}/${what}`, idempotent: true });
    const [agents, teams, inboxes, labels] = await Promise.all([get('agents'), get('teams'), get('inboxes'), get('labels')]);
    const named = (list: Array<{ id: number; name?: string | null }>): Named[] => list.map((item) => ({ id: item.id, name: item.name || `#${item.id}` }));
    return {
      agents: named(parse(agentList, agents, 'agents')),
      teams: named(parse(namedList, teams, 'teams')),
      inboxes: named(parse(payloadOf(namedList), inboxes, 'inboxes').payload),
      labels: parse(payloadOf(z.array(z.looseObject({ title: z.string() }))), labels, 'labels').payload.map((label) => label.title),
    };
  }

  async customAttributeDefinitions(): Promise<CustomAttributeDefinition[]> {
    const accountId = await this.adminAccount();
    const definitions: CustomAttributeDefinition[] = [];
    for (const [on, model] of ATTRIBUTE_MODELS) {
      const data = await this.call('user', { method: 'GET', path: `/api/v1/accounts/${accountId}/custom_attribute_definitions`, query: { attribute_model: model }, idempotent: true });
      for (const d of parse(attributeDefinitions, data, 'custom attribute definitions')) {
        const values = typeof d.attribute_values === 'string' ? [] : (d.attribute_values ?? []);
        definitions.push({
          key: d.attribute_key,
          name: d.attribute_display_name || d.attribute_key,
          on,
          ...(d.regex_pattern ? { pattern: d.regex_pattern } : {}),
          ...(values.length ? { values } : {}),
        });
      }
    }
    return definitions;
  }

  async conversationInbox(accountId: number, conversationId: number): Promise<number | null> {
    try {
      const data = await this.call('user', { method: 'GET', path: conv({ accountId, conversationId }), idempotent: true });
      return parse(conversationInboxOf, data, 'conversation').inbox_id;
    } catch (error) {
      if (error instanceof HelpdeskError && error.status === 404) return null;
      throw error;
    }
  }

  /** Sends with the bot's token where it may act (so the bot shows as the author), else the administrator's. */
  private call(as: 'bot' | 'user', call: Omit<Call, 'token'>): Promise<unknown> {
    return this.http.request({ ...call, token: as === 'bot' ? this.options.botToken : this.options.userToken });
  }
}

const conv = (ref: Pick<ConversationRef, 'accountId' | 'conversationId'>) => `/api/v1/accounts/${ref.accountId}/conversations/${ref.conversationId}`;

function stampOf(message: ListedMessage): string | undefined {
  const attributes = message.content_attributes;
  const stamp = typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>)[STAMP] : undefined;
  return typeof stamp === 'string' ? stamp : undefined;
}

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new HelpdeskError(`unexpected ${what} response from Chatwoot: ${parsed.error.issues[0]?.message}`, 'permanent');
  return parsed.data;
}
