// The plugin manifest (plugin-manifest/manifest.json): what a Chatwoot admin, or a tool, needs to install Jawab.
// Built here from the package, the settings schema and the Chatwoot facts below; `npm run manifest` writes it and a
// test fails when the checked-in file is not what this builds.
import { readFileSync } from 'node:fs';
import { settingsJsonSchema } from '../config/settings-json-schema.js';
import { CONTACT_AI_OFF_ATTRIBUTE } from '../rules/contact-stop.js';
import { OWNER_ATTRIBUTE, OWNER_VALUES } from '../rules/owner-attribute.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string; description: string };

export const MANIFEST_FILE = new URL('../../plugin-manifest/manifest.json', import.meta.url);

export const AGENT_BOT = {
  name: 'Jawab',
  description: "Answers from the company's knowledge and hands over to a human when needed.",
} as const;

export const DASHBOARD_APP_TITLE = 'Jawab';

export const LABELS = [
  { title: 'jawab-handoff', description: 'Jawab handed this conversation to a human', color: '#ef6c00' },
  { title: 'ai-on', description: 'Give this conversation back to Jawab', color: '#1f6feb' },
  { title: 'ai-off', description: 'Keep Jawab out of this conversation', color: '#6b7b8c' },
] as const;

/**
 * The custom attributes Jawab writes, defined in Chatwoot so agents see them named and can filter by them: who owns a
 * conversation (a list, one of OWNER_VALUES) and a contact the AI must leave alone (a checkbox).
 */
export const ATTRIBUTES = [
  {
    model: 'conversation',
    key: OWNER_ATTRIBUTE,
    displayName: 'Jawab owner',
    description: 'Who has this conversation: ai (Jawab answers), human (your team), stopped (Jawab is off here)',
    type: 'list',
    values: [...OWNER_VALUES],
  },
  {
    model: 'contact',
    key: CONTACT_AI_OFF_ATTRIBUTE,
    displayName: 'Jawab off',
    description: "Jawab does not answer this contact's conversations (set from the Jawab dashboard app)",
    type: 'checkbox',
    values: [],
  },
] as const;
export type AttributeDefinition = (typeof ATTRIBUTES)[number];

export function buildManifest() {
  return {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description,
    chatwoot: { minVersion: '4.11.0' },
    agentBot: {
      ...AGENT_BOT,
      outgoingUrl: '{JAWAB_URL}/webhooks/chatwoot',
      events: ['message_created', 'message_updated', 'conversation_opened', 'conversation_resolved', 'conversation_status_changed', 'conversation_updated'],
    },
    accountWebhook: {
      optional: true,
      url: '{JAWAB_URL}/webhooks/chatwoot',
      subscriptions: ['message_created', 'message_updated', 'conversation_created', 'conversation_updated', 'conversation_status_changed'],
    },
    dashboardApp: {
      title: DASHBOARD_APP_TITLE,
      url: '{JAWAB_URL}/app?account={ACCOUNT_ID}&sig={SIGNATURE}',
      signature: 'HMAC-SHA256 of "link|{ACCOUNT_ID}" with a key derived from ADMIN_TOKEN: from GET /api/dashboard-app/link?account={ACCOUNT_ID} or npm run install-plugin',
    },
    labels: LABELS,
    customAttributes: ATTRIBUTES,
    tokens: {
      CHATWOOT_BOT_TOKEN: {
        kind: 'agent bot access token',
        usedFor: ['create messages (replies and private notes)', 'toggle status', 'toggle priority', 'assign', 'set conversation custom attributes', 'show typing while a reply is prepared (Chatwoot 4.13 and newer)'],
      },
      CHATWOOT_API_TOKEN: {
        kind: 'administrator user access token',
        usedFor: [
          'list and set conversation labels',
          'read conversation messages (to never send a reply twice)',
          'list agents and their open conversations',
          'list team members',
          'update contacts',
          'read conversations (to merge custom attributes: Chatwoot replaces the whole set)',
          'list Help Center portals (a knowledge source)',
        ],
      },
      CHATWOOT_WEBHOOK_SECRET: { kind: "the agent bot's secret", usedFor: ['verify X-Chatwoot-Signature on every delivery'] },
    },
    install: {
      command: 'npm run install-plugin -- --account <id> --url <JAWAB_URL> [--inboxes 1,2] [--reset-secret]',
      token: 'CHATWOOT_API_TOKEN of an administrator',
      permissions: [
        'GET/POST/PATCH /api/v1/accounts/{account}/agent_bots and POST …/agent_bots/{id}/reset_secret',
        'GET …/inboxes/{id}/agent_bot and POST …/inboxes/{id}/set_agent_bot',
        'GET/POST …/labels',
        'GET/POST …/custom_attribute_definitions',
        'GET/POST/PATCH …/dashboard_apps',
      ],
    },
    settingsSchema: settingsJsonSchema(),
  };
}

export const manifestText = (): string => `${JSON.stringify(buildManifest(), null, 2)}\n`;
