// The playground runs the full engine on a sandbox of its own, with the draft settings, also when Jawab serves a
// real Chatwoot (here the fake one): it must never send a request there.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { actionText } from '../../src/web/action-lines.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => h?.close());
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('POST /api/playground', () => {
  it('answers from knowledge, then hands off with every action listed, with the draft settings and without touching Chatwoot', async () => {
    h = await startHarness();
    const api = request(h.jawab.http);
    const { settings } = (await api.get('/api/settings/draft').set(auth)).body;
    settings.defaultProfile.handoff.message = 'Draft handover message.';
    settings.defaultProfile.handoff.labels = ['jawab-handoff', 'playground'];
    await api.put('/api/settings/draft').set(auth).send(settings).expect(200);

    const res = await api.post('/api/playground').set(auth).send({ messages: ['berapa lama pengiriman ke Surabaya?', 'saya mau bicara dengan manusia'] }).expect(200);
    const [answer, handoff] = res.body.steps;
    expect(answer.customer).toBe('berapa lama pengiriman ke Surabaya?');
    expect(answer.messages).toEqual([{ content: expect.stringContaining('Surabaya'), private: false }]);
    // The regions list says Surabaya is 2–3 working days; the rate table's row on another page adds nothing asked for.
    expect(answer.messages[0].content).toBe('Jakarta, Surabaya dan kota lain di Pulau Jawa: 2–3 hari kerja.');
    expect(answer.decisions).toEqual([
      { what: 'reply', why: 'answered from knowledge (offline)', because: { code: 'answered', params: { mode: 'offline' }, rules: [] }, sources: [expect.objectContaining({ source: 'id/pengiriman.md' })] },
    ]);
    expect(answer.actions).toEqual([{ kind: 'reply', detail: 'Jakarta, Surabaya dan kota lain di Pulau Jawa: 2–3 hari kerja.' }]);

    expect(handoff.messages.map((m: { content: string; private: boolean }) => [m.private, m.content.split('\n')[0]])).toEqual([
      [false, 'Draft handover message.'],
      [true, 'Diserahkan ke tim: pelanggan minta bicara dengan orang.'],
    ]);
    expect(handoff.decisions[0]).toMatchObject({ what: 'handoff', handoff: 'asked_for_human', because: { code: 'handoff', reason: 'asked_for_human' } });
    expect(handoff.actions.map(actionText)).toEqual([
      'reply: Draft handover message.',
      'private note: Diserahkan ke tim: pelanggan minta bicara dengan orang.',
      'add labels: jawab-handoff, playground',
      'assign: least busy online agent',
      'status: open',
      'conversation attributes: {"jawab_owner":"human"}',
    ]);
    expect(res.body.conversation).toEqual({ status: 'open', owner: 'human', labels: ['jawab-handoff', 'playground'], assignee: 'Sari (CS)', priority: null });

    expect(h.fake!.requests).toEqual([]);
    expect(h.jawab.settings.get().defaultProfile.handoff.message).toBe('');
  });

  it('continues a conversation, and refuses an unknown one and an empty message', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    const first = await api.post('/api/playground').set(auth).send({ messages: ['How do I wash a batik shirt?'] }).expect(200);
    const next = await api.post('/api/playground').set(auth).send({ conversationId: first.body.conversationId, messages: ['and the price of a batik shirt?'] }).expect(200);
    expect(next.body.conversationId).toBe(first.body.conversationId);
    expect(next.body.steps).toHaveLength(1);
    // The playground's conversations live in its own sandbox, not the one /api/sandbox drives.
    expect(h.jawab.sandbox!.has(first.body.conversationId)).toBe(false);
    await api.post('/api/playground').set(auth).send({ conversationId: 999, messages: ['hi'] }).expect(404);
    const empty = await api.post('/api/playground').set(auth).send({ messages: ['  '] }).expect(400);
    expect(empty.body.error.message).toBe('messages.0: a message cannot be empty');
    await api.post('/api/playground').send({ messages: ['hi'] }).expect(401);
  });
});

describe('GET /api/playground/:id/view', () => {
  it('is the dashboard app’s view of a playground conversation: owner, last answer, handoff summary', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    const res = await api.post('/api/playground').set(auth).send({ messages: ['berapa lama pengiriman ke Surabaya?', 'saya mau bicara dengan manusia'] }).expect(200);
    const view = (await api.get(`/api/playground/${res.body.conversationId}/view`).set(auth).expect(200)).body;
    expect(view).toMatchObject({
      owner: 'human',
      lastAnswer: { why: 'answered from knowledge (offline)' },
      handoff: { reasonKey: 'asked_for_human', customerSaid: ['berapa lama pengiriman ke Surabaya?', 'saya mau bicara dengan manusia'] },
    });
    expect(view.key).toMatch(/^\d+-\d+$/);
    await api.get('/api/playground/999999/view').set(auth).expect(404);
    await api.get(`/api/playground/${res.body.conversationId}/view`).expect(401);
  });
});
