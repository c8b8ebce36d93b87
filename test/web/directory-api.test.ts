// The agents, teams, inboxes and labels the settings page picks by name: read from Chatwoot with the administrator
// token (every request checked against the OpenAPI document), kept a few minutes, read again on ?refresh=1; the
// sandbox has its own; a Chatwoot that does not answer is a clear 502 (the page falls back to typed ids).
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, calls, type Harness, startHarness } from '../helpers/harness.js';

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const READS = ['GET /api/v1/profile user', 'GET /api/v1/accounts/1/agents user', 'GET /api/v1/accounts/1/teams user', 'GET /api/v1/accounts/1/inboxes user', 'GET /api/v1/accounts/1/labels user'];

describe('GET /api/directory', () => {
  it('lists Chatwoot’s agents, teams, inboxes and labels by name, once for a while, again on refresh', async () => {
    h = await startHarness();
    h.fake!.clearRequests();
    const api = request(h.jawab.http);
    const first = await api.get('/api/directory').set(auth).expect(200);
    expect(first.body).toMatchObject({
      agents: [{ id: 1, name: 'Ayu Lestari' }, { id: 2, name: 'Budi Santoso' }, { id: 3, name: 'Citra Dewi' }],
      teams: [{ id: 1, name: 'Support' }, { id: 2, name: 'Sales' }],
      inboxes: [{ id: 1, name: 'Website' }, { id: 3, name: 'WhatsApp Toko' }],
      labels: [],
      readAt: expect.any(String),
    });
    expect(calls(h.fake!).sort()).toEqual([...READS].sort());
    await api.get('/api/directory').set(auth).expect(200);
    expect(calls(h.fake!)).toHaveLength(5);
    await api.get('/api/directory?refresh=1').set(auth).expect(200);
    expect(calls(h.fake!)).toHaveLength(10);
    h.fake!.assertNoViolations();
    await api.get('/api/directory').expect(401);
  });

  it('answers 502 with what went wrong when Chatwoot refuses', async () => {
    h = await startHarness();
    h.fake!.inject({ method: 'GET', path: '/api/v1/accounts/1/teams' }, { kind: 'status', status: 403 });
    const res = await request(h.jawab.http).get('/api/directory').set(auth).expect(502);
    expect(res.body.error.code).toBe('helpdesk_unavailable');
    expect(res.body.error.message).toContain('403');
  });

  it('has the sandbox’s own lists without Chatwoot', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const res = await request(h.jawab.http).get('/api/directory').set(auth).expect(200);
    expect(res.body).toMatchObject({
      agents: [{ id: 1, name: 'Sari (CS)' }, { id: 2, name: 'Budi (CS)' }, { id: 3, name: 'Rina (Billing)' }],
      teams: [{ id: 1, name: 'Customer service' }, { id: 2, name: 'Billing' }],
      inboxes: [{ id: 1, name: 'Sandbox' }],
      labels: ['complaint', 'order', 'refund', 'reseller', 'vip'],
    });
  });
});
