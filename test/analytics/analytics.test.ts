// Analytics from what the engine commits: the report of GET /api/analytics and the same counters on /metrics.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { factsOf } from '../../src/analytics/facts.js';
import { buildReport, emptyCounters, median } from '../../src/analytics/report.js';
import { initialState } from '../../src/engine/state.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => h?.close());
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('analytics', () => {
  it('counts conversations taken, answered, handed off by reason, unanswered questions, first replies, per inbox', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const sandbox = h.jawab.sandbox!;
    const a = sandbox.startConversation({ name: 'Ani' });
    await sandbox.customerSays(a.id, 'berapa lama pengiriman ke Surabaya?');
    await h.settle();
    const b = sandbox.startConversation({ name: 'Budi' });
    await sandbox.customerSays(b.id, 'What is the weather on Mars tomorrow?');
    await h.settle();
    const c = sandbox.startConversation({ name: 'Citra' });
    await sandbox.customerSays(c.id, 'what is the weather on mars   tomorrow');
    await h.settle();
    const d = sandbox.startConversation({ name: 'Dewi' });
    await sandbox.customerSays(d.id, 'I want to talk to a human');
    await h.settle();

    const report = (await request(h.jawab.http).get('/api/analytics?days=7').set(auth).expect(200)).body;
    expect(report.days).toHaveLength(7);
    expect(report.inboxes).toEqual([1]);
    expect(report.totals).toMatchObject({ taken: 4, answered: 1, resolvedWithoutHuman: 0, handedOff: 3, handoffsByReason: { no_answer: 2, asked_for_human: 1 } });
    expect(report.totals.medianFirstReplySeconds).toBeGreaterThanOrEqual(0);
    expect(report.topUnanswered).toEqual([{ question: 'what is the weather on mars tomorrow', count: 2 }]);
    expect(report.days[6]).toMatchObject({ taken: 4, answered: 1, handedOff: 3 });
    expect((await request(h.jawab.http).get('/api/analytics?inbox=2').set(auth)).body.totals.taken).toBe(0);
    await request(h.jawab.http).get('/api/analytics?days=500').set(auth).expect(400);

    const metrics = (await request(h.jawab.http).get('/metrics').expect(200)).text;
    expect(metrics).toContain('jawab_conversations_total{inbox="1",what="taken",reason=""} 4');
    expect(metrics).toContain('jawab_conversations_total{inbox="1",what="answered",reason=""} 1');
    expect(metrics).toContain('jawab_conversations_total{inbox="1",what="handoff",reason="no_answer"} 2');
    expect(metrics).toContain('jawab_unanswered_questions_total{inbox="1"} 2');
    expect(metrics).toMatch(/jawab_first_reply_seconds_count\{inbox="1"\} 4/);
  });

  it('counts conversations, not events: two answers are one answered conversation, a second handoff after a resume is not another', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const sandbox = h.jawab.sandbox!;
    const a = sandbox.startConversation({ name: 'Ani' });
    await sandbox.customerSays(a.id, 'berapa lama pengiriman ke Surabaya?');
    await h.settle();
    await sandbox.customerSays(a.id, 'kalau ke medan?');
    await h.settle();
    const b = sandbox.startConversation({ name: 'Budi' });
    await sandbox.customerSays(b.id, 'I want to talk to a human');
    await h.settle();
    // An agent gives it back to the AI in the same session; the customer asks for a person again.
    await request(h.jawab.http).post(`/api/conversations/${sandbox.conversation(b.id).accountId}-${b.id}/resume`).set(auth).expect(200);
    await sandbox.customerSays(b.id, 'I want to talk to a human');
    await h.settle();

    expect(sandbox.conversation(b.id).messages.filter((m) => m.content.startsWith('I am passing you'))).toHaveLength(2);
    const report = (await request(h.jawab.http).get('/api/analytics?days=1').set(auth).expect(200)).body;
    expect(report.totals).toMatchObject({ taken: 2, answered: 1, handedOff: 1, handoffsByReason: { asked_for_human: 1 } });
  });

  it('keeps the counters across a restart', async () => {
    h = await startHarness({ helpdesk: 'sandbox' });
    const sandbox = h.jawab.sandbox!;
    await sandbox.customerSays(sandbox.startConversation({ name: 'Ani' }).id, 'berapa lama pengiriman ke Surabaya?');
    await h.settle();
    const dataDir = h.dataDir;
    await h.jawab.close();
    const again = await startHarness({ helpdesk: 'sandbox', dataDir });
    try {
      expect((await request(again.jawab.http).get('/api/analytics').set(auth)).body.totals).toMatchObject({ taken: 1, answered: 1 });
    } finally {
      await again.close();
    }
  });

  it('reads resolutions without a human and follow-up outcomes from the states before and after a commit', () => {
    const ref = { accountId: 1, inboxId: 4, conversationId: 9 };
    const before = { ...initialState(ref, 0), status: 'pending' as const, followUpsSent: 1 };
    const after = { ...before, status: 'resolved' as const, followUpsSent: 0 };
    expect(factsOf({ before, after, messages: [], at: Date.UTC(2026, 0, 2, 3) })).toEqual({
      day: '2026-01-02',
      inboxId: 4,
      facts: [{ kind: 'resolved_without_human' }, { kind: 'follow_up', outcome: 'resolved' }],
    });
    expect(factsOf({ before: after, after, messages: [], at: 10 })).toBeNull();
    const ended = (owner: 'ai' | 'human') => factsOf({ before, after: { ...before, followUpsSent: 0, owner }, messages: [], at: 10 })?.facts;
    expect(ended('ai')).toEqual([{ kind: 'follow_up', outcome: 'replied' }]);
    expect(ended('human')).toEqual([{ kind: 'follow_up', outcome: 'handed_off' }]);
  });

  it('reports medians and an empty day list', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
    const report = buildReport({ '2026-01-02': { 4: { ...emptyCounters(), taken: 2, firstReplySeconds: [1, 5] } } }, '2026-01-03', 3);
    expect(report.days.map((d) => [d.day, d.taken])).toEqual([['2026-01-01', 0], ['2026-01-02', 2], ['2026-01-03', 0]]);
    expect(report.totals.medianFirstReplySeconds).toBe(3);
  });
});
