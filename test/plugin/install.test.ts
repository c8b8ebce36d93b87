// `npm run install-plugin` against the fake Chatwoot (every request checked against the OpenAPI spec and SPEC 1's
// extra routes): the first run sets everything up, the second changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/plugin/install-cli.js';
import { AppLinks } from '../../src/web/app-link.js';
import { type FakeChatwoot, startFakeChatwoot } from '../fakes/fake-chatwoot.js';
import { ADMIN_TOKEN } from '../helpers/harness.js';

let fake: FakeChatwoot;
beforeEach(async () => {
  fake = await startFakeChatwoot();
});
afterEach(async () => fake.close());

async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(args, { CHATWOOT_URL: fake.url, CHATWOOT_API_TOKEN: fake.userToken, ADMIN_TOKEN, ...env }, (l) => lines.push(l));
  return { code, lines };
}

const ARGS = ['--account', '1', '--url', 'https://jawab.example.com/', '--inboxes', '3,4'];
const APP_URL = `https://jawab.example.com${new AppLinks(ADMIN_TOKEN).accountLinkPath(1)}`;

describe('install-plugin', () => {
  it('creates the bot with its secret, attaches it to the inboxes, creates the labels, the custom attributes and the dashboard app', async () => {
    const { code, lines } = await run(ARGS);
    expect(code).toBe(0);
    expect(lines).toEqual([
      '- created agent bot #100 "Jawab" -> https://jawab.example.com/webhooks/chatwoot, with a new secret',
      '- attached the bot to inbox 3',
      '- attached the bot to inbox 4',
      '- created label jawab-handoff',
      '- created label ai-on',
      '- created label ai-off',
      '- created conversation attribute jawab_owner',
      '- created contact attribute jawab_ai_off',
      '- created dashboard app #1 "Jawab"',
      'done.',
      'CHATWOOT_BOT_TOKEN=bot-access-100',
      expect.stringMatching(/^CHATWOOT_WEBHOOK_SECRET=secret-\d+ {3}\(new: set it where Jawab runs\)$/),
    ]);
    const A = '/api/v1/accounts/1';
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.token}`)).toEqual([
      `GET ${A}/agent_bots user`,
      `POST ${A}/agent_bots user`,
      `POST ${A}/agent_bots/100/reset_secret user`,
      `GET ${A}/inboxes/3/agent_bot user`,
      `POST ${A}/inboxes/3/set_agent_bot user`,
      `GET ${A}/inboxes/4/agent_bot user`,
      `POST ${A}/inboxes/4/set_agent_bot user`,
      `GET ${A}/labels user`,
      `POST ${A}/labels user`,
      `POST ${A}/labels user`,
      `POST ${A}/labels user`,
      `GET ${A}/custom_attribute_definitions user`,
      `POST ${A}/custom_attribute_definitions user`,
      `GET ${A}/custom_attribute_definitions user`,
      `POST ${A}/custom_attribute_definitions user`,
      `GET ${A}/dashboard_apps user`,
      `POST ${A}/dashboard_apps user`,
    ]);
    expect(fake.requests[11]!.query).toEqual({ attribute_model: '0' });
    expect(fake.requests[12]!.body).toEqual({
      attribute_display_name: 'Jawab owner',
      attribute_display_type: 6,
      attribute_description: 'Who has this conversation: ai (Jawab answers), human (your team), stopped (Jawab is off here)',
      attribute_key: 'jawab_owner',
      attribute_model: 0,
      attribute_values: ['ai', 'human', 'stopped'],
    });
    expect(fake.requests[13]!.query).toEqual({ attribute_model: '1' });
    expect(fake.requests[14]!.body).toEqual({
      attribute_display_name: 'Jawab off',
      attribute_display_type: 7,
      attribute_description: "Jawab does not answer this contact's conversations (set from the Jawab dashboard app)",
      attribute_key: 'jawab_ai_off',
      attribute_model: 1,
    });
    expect(fake.requests[1]!.body).toEqual({ name: 'Jawab', description: "Answers from the company's knowledge and hands over to a human when needed.", outgoing_url: 'https://jawab.example.com/webhooks/chatwoot', bot_type: 0 });
    expect(fake.requests[4]!.body).toEqual({ agent_bot: 100 });
    expect(fake.requests[16]!.body).toEqual({ dashboard_app: { title: 'Jawab', content: [{ type: 'frame', url: APP_URL }] } });
    fake.assertNoViolations();
  });

  it('changes nothing when run twice, and only resets the secret when asked', async () => {
    await run(ARGS);
    fake.clearRequests();
    const again = await run(ARGS);
    expect(again.lines).toEqual([
      '- agent bot #100 "Jawab" is up to date',
      '- inbox 3 already uses the bot',
      '- inbox 4 already uses the bot',
      '- label jawab-handoff exists',
      '- label ai-on exists',
      '- label ai-off exists',
      '- conversation attribute jawab_owner exists',
      '- contact attribute jawab_ai_off exists',
      '- dashboard app #1 is up to date',
      'nothing to change.',
      'CHATWOOT_BOT_TOKEN=bot-access-100',
    ]);
    expect(fake.requests.every((r) => r.method === 'GET')).toBe(true);

    const moved = await run(['--account', '1', '--url', 'https://jawab2.example.com', '--reset-secret']);
    expect(moved.lines.slice(0, 2)).toEqual(['- updated agent bot #100: outgoing URL https://jawab2.example.com/webhooks/chatwoot', '- reset the secret of agent bot #100']);
    expect(moved.lines).toContain('- updated dashboard app #1: https://jawab2.example.com/app');
    expect(moved.lines.at(-1)).toMatch(/^CHATWOOT_WEBHOOK_SECRET=/);
    fake.assertNoViolations();
  });

  it('names what is missing instead of calling Chatwoot', async () => {
    const { code, lines } = await run(['--url', 'jawab'], { CHATWOOT_API_TOKEN: '' });
    expect(code).toBe(2);
    expect(lines.slice(0, 3)).toEqual([
      'install-plugin: --account must be a Chatwoot account id',
      'install-plugin: --url must be the URL Chatwoot reaches Jawab at, e.g. https://jawab.example.com',
      "install-plugin: CHATWOOT_API_TOKEN is not set (an administrator's access token)",
    ]);
    expect(fake.requests).toEqual([]);
  });
});
