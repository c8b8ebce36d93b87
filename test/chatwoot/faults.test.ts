// Chatwoot misbehaving: 429 with Retry-After, 5xx, timeouts, dropped connections. Every action lands once, in order.
// Every message Jawab sends carries its action's stamp (content_attributes.jawab_action), and an action whose earlier
// attempt may have reached Chatwoot is checked before it is applied again: a message by its stamp (not by its text,
// which an earlier message may share), a status or an assignment by reading the conversation back.
import { afterEach, describe, expect, it } from 'vitest';
import { fixedAnswerer } from '../helpers/answerers.js';
import { fixture } from '../helpers/fixtures.js';
import { calls, type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

const fixed = fixedAnswerer();
const CONV = '/api/v1/accounts/1/conversations/42';
const MESSAGES = `${CONV}/messages`;
const incoming = fixture('message_created.incoming_contact.json');
const wantsHuman = { ...incoming, id: 3001, content: 'mau bicara dengan CS' };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const posts = (path: string) => h!.fake!.requests.filter((r) => r.method === 'POST' && r.path === path);
const botMessages = () => h!.fake!.conversation(1, 42).messages.filter((m) => m.sender.kind === 'bot');

describe('Chatwoot faults', () => {
  it('waits as long as Retry-After says after a 429, then sends once', async () => {
    h = await startHarness({ answerer: fixed });
    h.fake!.inject({ method: 'POST', path: MESSAGES }, { kind: 'status', status: 429, retryAfterSeconds: 1 });
    await h.deliver(incoming);
    await h.settle();
    const [first, second] = posts(MESSAGES);
    expect([first?.status, second?.status]).toEqual([429, 200]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    // The customer opened with "Hi": the answer greets back.
    expect(botMessages().map((m) => m.content)).toEqual(['Hi! Fixed answer.']);
    h.fake!.assertNoViolations();
  });

  it('retries 500s, first in the call, then later from the durable outbox, and sends once', async () => {
    h = await startHarness({ answerer: fixed });
    h.fake!.inject({ method: 'POST', path: MESSAGES }, { kind: 'status', status: 500 }, 5);
    await h.deliver(incoming);
    await h.settle(20_000);
    expect(posts(MESSAGES).map((r) => r.status)).toEqual([500, 500, 500, 500, 500, 200]);
    expect(botMessages()).toHaveLength(1);
  });

  it('does not send twice when the connection drops after Chatwoot created the message', async () => {
    h = await startHarness({ answerer: fixed });
    h.fake!.inject({ method: 'POST', path: MESSAGES }, { kind: 'drop', when: 'after' });
    await h.deliver(incoming);
    await h.settle();
    expect(botMessages()).toHaveLength(1);
    expect(posts(MESSAGES)).toHaveLength(1);
    // The unclear outcome was settled by reading the conversation's messages with the administrator token.
    expect(h.fake!.requests.some((r) => r.method === 'GET' && r.path === MESSAGES && r.token === 'user')).toBe(true);
  });

  it('sends again when the connection dropped before Chatwoot did anything', async () => {
    h = await startHarness({ answerer: fixed });
    h.fake!.inject({ method: 'POST', path: MESSAGES }, { kind: 'drop', when: 'before' });
    await h.deliver(incoming);
    await h.settle();
    expect(posts(MESSAGES).map((r) => r.status)).toEqual([0, 200]);
    expect(botMessages()).toHaveLength(1);
  });

  it('does not send twice when Chatwoot answers after the timeout', async () => {
    h = await startHarness({ answerer: fixed, env: { CHATWOOT_TIMEOUT_MS: '500' } });
    h.fake!.inject({ method: 'POST', path: MESSAGES }, { kind: 'slow', ms: 1500 });
    await h.deliver(incoming);
    await h.settle();
    expect(botMessages()).toHaveLength(1);
    expect(posts(MESSAGES)).toHaveLength(1);
  });

  it('keeps the handoff in order when a step fails on the way', async () => {
    h = await startHarness({ answerer: fixed });
    h.fake!.inject({ method: 'POST', path: `${CONV}/labels` }, { kind: 'status', status: 503 }, 6);
    await h.deliver(wantsHuman);
    await h.settle(20_000);
    const succeeded = h.fake!.requests.filter((r) => r.status === 200 && r.method === 'POST').map((r) => r.path.replace(CONV, ''));
    expect(succeeded).toEqual(['/messages', '/messages', '/labels', '/assignments', '/toggle_status', '/custom_attributes']);
    const c = h.fake!.conversation(1, 42);
    expect(c).toMatchObject({ status: 'open', labels: ['jawab-handoff'], assigneeId: 1 });
    h.fake!.assertNoViolations();
  });

  it('sends nothing but what the spec allows, with the right token for each call', async () => {
    h = await startHarness({ answerer: fixed });
    await h.deliver(wantsHuman);
    await h.settle();
    expect(calls(h.fake!)).toContain(`POST ${CONV}/labels user`);
    expect(calls(h.fake!)).toContain(`POST ${CONV}/toggle_status bot`);
    h.fake!.assertNoViolations();
  });
});

describe('stamps and read-back: an action that may have reached Chatwoot is checked before it is applied again', () => {
  it('puts the conversation and action id on every reply and note it sends', async () => {
    h = await startHarness({ answerer: fixed });
    await h.deliver(customerMessage({ id: 501, text: 'Hi, I was charged twice for my April invoice.' }));
    await h.settle();
    await h.deliver(customerMessage({ id: 502, text: 'I want to talk to a human' }));
    await h.settle();
    expect(posts(MESSAGES).map((r) => r.body)).toEqual([
      { content: 'Hi! Fixed answer.', message_type: 'outgoing', private: false, content_attributes: { jawab_action: '3-42:1' } },
      { content: expect.any(String), message_type: 'outgoing', private: false, content_attributes: { jawab_action: '3-42:2' } },
      { content: expect.stringContaining('Diserahkan ke tim: pelanggan minta bicara dengan orang.'), message_type: 'outgoing', private: true, content_attributes: { jawab_action: '3-42:3' } },
    ]);
    expect(botMessages().map((m) => m.contentAttributes)).toEqual([{ jawab_action: '3-42:1' }, { jawab_action: '3-42:2' }, { jawab_action: '3-42:3' }]);
    h.fake!.assertNoViolations();
  });

  it('sends a reply whose first attempt never arrived although an earlier reply has the same text', async () => {
    h = await startHarness({ answerer: fixed });
    await h.deliver(customerMessage({ id: 511, text: 'first question' }));
    await h.settle();
    // The same answer again; its first POST is lost before Chatwoot saw it, so the outcome is unknown to Jawab.
    h.fake!.inject({ method: 'POST', path: MESSAGES }, { kind: 'drop', when: 'before' });
    await h.deliver(customerMessage({ id: 512, text: 'second question' }));
    await h.settle();
    expect(posts(MESSAGES).map((r) => r.status)).toEqual([200, 0, 200]);
    expect(botMessages().map((m) => [m.content, m.contentAttributes])).toEqual([
      ['Fixed answer.', { jawab_action: '3-42:1' }],
      ['Fixed answer.', { jawab_action: '3-42:2' }],
    ]);
  });

  it('finds a message sent before the last 20 of the conversation, reading back page by page', async () => {
    h = await startHarness({ answerer: fixed });
    // Chatwoot created the reply and the answer was lost; meanwhile the customer wrote 25 more messages.
    h.fake!.inject({ method: 'POST', path: MESSAGES }, { kind: 'drop', when: 'after' });
    await h.deliver(customerMessage({ id: 521, text: 'a question' }));
    await h.fake!.waitFor(() => posts(MESSAGES).length === 1);
    for (let i = 0; i < 25; i++) h.fake!.addMessage(1, 42, { content: `more ${i}` });
    await h.settle();
    expect(posts(MESSAGES)).toHaveLength(1);
    const lookups = h.fake!.requests.filter((r) => r.method === 'GET' && r.path === MESSAGES);
    expect(lookups.map((r) => r.query)).toEqual([{}, { before: String(botMessages()[0]!.id + 6) }]);
  });

  it('reads the conversation back instead of assigning and opening it again when those answers were lost', async () => {
    h = await startHarness({ answerer: fixed });
    // Chatwoot applies each call and every answer is lost: the client's own retries, then the engine's later one.
    h.fake!.inject({ method: 'POST', path: `${CONV}/assignments` }, { kind: 'drop', when: 'after' }, 4);
    h.fake!.inject({ method: 'POST', path: `${CONV}/toggle_status` }, { kind: 'drop', when: 'after' }, 4);
    await h.deliver(customerMessage({ id: 531, text: 'I want to talk to a human' }));
    await h.settle(30_000);
    expect(posts(`${CONV}/assignments`).map((r) => [r.status, r.body])).toEqual(Array(4).fill([0, { assignee_id: 1 }]));
    expect(posts(`${CONV}/toggle_status`).map((r) => [r.status, r.body])).toEqual(Array(4).fill([0, { status: 'open' }]));
    // Two read-backs, and the read before the jawab_owner attribute is merged in.
    expect(h.fake!.requests.filter((r) => r.method === 'GET' && r.path === CONV)).toHaveLength(3);
    expect(h.fake!.conversation(1, 42)).toMatchObject({ assigneeId: 1, status: 'open' });
    const audit = (await h.jawab.store.read('3-42'))!.state!.audit.map((a) => `${a.what}: ${a.why}`);
    expect(audit).toContain('applied assign: already with agent 1');
    expect(audit).toContain('applied set_status: already open');
    h.fake!.assertNoViolations();
  }, 40_000);
});
