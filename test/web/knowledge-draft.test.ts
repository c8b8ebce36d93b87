// Knowledge sources act at once on the published settings; a draft in progress must follow them, so that publishing
// it later neither brings back a deleted source nor undoes a disable, and keeps the draft's other edits.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const snippets = { type: 'snippets', name: 'Vouchers', snippets: [{ kind: 'qa', question: 'Do you sell gift vouchers?', answer: 'Yes, from Rp 100.000.' }] };

describe('knowledge sources and the settings draft', () => {
  it('carries sources added, disabled and deleted through /api/knowledge into a draft in progress', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    const draft = (await api.get('/api/settings/draft').set(auth).expect(200)).body.settings;
    draft.defaultProfile.handoff.message = 'Sebentar ya.';
    draft.inboxes['5'] = structuredClone(draft.defaultProfile);
    await api.put('/api/settings/draft').set(auth).send(draft).expect(200);

    const added = (await api.post('/api/knowledge/default/sources').set(auth).send(snippets).expect(201)).body;
    const kept = (await api.post('/api/knowledge/default/sources').set(auth).send({ ...snippets, name: 'Kept' }).expect(201)).body;
    await api.post(`/api/knowledge/default/sources/${kept.id}/disable`).set(auth).expect(200);
    const inDraft = (await api.get('/api/settings/draft').set(auth)).body;
    expect(inDraft.differs).toBe(true);
    expect(inDraft.settings.defaultProfile.handoff.message).toBe('Sebentar ya.');
    expect(inDraft.settings.defaultProfile.knowledge.sources.map((s: { id: string; state: string }) => [s.id, s.state])).toEqual([
      [added.id, 'enabled'],
      [kept.id, 'disabled'],
    ]);
    // An inbox profile that exists only in the draft keeps its own (copied) sources.
    expect(inDraft.settings.inboxes['5'].knowledge.sources).toEqual([]);

    await api.delete(`/api/knowledge/default/sources/${added.id}`).set(auth).expect(204);
    const published = (await api.post('/api/settings/publish').set(auth).expect(200)).body;
    expect(published.defaultProfile.handoff.message).toBe('Sebentar ya.');
    expect(published.defaultProfile.knowledge.sources).toEqual([{ ...snippets, name: 'Kept', id: kept.id, state: 'disabled' }]);
    expect(Object.keys(published.inboxes)).toEqual(['5']);
  });

  it('publishes source changes without creating a draft when there is none', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    await api.post('/api/knowledge/default/sources').set(auth).send(snippets).expect(201);
    const draft = (await api.get('/api/settings/draft').set(auth)).body;
    expect(draft.differs).toBe(false);
    expect(draft.savedAt).toBeNull();
    expect(draft.settings.defaultProfile.knowledge.sources).toHaveLength(1);
  });
});
