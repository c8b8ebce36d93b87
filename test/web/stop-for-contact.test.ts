// "Stop AI for this contact" from the dashboard app (rules/contact-stop.ts): kept on the Chatwoot contact as the
// custom attribute `jawab_ai_off`; a later conversation of that contact is not answered but goes to people with the
// handoff's note, labels, assignment and status, and the dashboard app says why; undone from the same place.
// Against the fake Chatwoot, exact requests.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { AppLinks } from '../../src/web/app-link.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { ADMIN_TOKEN, calls, type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

let h: Harness;
afterEach(async () => h?.close());

const A = '/api/v1/accounts/1';
/** The contact of the captured fixture (message_created.incoming_contact.json). */
const CONTACT = 57;
const sig = new URLSearchParams(new AppLinks(ADMIN_TOKEN).accountLinkPath(1).split('?')[1]).get('sig')!;

async function dashboard(harness: Harness, conversationId: number) {
  const api = request(harness.jawab.http);
  const session = await api.post('/app/api/session').send({ account: 1, sig, inboxId: 3, conversationId }).expect(200);
  const ticket = { authorization: `Ticket ${session.body.ticket}` };
  return {
    view: async () => (await api.get(`/app/api/conversations/3-${conversationId}`).set(ticket).expect(200)).body,
    command: (name: string) => api.post(`/app/api/conversations/3-${conversationId}/${name}`).set(ticket),
  };
}

/** A customer message of the fixture's contact, with the contact's attributes as Chatwoot holds them now. */
const fromContact = (harness: Harness, id: number, conversationId: number, text: string) =>
  customerMessage({ id, conversationId, text, contact: { custom_attributes: harness.fake!.contact(1, CONTACT).customAttributes } });

describe('stop AI for this contact', () => {
  it('marks the contact, leaves their later conversation to people with the reason, and is undone from the same place', async () => {
    h = await startHarness({ answerer: fixedAnswerer('Kirim ke Medan 3 hari.') });
    await h.deliver(fromContact(h, 1, 42, 'berapa lama kirim ke Medan?'));
    await h.settle();
    const first = await dashboard(h, 42);
    expect(await first.view()).toMatchObject({ owner: 'ai', contactKnown: true, contactStopped: false });
    h.fake!.clearRequests();

    expect((await first.command('stop-contact').expect(200)).body).toEqual({ key: '3-42', owner: 'stopped' });
    await h.settle();
    expect(calls(h.fake!)).toEqual([
      `POST ${A}/conversations/42/toggle_status bot`,
      `PUT ${A}/contacts/${CONTACT} user`,
      `GET ${A}/conversations/42 user`,
      `POST ${A}/conversations/42/custom_attributes bot`,
    ]);
    expect(h.fake!.requests[1]!.body).toEqual({ custom_attributes: { jawab_ai_off: true } });
    expect(h.fake!.contact(1, CONTACT).customAttributes).toEqual({ jawab_ai_off: true });
    expect(await first.view()).toMatchObject({ owner: 'stopped', contactStopped: true });

    // Days later the same contact opens a new conversation: nothing is said to them, people get it with a note.
    h.fake!.clearRequests();
    await h.deliver(fromContact(h, 2, 43, 'halo, mau tanya stok batik tulis'));
    await h.settle();
    expect(calls(h.fake!)).toEqual([
      `POST ${A}/conversations/43/messages bot`,
      `GET ${A}/conversations/43/labels user`,
      `POST ${A}/conversations/43/labels user`,
      `GET ${A}/agents user`,
      'GET /api/v2/accounts/1/reports/conversations/ user',
      `POST ${A}/conversations/43/assignments bot`,
      `POST ${A}/conversations/43/toggle_status bot`,
      `GET ${A}/conversations/43 user`,
      `POST ${A}/conversations/43/custom_attributes bot`,
    ]);
    const note = h.fake!.requests[0]!.body as { content: string; private: boolean };
    expect(note.private).toBe(true);
    // The note is in the team language (Indonesian by default).
    expect(note.content.split('\n')[0]).toBe('Diserahkan ke tim: AI dihentikan untuk kontak ini.');
    expect(h.fake!.conversation(1, 43)).toMatchObject({ status: 'open', labels: ['jawab-handoff'], assigneeId: 1, customAttributes: { jawab_owner: 'stopped' } });
    const later = await dashboard(h, 43);
    const view = await later.view();
    expect(view).toMatchObject({ owner: 'stopped', contactStopped: true });
    expect(view.audit.map((a: { what: string; why: string }) => `${a.what}: ${a.why}`)).toContain(
      'owner ai -> stopped: the AI is stopped for this contact (from the dashboard app), so their conversations go to your team',
    );

    // Undone from the later conversation: the contact is cleared and this conversation returns to the AI.
    h.fake!.clearRequests();
    expect((await later.command('resume-contact').expect(200)).body).toEqual({ key: '3-43', owner: 'ai' });
    await h.settle();
    expect(calls(h.fake!)).toEqual([
      `POST ${A}/conversations/43/toggle_status bot`,
      `PUT ${A}/contacts/${CONTACT} user`,
      `GET ${A}/conversations/43 user`,
      `POST ${A}/conversations/43/custom_attributes bot`,
    ]);
    expect(h.fake!.contact(1, CONTACT).customAttributes).toEqual({ jawab_ai_off: false });
    expect(await later.view()).toMatchObject({ owner: 'ai', contactStopped: false });

    h.fake!.clearRequests();
    await h.deliver(fromContact(h, 3, 44, 'berapa lama kirim ke Medan?'));
    await h.settle();
    expect(calls(h.fake!)).toEqual([`POST ${A}/conversations/44/messages bot`]);
    expect(h.fake!.requests[0]!.body).toMatchObject({ content: 'Kirim ke Medan 3 hari.', private: false });
    h.fake!.assertNoViolations();
  });

  it('refuses to stop a contact Jawab does not know, and the admin API takes the same commands', async () => {
    h = await startHarness({ answerer: fixedAnswerer() });
    const payload = customerMessage({ id: 1, text: 'halo' }) as Record<string, Record<string, unknown>>;
    // A delivery without the contact (no sender anywhere).
    const bare = { ...payload, sender: null, conversation: { ...payload['conversation'], meta: { ...(payload['conversation']!['meta'] as object), sender: null } } };
    await h.deliver(bare);
    await h.settle();
    const app = await dashboard(h, 42);
    expect((await app.view()).contactKnown).toBe(false);
    expect((await app.command('stop-contact').expect(409)).body.error.code).toBe('no_contact');
    const admin = request(h.jawab.http).post('/api/conversations/3-42/stop-contact').set('authorization', `Bearer ${ADMIN_TOKEN}`);
    expect((await admin.expect(409)).body.error.code).toBe('no_contact');
  });
});
