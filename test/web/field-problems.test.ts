// A refused settings field in plain words, English and Indonesian, and where it is by the page's own names.
import { describe, expect, it } from 'vitest';
import { fieldName, problemSentence, problemText } from '../../src/web/ui/field-problems.js';

describe('problemText', () => {
  it.each([
    [{ code: 'too_long', params: { max: 80, of: 'string' } }, 'at most 80 characters', 'paling banyak 80 karakter'],
    [{ code: 'too_long', params: { max: 5, of: 'array' } }, 'at most 5 items', 'paling banyak 5 item'],
    [{ code: 'too_short', params: { min: 0, of: 'number' } }, 'at least 0', 'paling kecil 0'],
    [{ code: 'required' }, 'needs a value', 'wajib diisi'],
    [{ code: 'not_a_choice', params: { choices: 'friendly, formal' } }, 'choose one of: friendly, formal', 'pilih salah satu: friendly, formal'],
    [{ code: 'wrong_format', params: { format: 'url' } }, 'not in the expected form (url)', 'formatnya tidak sesuai (url)'],
  ])('%j', (problem, en, id) => {
    const withMessage = { path: 'x', message: 'zod said so', ...problem };
    expect(problemText('en', withMessage)).toBe(en);
    expect(problemText('id', withMessage)).toBe(id);
  });

  it("keeps a rule's own message when there is no code", () => {
    expect(problemText('id', { path: 'x', message: 'a flow step cannot lead to itself' })).toBe('a flow step cannot lead to itself');
  });

  it('is a sentence under its field', () => {
    expect(problemSentence('en', { path: 'x', message: '', code: 'too_long', params: { max: 80, of: 'string' } })).toBe('At most 80 characters');
  });
});

describe('fieldName', () => {
  it('names the field as the page does, without the profile or the schema path', () => {
    expect(fieldName('en', 'defaultProfile.persona.name')).toBe('Persona › Name');
    expect(fieldName('en', 'inboxes.7.rules.0.conditions.1.value')).toBe('Rules 1 › Conditions 2 › Value');
    expect(fieldName('id', 'defaultProfile.persona.name')).not.toContain('defaultProfile');
  });
});
