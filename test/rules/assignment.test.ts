// Handoff strategies against the fake Chatwoot: round robin among online agents that goes on after a restart,
// least busy with agents offline, and the team or inbox queue when nobody is online.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssignTo } from '../../src/config/settings-rules.js';
import { defaultSettings } from '../../src/config/settings.js';
import { nextInRotation } from '../../src/rules/assignment.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { AppLinks } from '../../src/web/app-link.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';
import type { FakeChatwootOptions } from '../fakes/fake-chatwoot.js';
import { customerMessage } from '../helpers/payloads.js';
import { tempDirs } from '../helpers/temp-dirs.js';

// Registered before the harness's cleanup, so it runs after it (vitest runs after-hooks in reverse): close, then remove.
const tempDir = tempDirs('jawab-rr-');
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(assign: AssignTo, options: { dataDir?: string; fake?: FakeChatwootOptions } = {}): Promise<Harness> {
  const handoff = { ...defaultSettings().defaultProfile.handoff, assign };
  h = await startHarness({ profile: { handoff }, answerer: fixedAnswerer(), dataDir: options.dataDir, fake: options.fake });
  return h;
}

/** A customer asks for a human in conversation `id`; returns the assignment request's body. */
async function askForHuman(harness: Harness, id: number): Promise<unknown> {
  await harness.deliver(customerMessage({ id: 9100 + id, conversationId: id, text: 'I want to talk to a human' }));
  await harness.settle();
  const assignments = harness.fake!.requests.filter((r) => r.path === `/api/v1/accounts/1/conversations/${id}/assignments`);
  harness.fake!.assertNoViolations();
  return assignments.at(-1)?.body;
}

describe('round robin (any available agent)', () => {
  it('takes online agents in turn and goes on where it was after a restart', async () => {
    const dataDir = await tempDir();
    let harness = await start({ strategy: 'any_available' }, { dataDir });
    expect(await askForHuman(harness, 1)).toEqual({ assignee_id: 1 });
    await harness.close();

    harness = await start({ strategy: 'any_available' }, { dataDir });
    expect(await askForHuman(harness, 2)).toEqual({ assignee_id: 2 });
    // Agent 3 is offline: the rotation wraps around to agent 1.
    expect(await askForHuman(harness, 3)).toEqual({ assignee_id: 1 });
  });

  it('skips agents who went offline and picks within the team', async () => {
    const harness = await start({ strategy: 'any_available', teamId: 1 });
    harness.fake!.setAgentAvailability(1, 'busy');
    expect(await askForHuman(harness, 1)).toEqual({ assignee_id: 2 });
    expect(await askForHuman(harness, 2)).toEqual({ assignee_id: 2 });
  });

  it('picks the next id after the last one, wrapping around', () => {
    const agents = [3, 1, 2].map((id) => ({ id, name: `a${id}`, availability: 'online' as const }));
    expect([undefined, 1, 2, 3].map((last) => nextInRotation(agents, last)?.id)).toEqual([1, 2, 3, 1]);
    expect(nextInRotation(agents, 1, new Set([3]))?.id).toBe(3);
    expect(nextInRotation(agents.map((a) => ({ ...a, availability: 'offline' as const })), 1)).toBeNull();
  });
});

describe('least busy', () => {
  it('ignores offline agents even when they have fewer open conversations', async () => {
    const harness = await start({ strategy: 'least_busy' }, { fake: { openCounts: { 1: 5, 2: 1 } } });
    harness.fake!.setAgentAvailability(2, 'offline');
    expect(await askForHuman(harness, 1)).toEqual({ assignee_id: 1 });
  });

  it('nobody online: the team queue when a team is set, else the inbox queue (opened, unassigned)', async () => {
    let harness = await start({ strategy: 'least_busy', teamId: 1 });
    for (const id of [1, 2]) harness.fake!.setAgentAvailability(id, 'offline');
    expect(await askForHuman(harness, 1)).toEqual({ team_id: 1 });
    await harness.close();

    harness = await start({ strategy: 'any_available' });
    for (const id of [1, 2]) harness.fake!.setAgentAvailability(id, 'offline');
    expect(await askForHuman(harness, 2)).toBeUndefined();
    expect(harness.fake!.conversation(1, 2)).toMatchObject({ status: 'open', assigneeId: null });
  });
});

describe('specific agent', () => {
  it('assigns that agent whatever the availability', async () => {
    const harness = await start({ strategy: 'agent', agentId: 3 });
    expect(await askForHuman(harness, 1)).toEqual({ assignee_id: 3 });
  });
});

