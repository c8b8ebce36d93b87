// The custom attributes the rules editor offers for `ask_for`: read from Chatwoot with the administrator token (its
// profile's account, then contact and conversation definitions; every request checked against the OpenAPI
// document), or the sandbox's own; a Chatwoot that does not answer is a clear 502, not a broken page.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, calls, type Harness, startHarness } from '../helpers/harness.js';

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('GET /api/custom-attributes', () => {
  it('lists Chatwoot’s contact and conversation attributes by display name, with their pattern and list values', async () => {
    h = await startHarness();
    h.fake!.clearRequests();
    const res = await request(h.jawab.http).get('/api/custom-attributes').set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      attributes: [
        { key: 'company', name: 'Company', on: 'contact' },
        { key: 'plan', name: 'Plan', on: 'contact', values: ['Basic', 'Pro'] },
        { key: 'order_number', name: 'Order number', on: 'conversation', pattern: '^INV-\\d+$' },
      ],
    });
    expect(calls(h.fake!)).toEqual([
      'GET /api/v1/profile user',
      'GET /api/v1/accounts/1/custom_attribute_definitions user',
      'GET /api/v1/accounts/1/custom_attribute_definitions user',
    ]);
    expect(h.fake!.requests.slice(1).map((r) => r.query)).toEqual([{ attribute_model: '1' }, { attribute_model: '0' }]);
    h.fake!.assertNoViolations();
  });

  it('answers 502 with what went wrong when Chatwoot refuses', async () => {
    h = await startHarness();
    h.fake!.inject({ method: 'GET', path: '/api/v1/profile' }, { kind: 'status', status: 403 });
    const res = await request(h.jawab.http).get('/api/custom-attributes').set(auth);
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('helpdesk_unavailable');
    expect(res.body.error.message).toMatch(/^Chatwoot did not list its custom attributes: /);
  });

  it('the sandbox helpdesk lists its own', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const res = await request(h.jawab.http).get('/api/custom-attributes').set(auth);
    expect(res.body).toEqual({
      attributes: [
        { key: 'company', name: 'Company', on: 'contact' },
        { key: 'order_number', name: 'Order number', on: 'conversation', pattern: '\\bINV-\\d{4,}\\b' },
      ],
    });
  });

  it('needs the admin token', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    expect((await request(h.jawab.http).get('/api/custom-attributes')).status).toBe(401);
  });
});
