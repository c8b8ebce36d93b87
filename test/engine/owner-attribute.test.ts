// Who owns a conversation shows in Chatwoot (rules/owner-attribute.ts): every change of owner writes the conversation
// custom attribute `jawab_owner`, after the actions that caused it, through the executor (exact requests against the
// fake Chatwoot, which checks each against the OpenAPI document and the token rules).
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { AppLinks } from '../../src/web/app-link.js';
import { ADMIN_TOKEN, calls, type Harness, startHarness } from '../helpers/harness.js';
import { conversationChanged, customerMessage } from '../helpers/payloads.js';

let h: Harness;
afterEach(async () => h?.close());

const CONV = '/api/v1/accounts/1/conversations/42';
const sig = new URLSearchParams(new AppLinks(ADMIN_TOKEN).accountLinkPath(1).split('?')[1]).get('sig')!;
const attributeWrites = (harness: Harness) =>
  harness.fake!.requests.filter((r) => r.path === `${CONV}/custom_attributes`).map((r) => `${r.token} ${JSON.stringify(r.body)}`);

describe('the jawab_owner conversation attribute', () => {
  it('is written once when a handoff gives the conversation to people, after the handoff, merged with what is there', async () => {
    h = await startHarness();
    h.fake!.seedConversation(1, 42, { customAttributes: { order: 'A-17' } });
    await h.deliver(customerMessage({ id: 1, text: 'Can I talk to a human please?' }));
    await h.settle();
    // The handoff's eight requests (message, note, labels, assignment, status), then the attribute.
    expect(calls(h.fake!)).toHaveLength(10);
    expect(calls(h.fake!).slice(-3)).toEqual([`POST ${CONV}/toggle_status bot`, `GET ${CONV} user`, `POST ${CONV}/custom_attributes bot`]);
    expect(h.fake!.conversation(1, 42).customAttributes).toEqual({ order: 'A-17', jawab_owner: 'human' });
    h.fake!.assertNoViolations();
  });

  it('is read back instead of written again when Chatwoot applied it but the answers were lost', async () => {
    h = await startHarness();
    // Chatwoot applies each try and every answer is lost: the client's own retries, then the engine's later attempt.
    h.fake!.inject({ method: 'POST', path: `${CONV}/custom_attributes` }, { kind: 'drop', when: 'after' }, 4);
    await h.deliver(customerMessage({ id: 1, text: 'Can I talk to a human please?' }));
    await h.settle(30_000);
    expect(attributeWrites(h)).toEqual(Array(4).fill('bot {"custom_attributes":{"jawab_owner":"human"}}'));
    expect(h.fake!.requests.filter((r) => r.path === `${CONV}/custom_attributes`).map((r) => r.status)).toEqual([0, 0, 0, 0]);
    const audit = (await h.jawab.store.read('3-42'))!.state!.audit.map((a) => `${a.what}: ${a.why}`);
    expect(audit).toContain('applied set_conversation_attributes: already set');
    h.fake!.assertNoViolations();
  }, 40_000);

  it('follows the owner through the dashboard app and the ai-on label, and writes nothing for a plain answer', async () => {
    h = await startHarness();
    await h.deliver(customerMessage({ id: 1, text: 'berapa lama pengiriman ke Surabaya?' }));
    await h.settle();
    expect(attributeWrites(h)).toEqual([]);

    const api = request(h.jawab.http);
    const session = await api.post('/app/api/session').send({ account: 1, sig, inboxId: 3, conversationId: 42 }).expect(200);
    const ticket = { authorization: `Ticket ${session.body.ticket}` };
    for (const command of ['take-over', 'stop', 'resume']) {
      await api.post(`/app/api/conversations/3-42/${command}`).set(ticket).expect(200);
      await h.settle();
    }
    await h.deliver(conversationChanged({ status: 'open', changed: ['status'], updatedAt: 2_000_000_000 }));
    await h.settle();
    await h.deliver(conversationChanged({ status: 'open', changed: ['label_list'], labels: ['ai-on'], updatedAt: 2_000_000_001 }));
    await h.settle();
    expect(attributeWrites(h)).toEqual([
      'bot {"custom_attributes":{"jawab_owner":"human"}}',
      'bot {"custom_attributes":{"jawab_owner":"stopped"}}',
      'bot {"custom_attributes":{"jawab_owner":"ai"}}',
      'bot {"custom_attributes":{"jawab_owner":"human"}}',
      'bot {"custom_attributes":{"jawab_owner":"ai"}}',
    ]);
    expect(h.fake!.conversation(1, 42).customAttributes).toEqual({ jawab_owner: 'ai' });
    h.fake!.assertNoViolations();
  });
});
