// GET /api/conversations/:id and its take-over / resume / stop (SPEC 5), with the Bearer admin token, against the
// fake Chatwoot: `:id` is the Chatwoot conversation id (its inbox asked from Chatwoot) or `<inbox id>-<conversation id>`.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedAnswerer } from '../helpers/answerers.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

let h: Harness;
afterEach(async () => h?.close());

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
const CONV = '/api/v1/accounts/1/conversations/42';

/** Conversation 42 of inbox 3 (account 1), answered once by Jawab; the fake's request log starts empty. */
async function answeredConversation(): Promise<Harness> {
  h = await startHarness({ answerer: fixedAnswerer() });
  h.fake!.seedConversation(1, 42, { inboxId: 3 });
  await h.deliver(customerMessage({ id: 9301, text: 'When do you open?' }));
  await h.settle();
  h.fake!.requests.length = 0;
  return h;
}

describe('/api/conversations/:id', () => {
  it('shows a conversation by its Chatwoot id, asking Chatwoot for its inbox', async () => {
    const harness = await answeredConversation();
    const api = request(harness.jawab.http);
    for (const path of ['/api/conversations/42', '/api/conversations/42?account=1']) {
      const res = await api.get(path).set(bearer).expect(200);
      expect(res.body).toMatchObject({ key: '3-42', owner: 'ai', botReplies: 1, pending: 0, outbox: 0 });
      expect(res.body.audit.length).toBeGreaterThan(0);
    }
    expect(harness.fake!.requests.map((r) => `${r.method} ${r.path} ${r.token}`)).toEqual([`GET ${CONV} user`, `GET ${CONV} user`]);
    // The key form, documented before, still works and asks Chatwoot nothing.
    expect((await api.get('/api/conversations/3-42').set(bearer).expect(200)).body).toMatchObject({ key: '3-42', owner: 'ai' });
    expect(harness.fake!.requests).toHaveLength(2);
    harness.fake!.assertNoViolations();
  });

  it('takes over, resumes and stops, and records who did it', async () => {
    const harness = await answeredConversation();
    const api = request(harness.jawab.http);
    expect((await api.post('/api/conversations/42/take-over').set(bearer).expect(200)).body).toEqual({ key: '3-42', owner: 'human' });
    expect((await api.post('/api/conversations/42/resume?account=1').set(bearer).expect(200)).body).toEqual({ key: '3-42', owner: 'ai' });
    expect((await api.post('/api/conversations/3-42/stop').set(bearer).expect(200)).body).toEqual({ key: '3-42', owner: 'stopped' });
    await harness.settle();
    const audit = (await api.get('/api/conversations/42').set(bearer).expect(200)).body.audit as Array<{ what: string; why: string }>;
    expect(audit.slice(-9).map((a) => `${a.what} (${a.why})`)).toEqual([
      'owner ai -> human (take over by admin API)',
      'applied set_status (ok)',
      'applied set_conversation_attributes (ok)',
      'owner human -> ai (resume by admin API)',
      'applied set_status (ok)',
      'applied set_conversation_attributes (ok)',
      'owner ai -> stopped (stop by admin API)',
      'applied set_status (ok)',
      'applied set_conversation_attributes (ok)',
    ]);
    // Agent-bot mode: each command moves the status with the owner (open for people, pending for the bot), as the bot.
    const toggles = harness.fake!.requests.filter((r) => r.path === `${CONV}/toggle_status`);
    expect(toggles.map((r) => `${r.token} ${JSON.stringify(r.body)}`)).toEqual(['bot {"status":"open"}', 'bot {"status":"pending"}', 'bot {"status":"open"}']);
    expect((await harness.jawab.store.read('3-42'))?.state).toMatchObject({ owner: 'stopped', status: 'open' });
    harness.fake!.assertNoViolations();
  });

  it('answers 404 for a conversation Chatwoot or Jawab does not know, and 400 for a malformed id', async () => {
    const harness = await answeredConversation();
    const api = request(harness.jawab.http);
    harness.fake!.inject({ method: 'GET', path: '/api/v1/accounts/1/conversations/99' }, { kind: 'status', status: 404 }, 2);
    for (const res of [await api.get('/api/conversations/99').set(bearer), await api.post('/api/conversations/99/stop').set(bearer)]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'Chatwoot has no conversation 99 in account 1' } });
    }
    // Chatwoot has conversation 77 (in inbox 1), Jawab never saw it; conversation 42 of account 2 is not account 1's.
    for (const res of [
      await api.get('/api/conversations/77').set(bearer),
      await api.post('/api/conversations/77/take-over').set(bearer),
      await api.post('/api/conversations/42/stop?account=2').set(bearer),
      await api.get('/api/conversations/5-42').set(bearer),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'Jawab has not seen this conversation' } });
    }
    for (const path of ['/api/conversations/abc', '/api/conversations/42?account=zero']) {
      expect((await api.get(path).set(bearer).expect(400)).body.error.code).toBe('bad_id');
    }
    expect((await api.post('/api/conversations/42/pause').set(bearer).expect(404)).body.error.code).toBe('unknown_command');
    expect((await harness.jawab.store.read('3-42'))?.state?.owner).toBe('ai');
  });

  it('refuses every call without the admin token', async () => {
    const harness = await answeredConversation();
    const api = request(harness.jawab.http);
    const unauthorised = { error: { code: 'unauthorized', message: 'send Authorization: Bearer <ADMIN_TOKEN>' } };
    expect((await api.get('/api/conversations/42').expect(401)).body).toEqual(unauthorised);
    for (const command of ['take-over', 'resume', 'stop']) {
      expect((await api.post(`/api/conversations/42/${command}`).expect(401)).body).toEqual(unauthorised);
    }
    expect((await api.get('/api/conversations/3-42').set({ authorization: 'Bearer not-the-admin-token-000' }).expect(401)).body).toEqual(unauthorised);
    expect(harness.fake!.requests).toEqual([]);
    expect((await harness.jawab.store.read('3-42'))?.state?.owner).toBe('ai');
  });
});
