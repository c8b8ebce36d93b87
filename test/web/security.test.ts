// Security headers and a content security policy on every page and API answer, and a limit on wrong admin tokens.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const api = (path: string, token: string) => request(h.jawab.http).get(path).set('authorization', `Bearer ${token}`);

describe('security headers', () => {
  it('sends a strict content security policy that lets only the Chatwoot in use frame the pages', async () => {
    h = await startHarness();
    for (const path of ['/healthz', '/api/settings', '/no-such-page']) {
      const res = await api(path, ADMIN_TOKEN);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain(`frame-ancestors 'self' ${new URL(h.fake!.url).origin}`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
      // Chatwoot embeds the dashboard app: X-Frame-Options would forbid it, frame-ancestors governs instead.
      expect(res.headers['x-frame-options']).toBeUndefined();
    }
  });

  it('lets nothing frame the pages but Jawab itself when there is no Chatwoot (the sandbox)', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const res = await request(h.jawab.http).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'(;|$)/);
  });
});

describe('the admin token', () => {
  it('refuses a missing or wrong token, then every request from that address after 20 failures', async () => {
    h = await startHarness();
    expect((await request(h.jawab.http).get('/api/settings')).status).toBe(401);
    for (let i = 1; i < 20; i++) {
      const res = await api('/api/settings', `wrong-token-${i}`);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthorized', message: 'send Authorization: Bearer <ADMIN_TOKEN>' } });
    }
    const limited = await api('/api/settings', 'wrong-token-21');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_failures');
    // Guessing the right token now does not help either.
    expect((await api('/api/settings', ADMIN_TOKEN)).status).toBe(429);
  });

  it('does not count an admin’s own mistakes (a refused setting) as failures', async () => {
    h = await startHarness();
    for (let i = 0; i < 25; i++) {
      const res = await request(h.jawab.http)
        .put('/api/settings')
        .set('authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ defaultProfile: { replyDelaySeconds: -1 } });
      expect(res.status).toBe(422);
    }
    expect((await api('/api/settings', ADMIN_TOKEN)).status).toBe(200);
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  /** A request through the proxy for client `client`: the proxy (this test, on 127.0.0.1) names it in X-Forwarded-For. */
  const viaProxy = (client: string, token: string) => api('/api/settings', token).set('x-forwarded-for', client);

  async function lockOut(client: string): Promise<void> {
    for (let i = 1; i <= 20; i++) await viaProxy(client, `wrong-token-${i}`);
    expect((await viaProxy(client, ADMIN_TOKEN)).status).toBe(429);
  }

  it.each(['1', '127.0.0.1', 'loopback', '127.0.0.0/8, ::1'])('with TRUST_PROXY=%s, 20 wrong tokens lock out that client only, not every admin behind the proxy', async (TRUST_PROXY) => {
    h = await startHarness({ helpdesk: 'sandbox', env: { TRUST_PROXY } });
    await lockOut('203.0.113.5');
    expect((await viaProxy('203.0.113.6', ADMIN_TOKEN)).status).toBe(200);
    // The settings history names the real client as well.
    await request(h.jawab.http).patch('/api/settings').set('authorization', `Bearer ${ADMIN_TOKEN}`).set('x-forwarded-for', '198.51.100.7').send({ enabled: false }).expect(200);
    expect((await h.jawab.settings.versions())[0]?.by.address).toBe('198.51.100.7');
  });

  it('without it, the proxy is the client: a forged X-Forwarded-For changes nothing', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    await lockOut('203.0.113.5');
    expect((await viaProxy('203.0.113.6', ADMIN_TOKEN)).status).toBe(429);
  });

  it('trusts only the addresses named: a client that is not the proxy cannot pick its own address', async () => {
    h = await startHarness({ helpdesk: 'sandbox', env: { TRUST_PROXY: '10.0.0.0/8' } });
    await lockOut('203.0.113.5');
    expect((await viaProxy('203.0.113.6', ADMIN_TOKEN)).status).toBe(429);
  });
});
