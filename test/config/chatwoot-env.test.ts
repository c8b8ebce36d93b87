// CHATWOOT_URL needs both tokens (SPEC 1 "Tokens"): one clear line names what is missing, and the start stops.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { freePort, REPO_DIR, startJawabProcess } from '../helpers/child.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { fixture } from '../helpers/fixtures.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const URL_AND_SECRET = { CHATWOOT_URL: 'http://127.0.0.1:9/', CHATWOOT_WEBHOOK_SECRET: 'secret' };
const WHY = "(Jawab needs both: the agent bot's token so its replies show as the bot, an administrator's for labels, agents and reading messages)";

describe('Chatwoot tokens', () => {
  it('takes both tokens', () => {
    expect(loadConfig({ ...URL_AND_SECRET, CHATWOOT_BOT_TOKEN: 'bot', CHATWOOT_API_TOKEN: 'user' }).chatwoot).toEqual({
      url: 'http://127.0.0.1:9',
      botToken: 'bot',
      userToken: 'user',
      maxRequestsPerSecond: 49,
      timeoutMs: 10_000,
    });
  });

  it.each([
    [{ CHATWOOT_BOT_TOKEN: 'bot' }, `configuration error: CHATWOOT_API_TOKEN is required with CHATWOOT_URL ${WHY}`],
    [{ CHATWOOT_API_TOKEN: 'user' }, `configuration error: CHATWOOT_BOT_TOKEN is required with CHATWOOT_URL ${WHY}`],
    [{ CHATWOOT_BOT_TOKEN: 'bot', CHATWOOT_API_TOKEN: '' }, `configuration error: CHATWOOT_API_TOKEN is required with CHATWOOT_URL ${WHY}`],
    [{}, `configuration error: CHATWOOT_BOT_TOKEN and CHATWOOT_API_TOKEN are required with CHATWOOT_URL ${WHY}`],
  ])('refuses %o', (tokens, message) => {
    expect(() => loadConfig({ ...URL_AND_SECRET, ...tokens })).toThrow(new Error(message));
  });

  it('needs no token for the sandbox helpdesk', () => {
    expect(loadConfig({}).chatwoot).toBeUndefined();
  });

  it('stops the start with that line', async () => {
    const start = startJawabProcess({ ...URL_AND_SECRET, CHATWOOT_BOT_TOKEN: 'bot', ADMIN_TOKEN: 'an-admin-token-0123456789' }, await freePort());
    const error = await start.then(() => undefined, (e: unknown) => String(e));
    expect(error).toContain(`configuration error: CHATWOOT_API_TOKEN is required with CHATWOOT_URL ${WHY}`);
  });
});

// CHATWOOT_MAX_RPS defaults to Chatwoot's own limit (README's configuration table says where it comes from): Rack::Attack's
// `req/ip` throttle, RACK_ATTACK_LIMIT = 3000 requests a minute, counted in clock-aligned minutes. Jawab's limiter
// refills every second, so one of Chatwoot's minutes can hold 61 of its refills.
describe('CHATWOOT_MAX_RPS', () => {
  const chatwoot = (env: Record<string, string> = {}) => loadConfig({ ...URL_AND_SECRET, CHATWOOT_BOT_TOKEN: 'bot', CHATWOOT_API_TOKEN: 'user', ...env }).chatwoot!;

  it('defaults to the most requests a second that stay within 3000 in any of Chatwoot\'s minutes, as the README says', () => {
    const row = readFileSync(join(REPO_DIR, 'README.md'), 'utf8').split('\n').find((line) => line.startsWith('| `CHATWOOT_MAX_RPS` |'));
    const documented = Number(/\| `(\d+)` \|$/.exec(row ?? '')?.[1]);
    expect(chatwoot().maxRequestsPerSecond).toBe(documented);
    expect(row).toContain('RACK_ATTACK_LIMIT');
    expect(61 * documented).toBeLessThanOrEqual(3000);
    expect(61 * (documented + 1)).toBeGreaterThan(3000);
  });

  it('takes a value, and refuses one that is not a positive number', () => {
    expect(chatwoot({ CHATWOOT_MAX_RPS: '8' }).maxRequestsPerSecond).toBe(8);
    expect(() => chatwoot({ CHATWOOT_MAX_RPS: '0' })).toThrow(/^configuration error: CHATWOOT_MAX_RPS /);
  });
});

// Chatwoot 4.11–4.12 agent bots do not sign (README "Connecting a Chatwoot account"): no secret and
// ALLOW_UNSIGNED_WEBHOOKS=true accepts their deliveries; with a secret, unsigned ones are refused whatever the flag.
describe('unsigned deliveries (Chatwoot before 4.13)', () => {
  const unsigned = (h: Harness) =>
    request(h.jawab.http).post('/webhooks/chatwoot').set('content-type', 'application/json').send(JSON.stringify(fixture('message_created.incoming_contact.json')));

  it('are accepted without a secret when allowed', async () => {
    const h = await startHarness({ answerer: fixedAnswerer(), env: { CHATWOOT_WEBHOOK_SECRET: '', ALLOW_UNSIGNED_WEBHOOKS: 'true' } });
    try {
      expect((await unsigned(h).expect(200)).body).toEqual({ result: 'accepted' });
    } finally {
      await h.close();
    }
  });

  it('are refused when a secret is set, even when allowed', async () => {
    const h = await startHarness({ answerer: fixedAnswerer(), env: { ALLOW_UNSIGNED_WEBHOOKS: 'true' } });
    try {
      expect((await unsigned(h).expect(401)).body.error.code).toBe('bad_signature');
    } finally {
      await h.close();
    }
  });
});
