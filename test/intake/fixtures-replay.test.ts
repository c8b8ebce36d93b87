// Every captured Chatwoot webhook goes through the real intake and engine against the fake Chatwoot,
// which checks each request against the OpenAPI spec. Each fixture must produce exactly these requests.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKnowledge } from '../../src/answer/build.js';
import type { Answerer } from '../../src/answer/types.js';
import { loadConfig } from '../../src/config/env.js';
import { silentLogger } from '../../src/log.js';
import { SettingsStore } from '../../src/store/settings-store.js';
import { fixture, fixtureNames } from '../helpers/fixtures.js';
import { calls, KNOWLEDGE_DIR, startHarness } from '../helpers/harness.js';

const CONV = '/api/v1/accounts/1/conversations/42';

const HANDOFF = [
  `POST ${CONV}/messages bot`, // the handover message
  `POST ${CONV}/messages bot`, // the private note
  `GET ${CONV}/labels user`,
  `POST ${CONV}/labels user`,
  'GET /api/v1/accounts/1/agents user',
  'GET /api/v2/accounts/1/reports/conversations/ user',
  `POST ${CONV}/assignments bot`,
  `POST ${CONV}/toggle_status bot`,
  `GET ${CONV} user`, // the custom attributes, merged with
  `POST ${CONV}/custom_attributes bot`, // jawab_owner: human
];

interface Expectation {
  result: 'accepted' | 'ignored';
  requests: string[];
  owner?: 'ai' | 'human';
}

const EXPECTED: Record<string, Expectation> = {
  'contact_created.json': { result: 'ignored', requests: [] },
  'contact_updated.json': { result: 'ignored', requests: [] },
  'webwidget_triggered.json': { result: 'ignored', requests: [] },
  'conversation_typing_on.json': { result: 'ignored', requests: [] },
  'conversation_created.json': { result: 'accepted', requests: [], owner: 'ai' },
  'conversation_opened.agent_bot.json': { result: 'accepted', requests: [], owner: 'human' },
  'conversation_status_changed.json': { result: 'accepted', requests: [], owner: 'human' },
  'conversation_updated.json': { result: 'accepted', requests: [], owner: 'human' },
  'conversation_resolved.agent_bot.json': { result: 'accepted', requests: [], owner: 'human' },
  'message_created.outgoing_agent.json': { result: 'accepted', requests: [], owner: 'human' },
  'message_created.private_note.json': { result: 'accepted', requests: [], owner: 'human' },
  'message_created.outgoing_agent_bot_input_select.json': { result: 'accepted', requests: [], owner: 'ai' },
  'message_created.incoming_contact.json': { result: 'accepted', requests: [`POST ${CONV}/messages bot`], owner: 'ai' },
  // Offline nobody reads the screenshot: the customer is asked to type the question, and the AI keeps the conversation.
  'message_created.incoming_contact_with_attachment.json': { result: 'accepted', requests: [`POST ${CONV}/messages bot`], owner: 'ai' },
  'message_updated.input_select_submitted.json': { result: 'accepted', requests: HANDOFF, owner: 'human' },
};

let answerer: Answerer;

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'jawab-kb-'));
  answerer = (await buildKnowledge(loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR }), silentLogger, await SettingsStore.open(dataDir))).answerer;
});

describe('every webhook fixture through intake and engine', () => {
  it('has an expectation for every fixture on disk', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtureNames());
  });

  for (const name of fixtureNames()) {
    it(name, async () => {
      const expected = EXPECTED[name]!;
      const h = await startHarness({ answerer });
      try {
        const response = await h.deliver(fixture(name));
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ result: expected.result });
        await h.settle();
        expect(calls(h.fake!)).toEqual(expected.requests);
        h.fake!.assertNoViolations();
        const record = await h.jawab.store.read('3-42');
        if (expected.result === 'ignored') expect(record).toBeUndefined();
        else expect(record?.state?.owner).toBe(expected.owner);
        if (expected.result === 'accepted') expect(record?.outbox).toEqual([]);
      } finally {
        await h.close();
      }
    });
  }
});

describe('what the fixture-driven requests carry', () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  afterAll(async () => h?.close());

  it('answers the contact from the billing page, as the bot, in English', async () => {
    h = await startHarness({ answerer });
    await h.deliver(fixture('message_created.incoming_contact.json'));
    await h.settle();
    const [post] = h.fake!.requests;
    const body = post!.body as { content: string; message_type: string; private: boolean };
    expect(Object.keys(body).sort()).toEqual(['content', 'content_attributes', 'message_type', 'private']);
    expect(post!.body).toMatchObject({ content_attributes: { jawab_action: '3-42:1' } });
    expect(body.message_type).toBe('outgoing');
    expect(body.private).toBe(false);
    expect(body.content).toContain('If you see two charges for the same order or the same invoice');
    const state = (await h.jawab.store.read('3-42'))!.state!;
    expect(state.botReplies).toBe(1);
    expect(state.lastAnswer?.sources[0]?.source).toBe('en/billing-problems.md');
    await h.close();
  });

  it('hands off a button choice of "Talk to a human" with a note, the label, the least busy online agent, then open', async () => {
    h = await startHarness({ answerer, fake: { openCounts: { 1: 4, 2: 1 } } });
    await h.deliver(fixture('message_updated.input_select_submitted.json'));
    await h.settle();
    const bodies = h.fake!.requests.filter((r) => r.method === 'POST').map((r) => r.body);
    expect(bodies[0]).toEqual({
      content: expect.stringContaining('passing you to a member of our team'),
      message_type: 'outgoing',
      private: false,
      content_attributes: { jawab_action: expect.stringMatching(/^\d+-\d+:1$/) },
    });
    expect(bodies[1]).toMatchObject({ private: true, message_type: 'outgoing' });
    const note = (bodies[1] as { content: string }).content;
    expect(note).toContain('Diserahkan ke tim: pelanggan minta bicara dengan orang.');
    expect(note).toContain('Data: nama Maria Silva · email maria.silva@example.com · telepon +351912345678.');
    expect(bodies[2]).toEqual({ labels: ['jawab-handoff'] });
    expect(bodies[3]).toEqual({ assignee_id: 2 }); // agent 1 has 4 open, agent 2 has 1, agent 3 is offline
    expect(bodies[4]).toEqual({ status: 'open' });
    const conversation = h.fake!.conversation(1, 42);
    expect(conversation.status).toBe('open');
    expect(conversation.assigneeId).toBe(2);
    expect(conversation.labels).toEqual(['jawab-handoff']);
    await h.close();
  });
});
