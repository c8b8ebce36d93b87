// How the fake Chatwoot answers: one handler per operation Jawab uses, keyed by "METHOD template" as the spec
// names it. Handlers run only for requests that passed the spec and token checks, so their bodies are well-typed.
import { helpCenterRoutes } from './fake-help-center.js';
import { DEFAULT_INBOXES, FAKE_ADMIN, FAKE_BOT, agentJson, contactJson, conversationJson, messageJson, teamJson } from './fake-chatwoot-state.js';
import type { FakeAttributeDefinition, FakeChatwootState, FakeConversation } from './fake-chatwoot-state.js';

export interface Reply {
  status: number;
  /** undefined: an empty body (Rails `head :ok`); null is sent as JSON `null`. */
  json?: unknown;
  /** A public page (HTML, robots.txt) instead of JSON. */
  page?: { type: string; text: string };
}

export interface RouteContext {
  accountId: number;
  param(name: string): number;
  conv(): FakeConversation;
  body: Record<string, unknown>;
  query: URLSearchParams;
  token: 'bot' | 'user' | 'none';
  /** Path parameters that are text (a portal's slug). */
  text(name: string): string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ok = (json?: unknown): Reply => ({ status: 200, json });
const notFound = (): Reply => ({ status: 404, json: { error: 'Resource could not be found' } });
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The handlers; any other operation of the spec answers 200 `{}`. */
export function createRoutes(state: FakeChatwootState): Record<string, (ctx: RouteContext) => Reply> {
  // State of the routes the spec leaves out; Jawab's tests only need to see what it set.
  const participants = new Map<string, number[]>();
  const dashboardApps = new Map<number, Record<string, unknown>>();
  let nextDashboardAppId = 1;
  // What `npm run install-plugin` sets up: agent bots, the bot of each inbox, account labels.
  const agentBots = new Map<number, Record<string, unknown>>();
  const inboxBots = new Map<number, number>();
  const labels: Array<Record<string, unknown>> = [];
  const botFields = (body: Record<string, unknown>) =>
    Object.fromEntries(['name', 'description', 'outgoing_url'].filter((k) => k in body).map((k) => [k, body[k]]));
  const A = '/api/v1/accounts/{account_id}';
  const C = `${A}/conversations/{conversation_id}`;
  const contactUpdate = (ctx: RouteContext): Reply => {
    const contact = state.contact(ctx.accountId, ctx.param('id'));
    const b = ctx.body;
    if ('name' in b) contact.name = str(b['name']) ?? contact.name;
    if ('email' in b) contact.email = str(b['email']) ?? null;
    if ('phone_number' in b) contact.phoneNumber = str(b['phone_number']) ?? null;
    if ('identifier' in b) contact.identifier = str(b['identifier']) ?? null;
    if (typeof b['blocked'] === 'boolean') contact.blocked = b['blocked'];
    // Chatwoot merges both attribute hashes into the stored ones ("we want the merged custom attributes").
    if (isObject(b['custom_attributes'])) Object.assign(contact.customAttributes, b['custom_attributes']);
    if (isObject(b['additional_attributes'])) Object.assign(contact.additionalAttributes, b['additional_attributes']);
    return ok({ payload: contactJson(contact) });
  };
  const participantList = (ctx: RouteContext): Reply =>
    ok((participants.get(`${ctx.accountId}:${ctx.param('conversation_id')}`) ?? []).flatMap((id) => {
      const agent = state.agent(id);
      return agent ? [agentJson(agent, ctx.accountId)] : [];
    }));
  const setParticipants = (ctx: RouteContext, change: (current: number[], ids: number[]) => number[]): Reply => {
    const key = `${ctx.accountId}:${ctx.param('conversation_id')}`;
    const ids = Array.isArray(ctx.body['user_ids']) ? ctx.body['user_ids'].filter((v): v is number => typeof v === 'number') : [];
    participants.set(key, [...new Set(change(participants.get(key) ?? [], ids))]);
    return participantList(ctx);
  };
  const dashboardApp = (ctx: RouteContext, update?: (app: Record<string, unknown>) => void): Reply => {
    const app = dashboardApps.get(ctx.param('id'));
    if (!app) return notFound();
    update?.(app);
    return ok(app);
  };

  return {
    ...helpCenterRoutes(state),
    // The administrator behind the user token, with the one account the fake has.
    // The administrator token's user: its accounts are those Jawab lists portals and custom attribute definitions of.
    ['GET /api/v1/profile']: () => ok({ ...FAKE_ADMIN, account_id: 1, role: 'administrator', accounts: [{ id: 1, name: 'Toko Batik', role: 'administrator', status: 'active' }] }),
    [`POST ${C}/messages`]: (ctx) => {
      const conv = ctx.conv();
      const b = ctx.body;
      const incoming = b['message_type'] === 'incoming';
      const message = state.addMessage(conv, {
        content: str(b['content']) ?? '',
        from: incoming ? 'contact' : ctx.token === 'bot' ? 'bot' : 'user',
        messageType: incoming ? 'incoming' : 'outgoing',
        private: b['private'] === true,
        contentType: str(b['content_type']) ?? 'text',
        contentAttributes: isObject(b['content_attributes']) ? b['content_attributes'] : {},
      });
      return ok(messageJson(state, conv, message, true));
    },
    [`GET ${C}/messages`]: (ctx) => {
      const conv = ctx.conv();
      // Chatwoot pages: the last 20 by default, 20 before `before`, up to 100 after `after`; always ascending.
      const after = Number(ctx.query.get('after') ?? NaN);
      const before = Number(ctx.query.get('before') ?? NaN);
      const page = Number.isFinite(after) ? conv.messages.filter((m) => m.id > after).slice(0, 100)
        : Number.isFinite(before) ? conv.messages.filter((m) => m.id < before).slice(-20)
        : conv.messages.slice(-20);
      const assignee = conv.assigneeId === null ? undefined : state.agent(conv.assigneeId);
      return ok({
        meta: {
          labels: conv.labels,
          additional_attributes: {},
          contact: { ...contactJson(state.contact(ctx.accountId, conv.contactId)), type: 'contact' },
          ...(assignee ? { assignee: agentJson(assignee, ctx.accountId) } : {}),
          agent_last_seen_at: null,
          assignee_last_seen_at: null,
        },
        payload: page.map((m) => messageJson(state, conv, m)),
      });
    },
    [`GET ${C}/labels`]: (ctx) => ok({ payload: ctx.conv().labels }),
    // Chatwoot replaces the whole label list ("this API would overwrite the existing list of labels").
    [`POST ${C}/labels`]: (ctx) => {
      const conv = ctx.conv();
      const labels = Array.isArray(ctx.body['labels']) ? ctx.body['labels'].filter((l): l is string => typeof l === 'string') : [];
      conv.labels = [...new Set(labels)];
      return ok({ payload: conv.labels });
    },
    // An unknown agent or team id is not an error in Chatwoot: it unassigns and answers `null`.
    [`POST ${C}/assignments`]: (ctx) => {
      const conv = ctx.conv();
      if ('assignee_id' in ctx.body) {
        const agent = state.agent(Number(ctx.body['assignee_id']));
        conv.assigneeId = agent?.id ?? null;
        return ok(agent ? agentJson(agent, ctx.accountId) : null);
      }
      if ('team_id' in ctx.body) {
        const team = state.team(Number(ctx.body['team_id']));
        conv.teamId = team?.id ?? null;
        return ok(team ? teamJson(team, ctx.accountId) : null);
      }
      return ok(null);
    },
    [`POST ${C}/toggle_status`]: (ctx) => {
      const conv = ctx.conv();
      const status = ctx.body['status'];
      if (status === 'open' || status === 'resolved' || status === 'pending' || status === 'snoozed') conv.status = status;
      const until = ctx.body['snoozed_until'];
      conv.snoozedUntil = conv.status === 'snoozed' && typeof until === 'number' ? until : null;
      return ok({ meta: {}, payload: { success: true, current_status: conv.status, conversation_id: conv.id } });
    },
    // Chatwoot answers `head :ok`: 200 with an empty body.
    [`POST ${C}/toggle_priority`]: (ctx) => {
      setPriority(ctx.conv(), ctx.body['priority']);
      return ok();
    },
    // Replaces (unlike the contact update, which merges).
    [`POST ${C}/custom_attributes`]: (ctx) => {
      const conv = ctx.conv();
      conv.customAttributes = isObject(ctx.body['custom_attributes']) ? { ...ctx.body['custom_attributes'] } : {};
      return ok({ custom_attributes: conv.customAttributes });
    },
    [`GET ${C}`]: (ctx) => ok(conversationJson(state, ctx.conv())),
    [`PATCH ${C}`]: (ctx) => {
      const conv = ctx.conv();
      if ('priority' in ctx.body) setPriority(conv, ctx.body['priority']);
      return ok(conversationJson(state, conv));
    },
    [`GET ${A}/contacts/{id}`]: (ctx) => ok({ payload: contactJson(state.contact(ctx.accountId, ctx.param('id'))) }),
    [`PUT ${A}/contacts/{id}`]: contactUpdate,
    [`PATCH ${A}/contacts/{id}`]: contactUpdate,
    [`GET ${A}/agents`]: (ctx) => ok(state.agents.map((a) => agentJson(a, ctx.accountId))),
    [`GET ${A}/teams`]: (ctx) => ok(state.teams.map((t) => teamJson(t, ctx.accountId))),
    [`GET ${A}/inboxes`]: () => ok({ payload: DEFAULT_INBOXES.map((inbox) => ({ ...inbox, enable_auto_assignment: true })) }),
    [`GET ${A}/teams/{team_id}/team_members`]: (ctx) => {
      const team = state.team(ctx.param('team_id'));
      if (!team) return notFound();
      return ok(team.memberIds.flatMap((id) => {
        const agent = state.agent(id);
        return agent ? [agentJson(agent, ctx.accountId)] : [];
      }));
    },
    // The agent report lives at the spec path with a trailing slash; `type=agent` is required there.
    ['GET /api/v2/accounts/{account_id}/reports/conversations/']: (ctx) => {
      const userId = ctx.query.get('user_id');
      const open = state.accountConversations(ctx.accountId).filter((c) => c.status === 'open');
      return ok(state.agents.filter((a) => userId === null || String(a.id) === userId).map((a) => ({
        id: a.id,
        name: a.name,
        email: a.email ?? `agent${a.id}@example.com`,
        thumbnail: '',
        availability: a.availability_status,
        metric: { open: open.filter((c) => c.assigneeId === a.id).length + (state.openCounts[a.id] ?? 0), unattended: 0 },
      })));
    },
    [`GET ${C}/participants`]: participantList,
    [`POST ${C}/participants`]: (ctx) => setParticipants(ctx, (current, ids) => [...current, ...ids]),
    [`PATCH ${C}/participants`]: (ctx) => setParticipants(ctx, (_current, ids) => ids),
    [`DELETE ${C}/participants`]: (ctx) => setParticipants(ctx, (current, ids) => current.filter((id) => !ids.includes(id))),
    [`GET ${A}/dashboard_apps`]: () => ok([...dashboardApps.values()]),
    [`POST ${A}/dashboard_apps`]: (ctx) => {
      const input = isObject(ctx.body['dashboard_app']) ? ctx.body['dashboard_app'] : {};
      const id = nextDashboardAppId++;
      const app = { id, title: input['title'], content: input['content'], created_at: new Date().toISOString() };
      dashboardApps.set(id, app);
      return ok(app);
    },
    [`GET ${A}/dashboard_apps/{id}`]: (ctx) => dashboardApp(ctx),
    [`PATCH ${A}/dashboard_apps/{id}`]: (ctx) => dashboardApp(ctx, (app) => {
      const input = isObject(ctx.body['dashboard_app']) ? ctx.body['dashboard_app'] : {};
      Object.assign(app, 'title' in input ? { title: input['title'] } : {}, 'content' in input ? { content: input['content'] } : {});
    }),
    [`DELETE ${A}/dashboard_apps/{id}`]: (ctx) => {
      const found = dashboardApps.delete(ctx.param('id'));
      return found ? ok() : notFound();
    },
    [`GET ${A}/agent_bots`]: () => ok([...agentBots.values()]),
    [`POST ${A}/agent_bots`]: (ctx) => {
      const id = 100 + agentBots.size;
      const bot = { id, ...botFields(ctx.body), bot_type: 'webhook', bot_config: {}, account_id: ctx.accountId, access_token: `bot-access-${id}`, system_bot: false };
      agentBots.set(id, bot);
      return ok(bot);
    },
    [`PATCH ${A}/agent_bots/{id}`]: (ctx) => {
      const bot = agentBots.get(ctx.param('id'));
      if (!bot) return notFound();
      Object.assign(bot, botFields(ctx.body));
      return ok(bot);
    },
    [`GET ${A}/inboxes/{id}/agent_bot`]: (ctx) => {
      const bot = agentBots.get(inboxBots.get(ctx.param('id')) ?? -1);
      return bot ? ok(bot) : notFound();
    },
    [`POST ${A}/inboxes/{id}/set_agent_bot`]: (ctx) => {
      inboxBots.set(ctx.param('id'), Number(ctx.body['agent_bot']));
      return { status: 204 };
    },
    // `attribute_model` (required by the spec): 0 conversation attributes, 1 contact attributes.
    [`GET ${A}/custom_attribute_definitions`]: (ctx) => {
      const model = ctx.query.get('attribute_model') === '1' ? 'contact_attribute' : 'conversation_attribute';
      return ok(state.attributeDefinitions.filter((d) => d.attribute_model === model).map((d, i) => ({ id: i + 1, attribute_description: '', default_value: null, ...d })));
    },
    [`GET ${A}/labels`]: () => ok({ payload: labels }),
    [`POST ${A}/labels`]: (ctx) => {
      const label = { id: labels.length + 1, title: ctx.body['title'], description: ctx.body['description'] ?? '', color: ctx.body['color'] ?? '#1f93ff', show_on_sidebar: ctx.body['show_on_sidebar'] ?? true };
      labels.push(label);
      return ok(label);
    },
    // Chatwoot takes the model and display type as numbers and answers them by name (the GET above).
    [`POST ${A}/custom_attribute_definitions`]: (ctx) => {
      const b = ctx.body;
      const definition: FakeAttributeDefinition = {
        attribute_display_name: String(b['attribute_display_name']),
        attribute_display_type: (ATTRIBUTE_DISPLAY_TYPES[Number(b['attribute_display_type'] ?? 0)] ?? 'text') as FakeAttributeDefinition['attribute_display_type'],
        attribute_key: String(b['attribute_key']),
        attribute_values: (b['attribute_values'] as string[] | undefined) ?? [],
        attribute_model: b['attribute_model'] === 1 ? 'contact_attribute' : 'conversation_attribute',
      };
      state.attributeDefinitions.push(definition);
      return ok({ id: state.attributeDefinitions.length, attribute_description: b['attribute_description'] ?? '', default_value: null, ...definition });
    },
    [`POST ${A}/agent_bots/{id}/reset_secret`]: (ctx) =>
      ok({ id: ctx.param('id'), name: FAKE_BOT.name, bot_type: 'webhook', secret: `secret-${Date.now()}` }),
  };
}

const ATTRIBUTE_DISPLAY_TYPES = ['text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox'];

function setPriority(conv: FakeConversation, value: unknown): void {
  // The spec's `none` clears the priority.
  conv.priority = value === 'low' || value === 'medium' || value === 'high' || value === 'urgent' ? value : null;
}
