// The history of published settings (issue 15, point 2): the last 20 versions with who/when as the admin API saw
// them, a diff against the current settings, and restoring one; kept across restarts, secrets never shown in full.
import { readdir, readFile } from 'node:fs/promises';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs('jawab-history-');
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const patch = (api: ReturnType<typeof request>, body: unknown, agent = 'history-test/1.0') => api.patch('/api/settings').set(auth).set('user-agent', agent).send(body as object);

describe('the settings history', () => {
  it('lists each published version, newest first, with when, the route, the address and the user agent', async () => {
    const times = [1_700_000_000_000];
    h = await startHarness({ helpdesk: 'sandbox', now: () => times[0]! });
    const api = request(h.jawab.http);
    times[0]! += 1000;
    await patch(api, { defaultProfile: { persona: { name: 'Sari' } } }).expect(200);
    times[0]! += 1000;
    const { settings } = (await api.get('/api/settings/draft').set(auth)).body;
    await api.put('/api/settings/draft').set(auth).send({ ...settings, enabled: false }).expect(200);
    await api.post('/api/settings/publish').set(auth).set('user-agent', 'Mozilla/5.0 page').expect(200);

    const { versions } = (await api.get('/api/settings/history').set(auth).expect(200)).body;
    expect(versions).toEqual([
      { version: 3, at: 1_700_000_002_000, by: { via: 'POST /api/settings/publish', address: expect.stringMatching(/127\.0\.0\.1$/), userAgent: 'Mozilla/5.0 page' }, sameAsCurrent: true },
      { version: 2, at: 1_700_000_001_000, by: { via: 'PATCH /api/settings', address: expect.stringMatching(/127\.0\.0\.1$/), userAgent: 'history-test/1.0' }, sameAsCurrent: false },
      { version: 1, at: 1_700_000_000_000, by: { via: 'found at start' }, sameAsCurrent: false },
    ]);
  });

  it('shows what restoring a version would change, then restores it as a new version', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    await patch(api, { defaultProfile: { persona: { name: 'Sari', dontMention: ['competitor'] } } }).expect(200);
    await patch(api, { defaultProfile: { persona: { name: 'Budi', dontMention: [] }, replyDelaySeconds: 7 } }).expect(200);

    const diff = (await api.get('/api/settings/history/2/diff').set(auth).expect(200)).body;
    expect(diff).toEqual({
      version: 2,
      changes: [
        { path: 'defaultProfile.persona.name', from: 'Budi', to: 'Sari' },
        { path: 'defaultProfile.persona.dontMention.0', to: 'competitor' },
        { path: 'defaultProfile.replyDelaySeconds', from: 7, to: 0 },
      ],
    });

    const restored = await api.post('/api/settings/history/2/restore').set(auth).expect(200);
    expect(restored.body.defaultProfile).toMatchObject({ persona: { name: 'Sari', dontMention: ['competitor'] }, replyDelaySeconds: 0 });
    expect(h.jawab.settings.get().defaultProfile.persona.name).toBe('Sari');
    const { versions } = (await api.get('/api/settings/history').set(auth)).body;
    expect(versions.map((v: { version: number; by: { via: string }; sameAsCurrent: boolean }) => [v.version, v.by.via, v.sameAsCurrent])).toEqual([
      [4, 'restore of version 2', true],
      [3, 'PATCH /api/settings', false],
      [2, 'PATCH /api/settings', true],
      [1, 'found at start', false],
    ]);
    expect((await api.get('/api/settings/history/4/diff').set(auth).expect(200)).body.changes).toEqual([]);
  });

  it('answers 404 for a version it does not have', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    expect((await api.post('/api/settings/history/9/restore').set(auth).expect(404)).body.error.code).toBe('not_found');
    await api.get('/api/settings/history/9').set(auth).expect(404);
    await api.get('/api/settings/history/x/diff').set(auth).expect(404);
  });

  it('keeps the last 20 versions, across a restart', async () => {
    h = await startHarness({ helpdesk: 'sandbox', dataDir: await tempDir() });
    const api = request(h.jawab.http);
    for (let i = 1; i <= 24; i++) await patch(api, { defaultProfile: { replyDelaySeconds: i } }).expect(200);
    const dataDir = h.dataDir;
    await h.close();
    h = await startHarness({ helpdesk: 'sandbox', dataDir, keepSettings: true });
    const { versions } = (await request(h.jawab.http).get('/api/settings/history').set(auth)).body;
    expect(versions.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: 20 }, (_, i) => 25 - i));
    const oldest = (await request(h.jawab.http).get('/api/settings/history/6').set(auth).expect(200)).body;
    expect(oldest.settings.defaultProfile.replyDelaySeconds).toBe(5);
  });

  it('never shows a secret in full, and lists a secret that changed without its values', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    const integration = { name: 'orders', description: 'Order status', baseUrl: 'https://shop.example/api', token: 'first-secret-token-1111' };
    await patch(api, { defaultProfile: { integrations: [integration] } }).expect(200);
    await patch(api, { defaultProfile: { integrations: [{ ...integration, token: 'other-secret-token-1111' }] } }).expect(200);
    const shown = (await api.get('/api/settings/history/2').set(auth).expect(200)).body;
    expect(shown.settings.defaultProfile.integrations[0].token).toBe('••••1111');
    const diff = (await api.get('/api/settings/history/2/diff').set(auth).expect(200)).body;
    expect(diff.changes).toEqual([{ path: 'defaultProfile.integrations.0.token', note: 'a secret differs' }]);
    expect(JSON.stringify(diff)).not.toContain('secret-token');
    await api.post('/api/settings/history/2/restore').set(auth).expect(200);
    expect(h.jawab.settings.get().defaultProfile.integrations[0]?.token).toBe('first-secret-token-1111');
  });

  it('keeps the knowledge sources as they are now when an older version is restored', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    await patch(api, { defaultProfile: { replyDelaySeconds: 4 } }).expect(200);
    const source = (await api.post('/api/knowledge/default/sources').set(auth).send({ type: 'snippets', name: 'FAQ' }).expect(201)).body;
    await api.post('/api/settings/history/1/restore').set(auth).expect(200);
    expect(h.jawab.settings.get().defaultProfile.replyDelaySeconds).toBe(0);
    expect(h.jawab.settings.get().defaultProfile.knowledge.sources.map((s) => s.id)).toEqual([source.id]);
  });
});

describe('writing settings.json', () => {
  it('replaces the file whole: a reader never sees half of one, and no temporary file is left', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    const file = `${h.dataDir}/settings.json`;
    let reading = true;
    let reads = 0;
    const bad: string[] = [];
    const reader = (async () => {
      while (reading) {
        const text = await readFile(file, 'utf8');
        reads += 1;
        try {
          JSON.parse(text);
        } catch {
          bad.push(text.slice(0, 40));
        }
      }
    })();
    const long = 'x'.repeat(9000);
    for (let i = 0; i < 30; i++) await patch(api, { defaultProfile: { persona: { instructions: `${i}${long}` } } }).expect(200);
    reading = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(bad).toEqual([]);
    expect((await readdir(h.dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
