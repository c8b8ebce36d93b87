// The first-run checklist's state, read from what Jawab has: the helpdesk (sandbox or Chatwoot), knowledge sources,
// playground chats, and whether anyone published the settings.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('GET /api/setup', () => {
  it('starts with nothing done in the sandbox, and sees the playground used and the settings published', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    expect((await api.get('/api/setup').set(auth).expect(200)).body).toEqual({ helpdesk: 'sandbox', sources: 0, playgroundChats: 0, published: false });
    await api.post('/api/playground').set(auth).send({ messages: ['halo kak'] }).expect(200);
    const { settings } = (await api.get('/api/settings/draft').set(auth)).body;
    await api.put('/api/settings').set(auth).send({ ...settings, defaultProfile: { ...settings.defaultProfile, replyDelaySeconds: 2 } }).expect(200);
    expect((await api.get('/api/setup').set(auth).expect(200)).body).toEqual({ helpdesk: 'sandbox', sources: 0, playgroundChats: 1, published: true });
    await api.get('/api/setup').expect(401);
  });

  it('says Chatwoot when connected to one', async () => {
    h = await startHarness();
    expect((await request(h.jawab.http).get('/api/setup').set(auth).expect(200)).body.helpdesk).toBe('chatwoot');
  });
});
