// Sets Jawab up in a Chatwoot account, idempotently: the agent bot (outgoing URL, secret), its inboxes, the labels
// and custom attributes Jawab uses and the dashboard app. Each step compares with what is there first, so a second run changes nothing;
// every step is reported, done or not.
import type { ChatwootAdminClient } from '../chatwoot/admin-client.js';
import { AGENT_BOT, ATTRIBUTES, DASHBOARD_APP_TITLE, LABELS } from './manifest.js';

export interface InstallOptions {
  /** Jawab's public base URL, e.g. https://jawab.example.com */
  jawabUrl: string;
  inboxIds: number[];
  /** The signed dashboard app URL (app-link.ts). */
  dashboardAppUrl: string;
  /** Ask Chatwoot for a new webhook secret even when the bot exists. */
  resetSecret: boolean;
}

export interface InstallReport {
  lines: string[];
  /** Whether anything was created or changed. */
  changed: boolean;
  botId: number;
  botToken?: string;
  /** Set when a secret was (re)generated: it must go into CHATWOOT_WEBHOOK_SECRET. */
  secret?: string;
}

export async function install(chatwoot: ChatwootAdminClient, options: InstallOptions): Promise<InstallReport> {
  const lines: string[] = [];
  let changed = false;
  const jawabUrl = options.jawabUrl.replace(/\/$/, '');
  const wanted = { ...AGENT_BOT, outgoingUrl: `${jawabUrl}/webhooks/chatwoot` };

  const bots = await chatwoot.listAgentBots();
  let bot = bots.find((b) => b.name === wanted.name) ?? bots.find((b) => b.outgoingUrl === wanted.outgoingUrl);
  let secret: string | undefined;
  if (!bot) {
    bot = await chatwoot.createAgentBot(wanted);
    secret = await chatwoot.resetSecret(bot.id);
    lines.push(`created agent bot #${bot.id} "${bot.name}" -> ${wanted.outgoingUrl}, with a new secret`);
    changed = true;
  } else if (bot.outgoingUrl !== wanted.outgoingUrl || bot.description !== wanted.description || bot.name !== wanted.name) {
    bot = { ...(await chatwoot.updateAgentBot(bot.id, wanted)), accessToken: bot.accessToken };
    lines.push(`updated agent bot #${bot.id}: outgoing URL ${wanted.outgoingUrl}`);
    changed = true;
  } else {
    lines.push(`agent bot #${bot.id} "${bot.name}" is up to date`);
  }
  if (options.resetSecret && !secret) {
    secret = await chatwoot.resetSecret(bot.id);
    lines.push(`reset the secret of agent bot #${bot.id}`);
    changed = true;
  }

  for (const inboxId of options.inboxIds) {
    if ((await chatwoot.inboxBotId(inboxId)) === bot.id) {
      lines.push(`inbox ${inboxId} already uses the bot`);
      continue;
    }
    await chatwoot.setInboxBot(inboxId, bot.id);
    lines.push(`attached the bot to inbox ${inboxId}`);
    changed = true;
  }

  const existing = new Set(await chatwoot.labelTitles());
  for (const label of LABELS) {
    if (existing.has(label.title)) {
      lines.push(`label ${label.title} exists`);
      continue;
    }
    await chatwoot.createLabel(label);
    lines.push(`created label ${label.title}`);
    changed = true;
  }

  for (const model of ['conversation', 'contact'] as const) {
    const keys = new Set(await chatwoot.attributeKeys(model));
    for (const attribute of ATTRIBUTES.filter((a) => a.model === model)) {
      if (keys.has(attribute.key)) {
        lines.push(`${model} attribute ${attribute.key} exists`);
        continue;
      }
      await chatwoot.createAttribute(attribute);
      lines.push(`created ${model} attribute ${attribute.key}`);
      changed = true;
    }
  }

  const apps = await chatwoot.listDashboardApps();
  const base = `${jawabUrl}/app`;
  const app = apps.find((a) => a.title === DASHBOARD_APP_TITLE) ?? apps.find((a) => a.url?.startsWith(base));
  if (!app) {
    const created = await chatwoot.createDashboardApp(DASHBOARD_APP_TITLE, options.dashboardAppUrl);
    lines.push(`created dashboard app #${created.id} "${DASHBOARD_APP_TITLE}"`);
    changed = true;
  } else if (app.url !== options.dashboardAppUrl || app.title !== DASHBOARD_APP_TITLE) {
    await chatwoot.updateDashboardApp(app.id, DASHBOARD_APP_TITLE, options.dashboardAppUrl);
    lines.push(`updated dashboard app #${app.id}: ${base}`);
    changed = true;
  } else {
    lines.push(`dashboard app #${app.id} is up to date`);
  }
  return { lines, changed, botId: bot.id, ...(bot.accessToken && { botToken: bot.accessToken }), ...(secret && { secret }) };
}
