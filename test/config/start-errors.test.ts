// Configuration errors that stop the start with one line naming the variable (SPEC 2): a webhook secret is required
// with CHATWOOT_URL (unless unsigned deliveries are allowed), and PORT must be a port number. In-process through the
// loader, and through a real `src/main.ts` whose whole stderr is that one line.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { runScript } from '../helpers/child.js';

const CHATWOOT = { CHATWOOT_URL: 'http://127.0.0.1:9', CHATWOOT_BOT_TOKEN: 'bot', CHATWOOT_API_TOKEN: 'user' };
const NO_SECRET = 'configuration error: CHATWOOT_WEBHOOK_SECRET is required with CHATWOOT_URL (or set ALLOW_UNSIGNED_WEBHOOKS=true to accept unsigned deliveries)';
const BAD_PORT = 'configuration error: PORT must be a port number';

describe('the webhook secret', () => {
  it('is required with CHATWOOT_URL', () => {
    expect(() => loadConfig(CHATWOOT)).toThrow(new Error(NO_SECRET));
    expect(() => loadConfig({ ...CHATWOOT, CHATWOOT_WEBHOOK_SECRET: '' })).toThrow(new Error(NO_SECRET));
    expect(() => loadConfig({ ...CHATWOOT, ALLOW_UNSIGNED_WEBHOOKS: 'false' })).toThrow(new Error(NO_SECRET));
  });

  it('may be left out when unsigned deliveries are allowed, or without Chatwoot', () => {
    expect(loadConfig({ ...CHATWOOT, ALLOW_UNSIGNED_WEBHOOKS: 'true' })).toMatchObject({ webhookSecret: undefined, allowUnsignedWebhooks: true });
    expect(loadConfig({ ...CHATWOOT, ALLOW_UNSIGNED_WEBHOOKS: '1' }).allowUnsignedWebhooks).toBe(true);
    expect(loadConfig({})).toMatchObject({ chatwoot: undefined, webhookSecret: undefined, allowUnsignedWebhooks: false });
  });

  it('names ALLOW_UNSIGNED_WEBHOOKS when its value is not a boolean', () => {
    expect(() => loadConfig({ ...CHATWOOT, ALLOW_UNSIGNED_WEBHOOKS: 'yes' })).toThrow(/^configuration error: ALLOW_UNSIGNED_WEBHOOKS /);
  });
});

describe('PORT', () => {
  it.each(['abc', '70000', '65536', '-1', '3000.5', ' ', '0x10', '1e3', '80 80'])('refuses %j', (PORT) => {
    expect(() => loadConfig({ PORT })).toThrow(new Error(BAD_PORT));
  });

  it.each([
    [{}, 3000],
    [{ PORT: '' }, 3000],
    [{ PORT: '8080' }, 8080],
    [{ PORT: ' 8081 ' }, 8081],
    [{ PORT: '0' }, 0],
    [{ PORT: '65535' }, 65_535],
  ])('takes %o as %i', (env, port) => {
    expect(loadConfig(env).port).toBe(port);
  });
});

describe('the start stops with the one line', () => {
  it.each([
    ['no webhook secret', { ...CHATWOOT, ADMIN_TOKEN: 'an-admin-token-0123456789' }, NO_SECRET],
    ['a bad PORT', { PORT: 'eighty', ADMIN_TOKEN: 'an-admin-token-0123456789' }, BAD_PORT],
  ])('%s', async (_what, env, line) => {
    const run = await runScript('src/main.ts', [], { ...env, DATA_DIR: '/nonexistent/jawab-never-created' });
    expect(run).toEqual({ code: 1, stdout: '', stderr: `${line}\n` });
  });
});
