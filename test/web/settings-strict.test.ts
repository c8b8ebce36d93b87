// A wrong settings write changes nothing (issue 15, point 2): PUT takes a whole settings document, unknown keys and
// missing parts are refused with 422 naming each path; PATCH takes a JSON merge patch (RFC 7396) checked as a whole
// after merging; the other admin bodies are just as strict.
import { z } from 'zod';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsSchema } from '../../src/config/settings.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const paths = (res: request.Response) => (res.body.error.fields as { path: string }[]).map((f) => f.path).sort();

/** A shop's configuration worth losing: a rule, a persona, a don't-mention list. */
async function configured(): Promise<{ api: ReturnType<typeof request>; before: unknown }> {
  h = await startHarness({
    helpdesk: 'sandbox',
    profile: {
      persona: { ...settingsSchema.parse({}).defaultProfile.persona, name: 'Sari', tone: 'professional', dontMention: ['competitor'] },
      rules: [{ name: 'refunds', enabled: true, match: 'all', conditions: [{ type: 'contains', value: 'text', text: 'refund' }], actions: [{ type: 'add_labels', labels: ['refund'] }] }],
    },
  });
  const api = request(h.jawab.http);
  return { api, before: (await api.get('/api/settings').set(auth).expect(200)).body };
}

describe('PUT /api/settings', () => {
  it.each([
    ['{}', {}, ['defaultProfile', 'enabled', 'inboxes']],
    ['{"enabled": true}', { enabled: true }, ['defaultProfile', 'inboxes']],
    ['a field at the wrong level', { persona: { tone: 'casual' } }, ['defaultProfile', 'enabled', 'inboxes', 'persona']],
  ])('refuses %s with 422 naming each path, and changes nothing', async (_what, body, expected) => {
    const { api, before } = await configured();
    const res = await api.put('/api/settings').set(auth).send(body).expect(422);
    expect(res.body.error.code).toBe('invalid_settings');
    expect(paths(res)).toEqual(expected);
    expect((await api.get('/api/settings').set(auth)).body).toEqual(before);
    expect(h.jawab.settings.get().defaultProfile.rules.map((r) => r.name)).toEqual(['refunds']);
  });

  it('names an unknown key deep inside, a misspelt one inside a rule, and a missing required field', async () => {
    const { api, before } = await configured();
    const doc = structuredClone(before) as ReturnType<typeof settingsSchema.parse>;
    (doc.defaultProfile.persona as Record<string, unknown>)['tonee'] = 'casual';
    (doc.defaultProfile.rules[0] as Record<string, unknown>)['action'] = [];
    doc.inboxes = { 7: { ...doc.defaultProfile, handoff: { ...doc.defaultProfile.handoff, extra: 1 } as never } };
    delete (doc.defaultProfile.rules[0] as Partial<(typeof doc.defaultProfile.rules)[0]>).conditions;
    const res = await api.put('/api/settings').set(auth).send(doc).expect(422);
    expect(paths(res)).toEqual([
      'defaultProfile.persona.tonee',
      'defaultProfile.rules.0.action',
      'defaultProfile.rules.0.conditions',
      'inboxes.7.handoff.extra',
      'inboxes.7.persona.tonee',
      'inboxes.7.rules.0.action',
      'inboxes.7.rules.0.conditions',
    ]);
    expect(res.body.error.fields.find((f: { path: string }) => f.path === 'defaultProfile.persona.tonee').message).toBe('unknown field');
    expect((await api.get('/api/settings').set(auth)).body).toEqual(before);
  });

  it('still takes a whole document that leaves out fields with defaults', async () => {
    const { api } = await configured();
    await api.put('/api/settings').set(auth).send({ enabled: false, defaultProfile: { persona: { name: 'Budi' } }, inboxes: {} }).expect(200);
    expect(h.jawab.settings.get()).toMatchObject({ enabled: false, defaultProfile: { persona: { name: 'Budi', tone: 'friendly' }, rules: [] } });
  });
});

describe('PUT /api/settings/draft', () => {
  it('is as strict, and keeps the draft as it was', async () => {
    const { api } = await configured();
    const res = await api.put('/api/settings/draft').set(auth).send({ enabled: false }).expect(422);
    expect(paths(res)).toEqual(['defaultProfile', 'inboxes']);
    expect((await api.get('/api/settings/draft').set(auth)).body).toMatchObject({ differs: false, savedAt: null });
  });
});