describe('least busy when a lookup fails for good (issue 15, point 4)', () => {
  const REPORTS = '/api/v2/accounts/1/reports/conversations/';
  const AGENTS = '/api/v1/accounts/1/agents';

  /** The audit entry of the assignment in conversation `id`. */
  async function assignAudit(harness: Harness, id: number): Promise<string | undefined> {
    const record = await harness.jawab.store.read(`3-${id}`);
    const entry = record?.state?.audit.find((a) => a.what.endsWith(' assign'));
    return entry && `${entry.what}: ${entry.why}`;
  }

  async function fallbacks(harness: Harness): Promise<string[]> {
    const text = (await request(harness.jawab.http).get('/metrics')).text;
    return text.split('\n').filter((line) => line.startsWith('jawab_assignment_fallbacks_total{'));
  }

  it.each([
    [404, 1],
    [403, 1],
    // A 5xx is retried within the call first (3 more times), then the chain goes on.
    [500, 4],
  ] as const)('the reports answer %i: round robin over the online agents, named in the audit and counted', async (status, calls) => {
    const harness = await start({ strategy: 'least_busy' }, { fake: { openCounts: { 1: 5, 2: 1 } } });
    harness.fake!.inject({ method: 'GET', path: REPORTS }, { kind: 'status', status }, 100);
    expect(await askForHuman(harness, 1)).toEqual({ assignee_id: 1 });
    expect(await askForHuman(harness, 2)).toEqual({ assignee_id: 2 });
    expect(harness.fake!.requests.filter((r) => r.path === REPORTS)).toHaveLength(2 * calls);
    expect(await assignAudit(harness, 1)).toBe(`applied assign: least busy unavailable (GET ${REPORTS} answered ${status}${status < 500 ? `: {"error":"injected ${status}"}` : ''}): round robin: agent 1`);
    expect(await fallbacks(harness)).toEqual(['jawab_assignment_fallbacks_total{from="least_busy",to="round_robin"} 2']);
  });

  it('nobody online either: the team queue, and without a team the inbox queue, each named', async () => {
    let harness = await start({ strategy: 'least_busy', teamId: 1 });
    harness.fake!.inject({ method: 'GET', path: REPORTS }, { kind: 'status', status: 404 }, 100);
    for (const id of [1, 2]) harness.fake!.setAgentAvailability(id, 'offline');
    expect(await askForHuman(harness, 1)).toEqual({ team_id: 1 });
    expect(await assignAudit(harness, 1)).toMatch(/^applied assign: least busy unavailable \(.*404.*\): nobody online: team 1$/);
    expect(await fallbacks(harness)).toEqual(['jawab_assignment_fallbacks_total{from="least_busy",to="team"} 1']);
    await harness.close();

    harness = await start({ strategy: 'least_busy' });
    harness.fake!.inject({ method: 'GET', path: AGENTS }, { kind: 'status', status: 403 }, 100);
    expect(await askForHuman(harness, 2)).toBeUndefined();
    expect(harness.fake!.conversation(1, 2)).toMatchObject({ status: 'open', assigneeId: null });
    expect(await assignAudit(harness, 2)).toMatch(/^applied assign: online agents unavailable \(.*403.*\): nobody online: left in the inbox queue$/);
    expect(await fallbacks(harness)).toEqual(['jawab_assignment_fallbacks_total{from="least_busy",to="inbox_queue"} 1']);
  });

  it('an action that fails for good is in the audit the dashboard app shows, and in Analytics', async () => {
    const harness = await start({ strategy: 'agent', agentId: 3 });
    harness.fake!.inject({ method: 'POST', path: '/api/v1/accounts/1/conversations/1/assignments' }, { kind: 'status', status: 404 }, 100);
    expect(await askForHuman(harness, 1)).toEqual({ assignee_id: 3 });
    const links = new AppLinks(ADMIN_TOKEN);
    const sig = new URLSearchParams(links.accountLinkPath(1).split('?')[1]).get('sig')!;
    const api = request(harness.jawab.http);
    const { ticket } = (await api.post('/app/api/session').send({ account: 1, sig, inboxId: 3, conversationId: 1 }).expect(200)).body;
    const view = (await api.get('/app/api/conversations/3-1').set('authorization', `Ticket ${ticket}`).expect(200)).body;
    expect(view.audit).toContainEqual(expect.objectContaining({ what: 'dropped assign', why: expect.stringContaining('404') }));
    await harness.jawab.close();
    const report = (await api.get('/api/analytics?days=1').set('authorization', `Bearer ${ADMIN_TOKEN}`).expect(200)).body;
    expect(report.totals.failedActions).toEqual({ assign: 1 });
    expect(report.days[0].failedActions).toEqual({ assign: 1 });
  });
});
