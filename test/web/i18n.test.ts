// The page's words in both languages: the same keys in English and Indonesian, and a name for every handoff reason
// and follow-up outcome Analytics shows (a missing one would show the raw key, "no_answer").
import { describe, expect, it } from 'vitest';
import { DICTS } from '../../src/web/ui/i18n.js';
import { HANDOFF_REASONS } from '../../src/rules/handoff-text.js';
import { type JsonSchema, settingsJsonSchema } from '../../src/config/settings-json-schema.js';

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

  it('has an Indonesian label for every settings field, Indonesian help where the schema has English help, and every choice', () => {
    const fields = new Map<string, boolean>();
    const choices = new Set<string>();
    const seen = new Set<JsonSchema>();
    const walk = (schema: JsonSchema | undefined): void => {
      if (schema === undefined || typeof schema !== 'object' || seen.has(schema)) return;
      seen.add(schema);
      for (const [name, child] of Object.entries(schema.properties ?? {})) {
        fields.set(name, (fields.get(name) ?? false) || typeof child.description === 'string');
        walk(child);
      }
      for (const child of [schema.items, schema.additionalProperties, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...Object.values(schema.$defs ?? {})]) {
        if (child && typeof child === 'object') walk(child as JsonSchema);
      }
      for (const value of [...(schema.enum ?? []), schema.const]) if (typeof value === 'string') choices.add(value);
    };
    walk(settingsJsonSchema());
    const keys = Object.keys(DICTS.id);
    // A label or help in any context (`label.smallTalk.greeting`) counts for the field's name.
    const has = (kind: string, name: string) => keys.some((key) => key === `${kind}.${name}` || (key.startsWith(`${kind}.`) && key.endsWith(`.${name}`)));
    // Drawn by components of their own (tabs, the profile picker, the knowledge tab, the team language select).
    const ownComponents = new Set(['defaultProfile', 'inboxes', 'sources', 'state', 'kind', 'teamLanguage']);
    const knowledgeWords = new Set(['enabled', 'disabled', 'disconnected', 'files', 'snippets', 'website', 'helpcenter']);
    expect([...fields.keys()].filter((name) => !ownComponents.has(name) && !has('label', name))).toEqual([]);
    expect([...fields].filter(([name, described]) => described && !ownComponents.has(name) && !has('help', name)).map(([name]) => name)).toEqual([]);
    expect([...choices].filter((value) => !knowledgeWords.has(value) && !has('option', value))).toEqual([]);
  });
});
