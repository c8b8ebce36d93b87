// RETENTION_DAYS: how long a conversation's state is kept after its last activity (default 90); a value that is not a
// whole number of days from 1 to 36,500 stops the start with one line naming it.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';

const BAD = 'configuration error: RETENTION_DAYS must be a whole number of days from 1 to 36500';

describe('RETENTION_DAYS', () => {
  it.each(['0', '-5', '1.5', 'abc', '90d', ' ', '36501', '1e3'])('refuses %j', (RETENTION_DAYS) => {
    expect(() => loadConfig({ RETENTION_DAYS })).toThrow(new Error(BAD));
  });

  it.each([
    [{}, 90],
    [{ RETENTION_DAYS: '' }, 90],
    [{ RETENTION_DAYS: '1' }, 1],
    [{ RETENTION_DAYS: ' 30 ' }, 30],
    [{ RETENTION_DAYS: '36500' }, 36_500],
  ])('takes %o as %i days', (env, days) => {
    expect(loadConfig(env).retentionDays).toBe(days);
  });
});
