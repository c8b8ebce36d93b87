// The dashboard app's API is authorised by signed links (app-link.ts): the account link buys a ticket for one
// conversation of its account; the ticket works for that conversation only, and not after it expires.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { AppLinks, TICKET_TTL_MS } from '../../src/web/app-link.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const links = new AppLinks(ADMIN_TOKEN);
const sigOf = (account: number) => new URLSearchParams(links.accountLinkPath(account).split('?')[1]).get('sig')!;

async function conversationHandedOff(harness: Harness): Promise<number> {
  const sandbox = harness.jawab.sandbox!;
  const c = sandbox.startConversation({ name: 'Ani' });
  await sandbox.customerSays(c.id, 'berapa lama pengiriman ke Surabaya?');
  await harness.settle();
  await sandbox.customerSays(c.id, 'What is the weather on Mars tomorrow?');
  await harness.settle();
  return c.id;
}

describe('the dashboard app', () => {
  it('shows owner, why and the handoff summary, and its buttons change the owner', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const id = await conversationHandedOff(h);
    const api = request(h.jawab.http);
    const session = await api.post('/app/api/session').send({ account: 1, sig: sigOf(1), inboxId: 1, conversationId: id }).expect(200);
    expect(session.body.key).toBe(`1-${id}`);
    const ticket = { authorization: `Ticket ${session.body.ticket}` };

    const view = await api.get(`/app/api/conversations/1-${id}`).set(ticket).expect(200);
    expect(view.body).toMatchObject({ owner: 'human', status: 'open', lastAnswer: { why: 'answered from knowledge (offline)', because: { code: 'answered', params: { mode: 'offline' } } } });
    expect(view.body.lastAnswer.sources[0].source).toBe('id/pengiriman.md');
    expect(view.body.handoff).toMatchObject({
      reason: 'nothing relevant was found in the knowledge',
      // For the page to name in its language (reason.no_answer).
      reasonKey: 'no_answer',
      customerSaid: ['berapa lama pengiriman ke Surabaya?', 'What is the weather on Mars tomorrow?'],
      jawabSaid: [expect.stringContaining('Surabaya')],
    });

    // "Return to AI" puts the conversation back in the bot's queue (pending), "Take over" in the agents' (open);
    // "Stop" finds it open already.
    expect((await api.post(`/app/api/conversations/1-${id}/resume`).set(ticket).expect(200)).body.owner).toBe('ai');
    await h.settle();
    expect(h.jawab.sandbox!.conversation(id).status).toBe('pending');
    expect((await api.post(`/app/api/conversations/1-${id}/take-over`).set(ticket).expect(200)).body.owner).toBe('human');
    await h.settle();
    expect(h.jawab.sandbox!.conversation(id).status).toBe('open');
    expect((await api.post(`/app/api/conversations/1-${id}/stop`).set(ticket).expect(200)).body.owner).toBe('stopped');
    await h.settle();
    expect(h.jawab.sandbox!.conversation(id).status).toBe('open');
    const audit = (await api.get(`/app/api/conversations/1-${id}`).set(ticket)).body.audit.map((a: { what: string; why: string }) => `${a.what} (${a.why})`);
    expect(audit.slice(-8)).toEqual([
      'owner human -> ai (resume by dashboard app)',
      'applied set_status (ok)',
      'applied set_conversation_attributes (ok)',
      'owner ai -> human (take over by dashboard app)',
      'applied set_status (ok)',
      'applied set_conversation_attributes (ok)',
      'owner human -> stopped (stop by dashboard app)',
      'applied set_conversation_attributes (ok)',
    ]);
    expect(h.jawab.sandbox!.conversation(id).customAttributes).toEqual({ jawab_owner: 'stopped' });
    // The page itself is served to Chatwoot's iframe.
    expect((await api.get('/app').expect(200)).text).toContain('/static/ui/app.js');
  });

  it('refuses a forged link, another account, another conversation and the admin token', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const id = await conversationHandedOff(h);
    const api = request(h.jawab.http);
    await api.post('/app/api/session').send({ account: 1, sig: sigOf(2), inboxId: 1, conversationId: id }).expect(401);
    await api.post('/app/api/session').send({ account: 2, sig: sigOf(2), inboxId: 1, conversationId: id }).expect(404);
    await api.post('/app/api/session').send({ account: 1, sig: new AppLinks('another-admin-token-123456').accountLinkPath(1).split('sig=')[1], inboxId: 1, conversationId: id }).expect(401);
    const { ticket } = (await api.post('/app/api/session').send({ account: 1, sig: sigOf(1), inboxId: 1, conversationId: id }).expect(200)).body;
    await api.get(`/app/api/conversations/1-${id + 1}`).set({ authorization: `Ticket ${ticket}` }).expect(401);
    await api.post(`/app/api/conversations/1-${id + 1}/take-over`).set({ authorization: `Ticket ${ticket}` }).expect(401);
    await api.get(`/app/api/conversations/1-${id}`).set({ authorization: `Ticket ${ticket}x` }).expect(401);
    await api.get(`/app/api/conversations/1-${id}`).set({ authorization: `Bearer ${ADMIN_TOKEN}` }).expect(401);
  });

  it('lets a ticket expire', () => {
    const issued = links.issueTicket(1, '1-5', 1_000);
    expect(links.verifyTicket(issued.token, '1-5', 1_000 + TICKET_TTL_MS - 1)).toEqual({ accountId: 1, key: '1-5', expiresAt: 1_000 + TICKET_TTL_MS });
    expect(links.verifyTicket(issued.token, '1-5', 1_000 + TICKET_TTL_MS)).toBeNull();
    // Changing the expiry breaks the signature.
    const forged = issued.token.replace(String(issued.expiresAt), String(issued.expiresAt + 3_600_000));
    expect(links.verifyTicket(forged, '1-5', 2_000)).toBeNull();
  });

  it('gives admins the link to configure in Chatwoot', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const res = await request(h.jawab.http).get('/api/dashboard-app/link?account=3').set({ authorization: `Bearer ${ADMIN_TOKEN}`, host: 'jawab.example.com' }).expect(200);
    expect(res.body.url).toBe(`http://jawab.example.com/app?account=3&sig=${sigOf(3)}`);
  });
});
