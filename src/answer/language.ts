// The language Jawab replies in: the persona's fixed language, or the customer's, or the fallback.
// Detection itself lives in knowledge/detect-language.ts (chunks are tagged with it at index time).
import type { Language, Persona } from '../config/settings.js';
import { addScores, decideLanguage, languageScores } from '../knowledge/detect-language.js';

export { detectLanguage } from '../knowledge/detect-language.js';

/** The latest message counts this much more than each earlier one: customers switch languages. */
const LATEST_WEIGHT = 2;

/**
 * The reply language for a persona and the customer's messages (oldest first): a fixed
 * `persona.language` wins; with `auto`, the language of the messages (the latest weighing most);
 * when they cannot tell ("ok", "sip", "P"), the language of the customer's earlier messages in the conversation
 * ("ok thx" after English questions is answered in English); and without those `persona.fallbackLanguage`.
 */
export function replyLanguage(persona: Pick<Persona, 'language' | 'fallbackLanguage'>, messages: readonly string[], earlier: readonly string[] = []): Language {
  if (persona.language !== 'auto') return persona.language;
  return languageOfMessages(messages) ?? languageOfMessages(earlier) ?? persona.fallbackLanguage;
}

function languageOfMessages(messages: readonly string[]): Language | undefined {
  const total = { id: 0, en: 0, ms: 0, es: 0, pt: 0 };
  messages.forEach((message, i) => addScores(total, languageScores(message), i === messages.length - 1 ? LATEST_WEIGHT : 1));
  return decideLanguage(total);
}

/** Human-readable names, for prompts. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  id: 'Indonesian (Bahasa Indonesia)',
  en: 'English',
  ms: 'Malay (Bahasa Melayu)',
  es: 'Spanish',
  pt: 'Portuguese',
};
