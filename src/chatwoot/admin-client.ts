// The Chatwoot calls of `npm run install-plugin` (administrator user token): agent bots, the bot of an inbox,
// account labels and dashboard apps (the last and `reset_secret` are among the routes the OpenAPI spec leaves out,
// SPEC 1). Answers are checked with zod; the installer above sees Jawab's own names only.
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';

export interface AgentBot {
  id: number;
  name: string;
  description: string;
  outgoingUrl: string;
  accessToken?: string;
}

export interface CustomAttribute {
  model: 'conversation' | 'contact';
  key: string;
  displayName: string;
  description: string;
  type: 'list' | 'checkbox';
  values: readonly string[];
}

export interface DashboardApp {
  id: number;
  title: string;
  url: string | undefined;
}

const botJson = z.object({
  id: z.number(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  outgoing_url: z.string().nullish(),
  access_token: z.string().nullish(),
});
const toBot = (b: z.infer<typeof botJson>): AgentBot => ({
  id: b.id,
  name: b.name ?? '',
  description: b.description ?? '',
  outgoingUrl: b.outgoing_url ?? '',
  ...(b.access_token && { accessToken: b.access_token }),
});
const labelList = z.object({ payload: z.array(z.object({ title: z.string() })) });
const attributeList = z.array(z.looseObject({ attribute_key: z.string() }));
/** Chatwoot's numbers for an attribute's model and display type (custom_attribute_create_update_payload). */
const ATTRIBUTE_MODEL = { conversation: 0, contact: 1 } as const;
const DISPLAY_TYPE = { list: 6, checkbox: 7 } as const;
const appJson = z.object({ id: z.number(), title: z.string().nullish(), content: z.array(z.object({ url: z.string().optional() })).nullish() });
const toApp = (a: z.infer<typeof appJson>): DashboardApp => ({ id: a.id, title: a.title ?? '', url: a.content?.[0]?.url });

export class ChatwootAdminClient {
  private readonly http: AxiosInstance;

  constructor(baseUrl: string, userToken: string, accountId: number) {
    this.http = axios.create({ baseURL: `${baseUrl.replace(/\/$/, '')}/api/v1/accounts/${accountId}`, headers: { api_access_token: userToken }, timeout: 15_000 });
  }

  async listAgentBots(): Promise<AgentBot[]> {
    return z.array(botJson).parse((await this.http.get('/agent_bots')).data).map(toBot);
  }

  async createAgentBot(bot: Omit<AgentBot, 'id' | 'accessToken'>): Promise<AgentBot> {
    const body = { name: bot.name, description: bot.description, outgoing_url: bot.outgoingUrl, bot_type: 0 };
    return toBot(botJson.parse((await this.http.post('/agent_bots', body)).data));
  }

  async updateAgentBot(id: number, bot: Omit<AgentBot, 'id' | 'accessToken'>): Promise<AgentBot> {
    const body = { name: bot.name, description: bot.description, outgoing_url: bot.outgoingUrl };
    return toBot(botJson.parse((await this.http.patch(`/agent_bots/${id}`, body)).data));
  }

  /** A new webhook secret for the bot: Chatwoot signs deliveries with it (CHATWOOT_WEBHOOK_SECRET). */
  async resetSecret(id: number): Promise<string> {
    return z.object({ secret: z.string() }).parse((await this.http.post(`/agent_bots/${id}/reset_secret`)).data).secret;
  }

  /** The id of the inbox's agent bot, or null. Chatwoot answers the bot, `{agent_bot: …}`, or 404 when there is none. */
  async inboxBotId(inboxId: number): Promise<number | null> {
    const response = await this.http.get(`/inboxes/${inboxId}/agent_bot`, { validateStatus: (s) => s < 300 || s === 404 });
    if (response.status === 404) return null;
    const data = z.object({ id: z.number().optional(), agent_bot: z.object({ id: z.number().optional() }).nullish() }).safeParse(response.data);
    return data.success ? (data.data.id ?? data.data.agent_bot?.id ?? null) : null;
  }

  async setInboxBot(inboxId: number, botId: number): Promise<void> {
    await this.http.post(`/inboxes/${inboxId}/set_agent_bot`, { agent_bot: botId });
  }

  async labelTitles(): Promise<string[]> {
    return labelList.parse((await this.http.get('/labels')).data).payload.map((l) => l.title);
  }

  async createLabel(label: { title: string; description: string; color: string }): Promise<void> {
    await this.http.post('/labels', { ...label, show_on_sidebar: true });
  }

  /** The keys of the account's custom attribute definitions for conversations or contacts. */
  async attributeKeys(model: CustomAttribute['model']): Promise<string[]> {
    const response = await this.http.get('/custom_attribute_definitions', { params: { attribute_model: String(ATTRIBUTE_MODEL[model]) } });
    return attributeList.parse(response.data).map((a) => a.attribute_key);
  }

  async createAttribute(attribute: CustomAttribute): Promise<void> {
    await this.http.post('/custom_attribute_definitions', {
      attribute_display_name: attribute.displayName,
      attribute_display_type: DISPLAY_TYPE[attribute.type],
      attribute_description: attribute.description,
      attribute_key: attribute.key,
      attribute_model: ATTRIBUTE_MODEL[attribute.model],
      ...(attribute.values.length > 0 && { attribute_values: attribute.values }),
    });
  }

  async listDashboardApps(): Promise<DashboardApp[]> {
    return z.array(appJson).parse((await this.http.get('/dashboard_apps')).data).map(toApp);
  }

  async createDashboardApp(title: string, url: string): Promise<DashboardApp> {
    return toApp(appJson.parse((await this.http.post('/dashboard_apps', { dashboard_app: { title, content: [{ type: 'frame', url }] } })).data));
  }

  async updateDashboardApp(id: number, title: string, url: string): Promise<void> {
    await this.http.patch(`/dashboard_apps/${id}`, { dashboard_app: { title, content: [{ type: 'frame', url }] } });
  }
}
