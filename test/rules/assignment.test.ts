// Handoff strategies against the fake Chatwoot: round robin among online agents that goes on after a restart,
// least busy with agents offline, and the team or inbox queue when nobody is online.
import { afterEach, describe, expect, it } from 'vitest';
import type { AssignTo } from '../../src/config/settings-rules.js';
import { defaultSettings } from '../../src/config/settings.js';
import { nextInRotation } from '../../src/rules/assignment.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { type Harness, startHarness } from '../helpers/harness.js';
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
