// The logger masks configured secrets wherever they appear in a line.
import { describe, expect, it } from 'vitest';
import { loadConfig, secretsOf } from '../src/config/env.js';
import { createLogger } from '../src/log.js';

describe('the logger', () => {
  it('masks every configured secret, also inside error text and nested fields', () => {
    const config = loadConfig({
      CHATWOOT_URL: 'http://127.0.0.1:1',
      CHATWOOT_BOT_TOKEN: 'bot-token-abcdef123',
      CHATWOOT_API_TOKEN: 'user-token-"quoted"-456',
      CHATWOOT_WEBHOOK_SECRET: 'webhook-secret-789',
      OPENAI_API_KEY: 'sk-test-key-000111',
      ADMIN_TOKEN: 'admin-token-222333444',
    });
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l), secretsOf(config));
    log.error('request failed', {
      error: 'Request failed: api_access_token=bot-token-abcdef123',
      config: { headers: { api_access_token: 'user-token-"quoted"-456', authorization: 'Bearer sk-test-key-000111' } },
      secret: 'webhook-secret-789 and admin-token-222333444',
    });
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    for (const secret of ['bot-token-abcdef123', 'user-token-', 'sk-test-key-000111', 'webhook-secret-789', 'admin-token-222333444']) {
      expect(line).not.toContain(secret);
    }
    const parsed = JSON.parse(line) as { error: string; config: { headers: Record<string, string> } };
    expect(parsed.error).toBe('Request failed: api_access_token=[redacted]');
    expect(parsed.config.headers).toEqual({ api_access_token: '[redacted]', authorization: 'Bearer [redacted]' });
  });

  it('leaves lines alone when there are no secrets, and writes nothing below its level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    log.info('hidden');
    log.warn('shown', { n: 1 });
    expect(lines.map((l) => JSON.parse(l) as { msg: string; n: number })).toMatchObject([{ msg: 'shown', n: 1 }]);
  });
});
