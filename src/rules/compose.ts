// The reply a turn sends when rules shape it: exact messages, the answer without what must not be mentioned, the
// information that must be in it, a topic to bring up, and the question for missing contact details.
// The exact parts are enforced here, whatever the answerer did with the guidance.
import type { AnswerGuidance } from '../answer/types.js';
import type { ContactField } from '../config/settings-rules.js';
import type { Language, Persona } from '../config/settings.js';
import type { AskItem } from './details.js';
import { normalize } from './normalize.js';

const FIELD_NAMES: Record<'en' | 'id', Record<ContactField, string>> = {
  en: { email: 'email address', phone: 'phone number', name: 'name', address: 'address' },
  id: { email: 'alamat email', phone: 'nomor telepon/WhatsApp', name: 'nama', address: 'alamat lengkap' },
};

/** How the question for details is put: first, after some came (`more`), after none did (`still`). */
const ASK: Record<'en' | 'id', Record<'first' | 'more' | 'still', (list: string, you: string) => string>> = {
  en: {
    first: (list) => `Could you share your ${list}?`,
    more: (list) => `Thank you! Could you also share your ${list}?`,
    still: (list) => `When you have a moment, could you share your ${list}?`,
  },
  id: {
    first: (list, you) => `Boleh minta ${list} ${you}?`,
    more: (list, you) => `Terima kasih! Boleh minta juga ${list} ${you}?`,
    still: (list, you) => `Kalau sudah sempat, boleh minta ${list} ${you}?`,
  },
};

/** A custom attribute is called by its name in the settings, else by its key ("order_number" → "order number"). */
const itemName = (item: AskItem, id: boolean): string => (typeof item === 'string' ? FIELD_NAMES[id ? 'id' : 'en'][item] : (item.name ?? item.key.replace(/[_-]+/g, ' ')));

export interface AskWording {
  language: Language;
  /** The persona's tone: a casual Indonesian persona says "kakak", as its small talk does. */
  tone: Persona['tone'];
  again?: 'more' | 'still';
}

/** The question for missing details; Malay reads the Indonesian one, other languages the English one. */
export function askForDetails(items: AskItem[], wording: AskWording): string {
  const id = wording.language === 'id' || wording.language === 'ms';
  const names = items.map((item) => itemName(item, id));
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} ${id ? 'dan' : 'and'} ${names.at(-1)}` : names[0]!;
  return ASK[id ? 'id' : 'en'][wording.again ?? 'first'](list, wording.tone === 'casual' ? 'kakak' : 'Anda');
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
  /** Messages a rule held until its details came: first, whatever else the reply holds. */
  released: string[];
  messages: string[];
  answer?: { text: string; mode: 'model' | 'offline' };
  guidance: AnswerGuidance;
  ask: AskItem[];
  again?: 'more' | 'still';
  tone: Persona['tone'];
  language: Language;
  /** The persona's reply length limit: `try` topics are added only when they fit. */
  maxChars: number;
}

export function composeReply(parts: ReplyParts): string {
  const pieces = [...parts.released, ...parts.messages];
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
  if (parts.ask.length) pieces.push(askForDetails(parts.ask, { language: parts.language, tone: parts.tone, again: parts.again }));
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
