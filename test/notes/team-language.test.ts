// The team language (settings `teamLanguage`, account-wide): validated at the admin API, derived from the default
// persona when unset, and followed by the handoff note once published.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, teamLanguageOf } from '../../src/config/settings.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('the team language', () => {
  it('is Indonesian for an Indonesian persona, English otherwise, unless set', () => {
    // A copy: the schema's defaults are shared objects.
    const settings = structuredClone(defaultSettings());
    expect(teamLanguageOf(settings)).toBe('id');
    settings.defaultProfile.persona.fallbackLanguage = 'es';
    expect(teamLanguageOf(settings)).toBe('en');
    settings.defaultProfile.persona.language = 'ms';
    expect(teamLanguageOf(settings)).toBe('id');
    expect(teamLanguageOf({ ...settings, teamLanguage: 'en' })).toBe('en');
  });

  it('is refused with its field named when it is no team language, and the note follows it once published', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const api = request(h.jawab.http);
    const settings = (await api.get('/api/settings').set(auth).expect(200)).body;
    expect(settings.teamLanguage).toBeUndefined();
    const refused = await api.put('/api/settings').set(auth).send({ ...settings, teamLanguage: 'fr' }).expect(422);
    expect(refused.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['teamLanguage']);
    await api.put('/api/settings').set(auth).send({ ...settings, teamLanguage: 'en' }).expect(200);

    const sandbox = h.jawab.sandbox!;
    const c = sandbox.startConversation({ name: 'Ani' });
    await sandbox.customerSays(c.id, 'mau bicara dengan CS aja deh');
    await h.settle();
    const notes = sandbox.conversation(c.id).messages.filter((m) => m.private).map((m) => m.content);
    expect(notes).toEqual([
      ['Handed over: the customer asked to talk to a person.', 'Customer wants: not said yet.', 'Jawab answered: nothing yet.', 'Details: name Ani.', "Customer's language: Indonesian."].join('\n'),
    ]);
  });
});
