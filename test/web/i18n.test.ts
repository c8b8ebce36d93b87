// The page's words in both languages: the same keys in English and Indonesian, and a name for every handoff reason
// and follow-up outcome Analytics shows (a missing one would show the raw key, "no_answer").
import { describe, expect, it } from 'vitest';
import { DICTS } from '../../src/web/ui/i18n.js';
import { HANDOFF_REASONS } from '../../src/rules/handoff-text.js';

const FOLLOW_UP_OUTCOMES = ['sent', 'replied', 'resolved', 'handed_off'];

describe('the settings page texts', () => {
  it('has every English key in Indonesian, and Indonesian keys English has too (or takes from the schema)', () => {
    const en = Object.keys(DICTS.en).sort();
    const id = Object.keys(DICTS.id).sort();
    expect(en.filter((key) => !(key in DICTS.id))).toEqual([]);
    // English field help is the settings schema's own description (form-context.ts falls back to it).
    expect(id.filter((key) => !(key in DICTS.en) && !key.startsWith('help.'))).toEqual([]);
  });

  it.each(['en', 'id'] as const)('names every handoff reason and follow-up outcome in %s', (lang) => {
    const missing = [...HANDOFF_REASONS.map((r) => `reason.${r}`), ...FOLLOW_UP_OUTCOMES.map((o) => `outcome.${o}`)].filter((key) => !DICTS[lang][key]);
    expect(missing).toEqual([]);
  });
});
