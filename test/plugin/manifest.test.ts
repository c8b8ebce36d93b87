// The checked-in plugin manifest must be what src/plugin/manifest.ts builds (the settings schema included).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingsJsonSchema } from '../../src/config/settings-json-schema.js';
import { MANIFEST_FILE, manifestText } from '../../src/plugin/manifest.js';

describe('plugin-manifest/manifest.json', () => {
  it('is current: run `npm run manifest` after changing the settings schema or the manifest', () => {
    const checkedIn = readFileSync(MANIFEST_FILE, 'utf8');
    expect(checkedIn === manifestText(), 'plugin-manifest/manifest.json is stale: run `npm run manifest` and commit it').toBe(true);
  });

  it('carries the settings JSON Schema, the bot, the dashboard app, the labels and the tokens', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8'));
    expect(manifest.settingsSchema).toEqual(JSON.parse(JSON.stringify(settingsJsonSchema())));
    expect(manifest.agentBot.outgoingUrl).toBe('{JAWAB_URL}/webhooks/chatwoot');
    expect(manifest.dashboardApp.url).toBe('{JAWAB_URL}/app?account={ACCOUNT_ID}&sig={SIGNATURE}');
    expect(manifest.labels.map((l: { title: string }) => l.title)).toEqual(['jawab-handoff', 'ai-on', 'ai-off']);
    expect(Object.keys(manifest.tokens)).toEqual(['CHATWOOT_BOT_TOKEN', 'CHATWOOT_API_TOKEN', 'CHATWOOT_WEBHOOK_SECRET']);
  });
});
