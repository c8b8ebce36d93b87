// The reply a turn sends when rules shape it: exact messages, the answer without what must not be mentioned, the
// information that must be in it, a topic to bring up, and the question for missing contact details.
// The exact parts are enforced here, whatever the answerer did with the guidance.
import type { AnswerGuidance } from '../answer/types.js';
import type { ContactField } from '../config/settings-rules.js';
import type { Language, Persona } from '../config/settings.js';
import { normalize } from './normalize.js';

const FIELD_NAMES: Record<'en' | 'id', Record<ContactField, string>> = {
  en: { email: 'email address', phone: 'phone number', name: 'name', address: 'address' },
  id: { email: 'alamat email', phone: 'nomor telepon/WhatsApp', name: 'nama', address: 'alamat lengkap' },
};

/** The question for missing details; Malay reads the Indonesian one, other languages the English one. */
export function askForDetails(fields: ContactField[], language: Language): string {
  const id = language === 'id' || language === 'ms';
  const names = fields.map((f) => FIELD_NAMES[id ? 'id' : 'en'][f]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} ${id ? 'dan' : 'and'} ${names.at(-1)}` : names[0];
  return id ? `Boleh minta ${list} Anda?` : `Could you share your ${list}?`;
}

const BY_THE_WAY: Record<'en' | 'id', string> = { en: 'By the way:', id: 'Oh ya,' };

/** The persona the answerer gets: the guidance as guidelines, so a model follows it in its own words. */
export function guidedPersona(persona: Persona, guidance: AnswerGuidance): Persona {
  const guidelines = [
    ...guidance.include.map((info) => `Always include this information in the reply: ${info}`),
    ...guidance.topics.map((t) => (t.mode === 'always' ? `Bring up this topic: ${t.topic}` : `If it fits naturally, bring up this topic: ${t.topic}`)),
  ];
  return { ...persona, guidelines: [...persona.guidelines, ...guidelines].slice(-50), dontMention: [...persona.dontMention, ...guidance.dontMention] };
}

export interface ReplyParts {
  messages: string[];
  answer?: { text: string; mode: 'model' | 'offline' };
  guidance: AnswerGuidance;
  ask: ContactField[];
  language: Language;
  /** The persona's reply length limit: `try` topics are added only when they fit. */
  maxChars: number;
}

export function composeReply(parts: ReplyParts): string {
  const pieces = [...parts.messages];
  if (parts.answer) pieces.push(withoutMentions(parts.answer.text, parts.guidance.dontMention));
  const sofar = () => normalize(pieces.join(' '));
  for (const info of parts.guidance.include) if (!sofar().includes(normalize(info))) pieces.push(info);
  // A model was told to bring the topics up in its own words; the offline answerer cannot, so they are added.
  if (parts.answer?.mode !== 'model') {
    const lead = BY_THE_WAY[parts.language === 'id' || parts.language === 'ms' ? 'id' : 'en'];
    for (const t of parts.guidance.topics) {
      const line = `${lead} ${t.topic}`;
      if (t.mode === 'always' || pieces.join(' ').length + line.length <= parts.maxChars) pieces.push(line);
    }
  }
  if (parts.ask.length) pieces.push(askForDetails(parts.ask, parts.language));
  return pieces.filter((p) => p.trim()).join('\n\n');
}

/** Drops the sentences that mention a forbidden item. */
function withoutMentions(text: string, items: string[]): string {
  if (!items.length) return text;
  const forbidden = items.map(normalize).filter(Boolean);
  return text
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => {
      const normalized = normalize(sentence);
      return !forbidden.some((f) => normalized.includes(f));
    })
    .join(' ');
}
