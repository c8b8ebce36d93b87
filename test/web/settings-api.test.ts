// Draft and publish through the admin API: only published settings reach customers; validation names the field.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function askForHuman(harness: Harness): Promise<string[]> {
  const sandbox = harness.jawab.sandbox!;
  const c = sandbox.startConversation({ name: 'Ani' });
  await sandbox.customerSays(c.id, 'I want to talk to a human please');
  await harness.settle();
  return sandbox.conversation(c.id).messages.filter((m) => m.from === 'bot' && !m.private).map((m) => m.content);
}

describe('settings draft and publish', () => {
  it('keeps a saved draft away from customers until it is published', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    const draft = (await api.get('/api/settings/draft').set(auth).expect(200)).body;
    expect(draft.differs).toBe(false);
    draft.settings.defaultProfile.handoff.message = 'Sebentar, tim kami segera membantu.';
    const saved = await api.put('/api/settings/draft').set(auth).send(draft.settings).expect(200);
    expect(saved.body.differs).toBe(true);

    expect(await askForHuman(h)).not.toContain('Sebentar, tim kami segera membantu.');
    expect((await api.get('/api/settings').set(auth).expect(200)).body.defaultProfile.handoff.message).toBe('');

    const published = await api.post('/api/settings/publish').set(auth).expect(200);
    expect(published.body.defaultProfile.handoff.message).toBe('Sebentar, tim kami segera membantu.');
    expect((await api.get('/api/settings/draft').set(auth)).body.differs).toBe(false);
    expect(await askForHuman(h)).toContain('Sebentar, tim kami segera membantu.');
  });

  it('answers 422 with the dotted path of every wrong field and keeps the draft as it was', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    const { settings } = (await api.get('/api/settings/draft').set(auth)).body;
    settings.inboxes = { 7: { ...settings.defaultProfile, persona: { ...settings.defaultProfile.persona, tone: 'rude' } } };
    settings.defaultProfile.persona.role = 'x'.repeat(1501);
    const res = await api.put('/api/settings/draft').set(auth).send(settings).expect(422);
    expect(res.body.error.code).toBe('invalid_settings');
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['defaultProfile.persona.role', 'inboxes.7.persona.tone']);
    expect(res.body.error.fields[0].message).toMatch(/1500/);
    // With what a page needs to say it in its reader's words.
    const byPath = Object.fromEntries(res.body.error.fields.map((f: { path: string }) => [f.path, f]));
    expect(byPath['defaultProfile.persona.role']).toMatchObject({ code: 'too_long', params: { max: 1500, of: 'string' } });
    expect(byPath['inboxes.7.persona.tone']).toMatchObject({ code: 'not_a_choice', params: { choices: expect.stringContaining('friendly') } });
    expect((await api.get('/api/settings/draft').set(auth)).body).toMatchObject({ differs: false, savedAt: null });
  });

  it('discards a draft, and PUT /api/settings still publishes at once', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    const { settings } = (await api.get('/api/settings/draft').set(auth)).body;
    await api.put('/api/settings/draft').set(auth).send({ ...settings, enabled: false }).expect(200);
    const discarded = await api.delete('/api/settings/draft').set(auth).expect(200);
    expect(discarded.body).toMatchObject({ differs: false, settings: { enabled: true } });
    await api.put('/api/settings').set(auth).send({ ...settings, defaultProfile: { ...settings.defaultProfile, replyDelaySeconds: 9 } }).expect(200);
    expect(h.jawab.settings.get().defaultProfile.replyDelaySeconds).toBe(9);
    await api.get('/api/settings/draft').expect(401);
  });

  it('serves the JSON Schema the page renders from', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const schema = (await request(h.jawab.http).get('/api/settings/schema').set(auth).expect(200)).body;
    expect(schema.properties.defaultProfile.properties.persona.properties.role.maxLength).toBe(1500);
    expect(schema.properties.defaultProfile.properties.persona.properties.tone.enum).toEqual(['casual', 'friendly', 'professional']);
  });
});
