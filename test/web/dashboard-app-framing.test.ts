// Only the configured Chatwoot may frame the dashboard app and tell it which conversation it shows (SPEC 5, README):
// the CSP's frame-ancestors names Chatwoot's origin, and the page takes `appContext` only from the origins it is given.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { isEmbedder } from '../../src/web/ui/embedders.js';
import { type Harness, startHarness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const directive = (csp: string, name: string) => csp.split(';').find((d) => d.startsWith(`${name} `));

describe('framing the dashboard app', () => {
  it('lets only the configured Chatwoot frame it, and tells the page that origin', async () => {
    h = await startHarness();
    const origin = new URL(h.fake!.url).origin;
    const res = await request(h.jawab.http).get('/app?account=1&sig=x').expect(200);
    const csp = res.headers['content-security-policy']!;
    expect(directive(csp, 'frame-ancestors')).toBe(`frame-ancestors ${origin}`);
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain(`<meta name="jawab-embedders" content="${origin}">`);
    expect(res.text).toContain('<script type="module" src="/static/ui/app.js"></script>');
  });

  it('with the sandbox helpdesk, lets pages on this machine frame it', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const res = await request(h.jawab.http).get('/app').expect(200);
    expect(directive(res.headers['content-security-policy']!, 'frame-ancestors')).toBe('frame-ancestors http://localhost:* http://127.0.0.1:*');
    expect(res.text).toContain('<meta name="jawab-embedders" content="http://localhost:* http://127.0.0.1:*">');
    // The settings page keeps its own policy: only Jawab itself may frame it.
    expect(directive((await request(h.jawab.http).get('/')).headers['content-security-policy']!, 'frame-ancestors')).toBe("frame-ancestors 'self'");
  });

  it('takes appContext only from an allowed origin', () => {
    const chatwoot = ['https://chat.example.com'];
    expect(isEmbedder('https://chat.example.com', chatwoot)).toBe(true);
    expect(isEmbedder('https://chat.example.com.evil.test', chatwoot)).toBe(false);
    expect(isEmbedder('http://chat.example.com', chatwoot)).toBe(false);
    expect(isEmbedder('https://evil.test', chatwoot)).toBe(false);
    expect(isEmbedder('null', chatwoot)).toBe(false);
    const local = ['http://localhost:*', 'http://127.0.0.1:*'];
    expect(isEmbedder('http://localhost:3000', local)).toBe(true);
    expect(isEmbedder('http://127.0.0.1:41234', local)).toBe(true);
    expect(isEmbedder('http://localhost.evil.test:80', local)).toBe(false);
    expect(isEmbedder('http://localhost:3000.evil.test', local)).toBe(false);
    expect(isEmbedder('https://evil.test', [])).toBe(false);
  });
});
