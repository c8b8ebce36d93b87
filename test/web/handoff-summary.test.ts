// The dashboard app's handoff summary names the reason by key, so the page says it in the agent's language.
import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/engine/state.js';
import { reasonText } from '../../src/rules/handoff.js';
import { handoffSummary } from '../../src/web/handoff-summary.js';

const ref = { accountId: 1, inboxId: 1, conversationId: 7 };

function handedOff(why: string) {
  return { ...initialState(ref, 0), audit: [{ at: 5, what: 'handoff', why }] };
}

describe('handoffSummary', () => {
  it('reads the reason and its detail from the audit entry', () => {
    expect(handoffSummary(handedOff(reasonText('sentiment', 'frustrated')))).toMatchObject({ reasonKey: 'sentiment', detail: 'frustrated' });
    expect(handoffSummary(handedOff(reasonText('rule', 'Refund (ask first)')))).toMatchObject({ reasonKey: 'rule', detail: 'Refund (ask first)' });
    const plain = handoffSummary(handedOff(reasonText('no_answer')));
    expect(plain).toMatchObject({ reasonKey: 'no_answer', reason: 'nothing relevant was found in the knowledge' });
    expect(plain).not.toHaveProperty('detail');
  });

  it('keeps an entry it cannot tell as written', () => {
    const summary = handoffSummary(handedOff('an agent moved it'));
    expect(summary).toMatchObject({ reason: 'an agent moved it' });
    expect(summary).not.toHaveProperty('reasonKey');
  });
});
