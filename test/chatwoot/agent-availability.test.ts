// Only agents Chatwoot reports `online` take a handoff (SPEC 1): `available`, the OpenAPI enum's word that real
// servers never send, counts as not available, for least-busy and any-available assignment alike.
import { afterEach, describe, expect, it } from 'vitest';
import type { AssignTo } from '../../src/config/settings-rules.js';
import { defaultSettings } from '../../src/config/settings.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Agent 1 is reported `available` (and has the fewest open conversations), agent 2 `online`; a customer asks for a human. */
async function handoffWith(assign: AssignTo): Promise<unknown[]> {
  const handoff = { ...defaultSettings().defaultProfile.handoff, assign };
  h = await startHarness({ profile: { handoff }, answerer: fixedAnswerer(), fake: { openCounts: { 1: 0, 2: 4 } } });
  h.fake!.setAgentAvailability(1, 'available');
  await h.deliver(customerMessage({ id: 9201, conversationId: 1, text: 'I want to talk to a human' }));
  await h.settle();
  h.fake!.assertNoViolations();
  return h.fake!.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/accounts/1/conversations/1/assignments').map((r) => r.body);
}

describe('agent availability', () => {
  it('least busy skips an agent reported `available`', async () => {
    expect(await handoffWith({ strategy: 'least_busy' })).toEqual([{ assignee_id: 2 }]);
  });

  it('any available skips an agent reported `available`', async () => {
    expect(await handoffWith({ strategy: 'any_available' })).toEqual([{ assignee_id: 2 }]);
  });
});
