// A Chatwoot Help Center portal as a knowledge source: listed by name through the admin API (the administrator's
// token), added in one step, its public pages crawled within the portal (the fake Chatwoot serves them on 127.0.0.1
// and checks every request, API or page), and its articles answer a customer. The sandbox has a portal of its own.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

let h: Harness;
afterEach(async () => h?.close());

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
const WORKSHOP = 'We hold a batik-making workshop every Saturday at 10:00 in our Yogyakarta studio. A class takes 3 hours and costs Rp 250.000 per person, canting, wax and cloth included.';

describe('a Help Center portal as a knowledge source', () => {
  it('lists the portals by name, crawls the one added within the portal, and answers from its articles', async () => {
    h = await startHarness();
    h.fake!.seedPortal({
      slug: 'bantuan', name: 'Bantuan Toko Batik', accountId: 1, locale: 'en',
      articles: [
        { slug: 'batik-workshop', title: 'Batik workshop classes', body: WORKSHOP, category: 'Classes' },
        { slug: 'wholesale', title: 'Wholesale orders', body: 'Shops that order 50 pieces or more get a 20% wholesale discount.', category: 'Orders' },
      ],
    });
    h.fake!.seedPortal({ slug: 'old', name: 'Old portal', accountId: 1, locale: 'en', archived: true, articles: [] });
    const api = request(h.jawab.http);

    const listed = await api.get('/api/knowledge/portals').set(bearer).expect(200);
    expect(listed.body).toEqual({ portals: [{ slug: 'bantuan', name: 'Bantuan Toko Batik', accountId: 1 }] });
    expect(h.fake!.requests.map((r) => `${r.method} ${r.path} ${r.token}`)).toEqual(['GET /api/v1/profile user', 'GET /api/v1/accounts/1/portals user']);
    h.fake!.clearRequests();

    const added = await api.post('/api/knowledge/default/sources').set(bearer).send({ type: 'helpcenter', name: 'Bantuan Toko Batik', portal: 'bantuan' }).expect(201);
    expect(added.body).toMatchObject({ type: 'helpcenter', portal: 'bantuan', state: 'enabled', resyncHours: 24, status: { errors: [] } });
    // Home, two category pages, two articles; never the app's login or another portal the pages link to.
    expect(added.body.status.documents).toBe(5);
    const pages = h.fake!.requests.map((r) => `${r.path} ${r.token}`);
    expect(new Set(pages)).toEqual(new Set([
      '/robots.txt none',
      '/hc/bantuan none',
      '/hc/bantuan/en/categories/classes none',
      '/hc/bantuan/en/categories/orders none',
      '/hc/bantuan/articles/batik-workshop none',
      '/hc/bantuan/articles/wholesale none',
    ]));
    h.fake!.assertNoViolations();

    h.fake!.clearRequests();
    await h.deliver(customerMessage({ id: 1, text: 'How much does the batik workshop class cost?' }));
    await h.settle();
    const reply = h.fake!.requests.find((r) => r.path.endsWith('/messages'))!.body as { content: string; private: boolean };
    expect(reply.private).toBe(false);
    expect(reply.content).toContain('Rp 250.000');

    // Re-synced like a website: an article taken down goes with its category page.
    h.fake!.seedPortal({ slug: 'bantuan', name: 'Bantuan Toko Batik', accountId: 1, locale: 'en', articles: [
      { slug: 'batik-workshop', title: 'Batik workshop classes', body: WORKSHOP, category: 'Classes' },
    ] });
    const synced = await api.post(`/api/knowledge/default/sources/${added.body.id}/sync`).set(bearer).expect(200);
    expect(synced.body.status.documents).toBe(3);
    h.fake!.assertNoViolations();
  });

  it('says so when Chatwoot cannot list the portals', async () => {
    h = await startHarness();
    h.fake!.inject({ path: '/api/v1/profile' }, { kind: 'status', status: 403 });
    const answer = await request(h.jawab.http).get('/api/knowledge/portals').set(bearer).expect(502);
    expect(answer.body.error).toEqual({ code: 'helpdesk', message: expect.stringMatching(/^Chatwoot did not list its Help Center portals: GET \/api\/v1\/profile answered 403/) });
  });

  it('offers the sandbox its own portal, whose articles answer in the playground helpdesk', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    const listed = await api.get('/api/knowledge/portals').set(bearer).expect(200);
    expect(listed.body.portals).toEqual([{ slug: 'batik-help', name: 'Batik Nusantara Help Center', accountId: 1 }]);
    const added = await api.post('/api/knowledge/default/sources').set(bearer).send({ type: 'helpcenter', name: 'Batik Nusantara Help Center', portal: 'batik-help' }).expect(201);
    expect(added.body.status).toMatchObject({ documents: 2, errors: [] });
    const sandbox = h.jawab.sandbox!;
    const c = sandbox.startConversation({ name: 'Dewi' });
    await sandbox.customerSays(c.id, 'berapa biaya kelas membatik?');
    await h.settle();
    const replies = sandbox.conversation(c.id).messages.filter((m) => m.from === 'bot').map((m) => m.content);
    expect(replies).toEqual([expect.stringContaining('Rp 250.000')]);
  });
});