describe('PATCH with a JSON merge patch', () => {
  it('changes only what the patch names, and null removes a field (which then takes its default)', async () => {
    const { api, before } = await configured();
    const res = await api
      .patch('/api/settings')
      .set(auth)
      .set('content-type', 'application/merge-patch+json')
      .send(JSON.stringify({ defaultProfile: { persona: { tone: 'casual', name: null } }, inboxes: { 12: { enabled: false } } }))
      .expect(200);
    const expected = structuredClone(before) as ReturnType<typeof settingsSchema.parse>;
    expected.defaultProfile.persona.tone = 'casual';
    expected.defaultProfile.persona.name = 'Jawab';
    expect(res.body.defaultProfile).toEqual(expected.defaultProfile);
    expect(res.body.inboxes['12']).toEqual({ ...settingsSchema.parse({}).defaultProfile, enabled: false });
    expect(h.jawab.settings.get().defaultProfile.rules.map((r) => r.name)).toEqual(['refunds']);
    expect(h.jawab.settings.get().defaultProfile.persona).toMatchObject({ tone: 'casual', name: 'Jawab', dontMention: ['competitor'] });
  });

  it('checks the merged document as a whole and refuses it with the paths, changing nothing', async () => {
    const { api, before } = await configured();
    const res = await api
      .patch('/api/settings')
      .set(auth)
      .send({ defaultProfile: { persona: { tone: 'rude', mood: 'x' } }, enabled: null })
      .expect(422);
    expect(paths(res)).toEqual(['defaultProfile.persona.mood', 'defaultProfile.persona.tone', 'enabled']);
    expect((await api.get('/api/settings').set(auth)).body).toEqual(before);
  });

  it('refuses a patch that is not a JSON object', async () => {
    const { api } = await configured();
    const res = await api.patch('/api/settings').set(auth).set('content-type', 'application/json').send('[1]').expect(422);
    expect(res.body.error).toMatchObject({ code: 'invalid_patch' });
  });

  it('patches the draft, which starts from the published settings', async () => {
    const { api } = await configured();
    const res = await api.patch('/api/settings/draft').set(auth).send({ defaultProfile: { replyDelaySeconds: 9 } }).expect(200);
    expect(res.body).toMatchObject({ differs: true, settings: { defaultProfile: { replyDelaySeconds: 9, persona: { name: 'Sari' } } } });
    await api.patch('/api/settings/draft').set(auth).send({ defaultProfile: { persona: { tone: 'casual' } } }).expect(200);
    expect(h.jawab.settings.draft().defaultProfile).toMatchObject({ replyDelaySeconds: 9, persona: { tone: 'casual' } });
    expect(h.jawab.settings.get().defaultProfile.replyDelaySeconds).toBe(0);
    const bad = await api.patch('/api/settings/draft').set(auth).send({ defaultProfile: { replyDelay: 1 } }).expect(422);
    expect(paths(bad)).toEqual(['defaultProfile.replyDelay']);
    expect(h.jawab.settings.draft().defaultProfile.replyDelaySeconds).toBe(9);
  });
});

describe('the other admin bodies', () => {
  it('refuses an unknown field in a knowledge source with 422, and adds nothing', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    await h.jawab.ready;
    const api = request(h.jawab.http);
    const res = await api.post('/api/knowledge/default/sources').set(auth).send({ type: 'snippets', name: 'FAQ', snipets: [] }).expect(422);
    expect(res.body.error).toEqual({ code: 'invalid', message: 'source: Unrecognized key: "snipets"' });
    expect((await api.get('/api/knowledge/default/sources').set(auth).expect(200)).body.sources).toEqual([]);
  });

  it('refuses an unknown field when a knowledge source changes', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    const added = (await api.post('/api/knowledge/default/sources').set(auth).send({ type: 'snippets', name: 'FAQ' }).expect(201)).body;
    const res = await api.patch(`/api/knowledge/default/sources/${added.id}`).set(auth).send({ nmae: 'FAQs' }).expect(422);
    expect(res.body.error).toEqual({ code: 'invalid', message: 'source: Unrecognized key: "nmae"' });
  });

  it('refuses a body on a conversation command, and the playground refuses an unknown field', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    const command = await api.post('/api/conversations/1-1/stop').set(auth).send({ force: true }).expect(422);
    expect(command.body.error).toEqual({ code: 'invalid', message: 'force: unknown field (this command takes no body)' });
    const playground = await api.post('/api/playground').set(auth).send({ messages: ['hi'], profle: 'default' }).expect(400);
    expect(playground.body.error).toEqual({ code: 'invalid', message: 'profle: unknown field' });
  });
});

describe('the settings schema', () => {
  it('is strict in every object, so a misspelt key is refused rather than dropped', () => {
    const loose: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (schema['type'] === 'object' && schema['properties'] && schema['additionalProperties'] !== false) loose.push(path || '(root)');
      for (const [key, child] of Object.entries(schema)) {
        if (Array.isArray(child)) child.forEach((c, i) => walk(c, `${path}/${key}/${i}`));
        else walk(child, `${path}/${key}`);
      }
    };
    // The input side: zod writes additionalProperties: false there only for strict objects.
    walk(z.toJSONSchema(settingsSchema, { io: 'input', unrepresentable: 'any' }), '');
    expect(loose).toEqual([]);
  });
});
