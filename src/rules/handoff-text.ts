// What the customer reads when Jawab hands over, in their language.
import type { Language } from '../config/settings.js';

export const HANDOFF_REASONS = ['asked_for_human', 'no_answer', 'order', 'overdue', 'lookup', 'attachment', 'rule', 'sentiment', 'bot_replies', 'idle', 'follow_up', 'flow', 'lost_memory', 'contact_stopped'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

const HANDOVER: Record<Language, string> = {
  en: 'I am passing you to a member of our team now. They will reply here shortly.',
  id: 'Saya sambungkan Anda dengan tim kami sekarang ya. Mereka akan membalas di sini sebentar lagi.',
  ms: 'Saya sambungkan anda dengan pasukan kami sekarang. Mereka akan membalas di sini sebentar lagi.',
  es: 'Le paso ahora con una persona de nuestro equipo. Le responderá aquí en breve.',
  pt: 'Vou passar você agora para alguém da nossa equipe. Responderão aqui em breve.',
};

const OUT_OF_HOURS: Record<Language, string> = {
  en: 'Our team is outside working hours right now. They will reply here as soon as they are back.',
  id: 'Tim kami sedang di luar jam kerja. Mereka akan membalas di sini begitu kembali bertugas.',
  ms: 'Pasukan kami berada di luar waktu bekerja sekarang. Mereka akan membalas di sini sebaik sahaja kembali.',
  es: 'Nuestro equipo está fuera del horario de atención. Le responderán aquí en cuanto vuelvan.',
  pt: 'Nossa equipe está fora do horário de atendimento. Responderão aqui assim que voltarem.',
};

const NOT_FOUND: Record<Language, string> = {
  en: "Sorry, I couldn't find the answer to that in our information.",
  id: 'Maaf, saya belum menemukan jawabannya di informasi kami.',
  ms: 'Maaf, saya tidak menjumpai jawapannya dalam maklumat kami.',
  es: 'Lo siento, no encontré la respuesta en nuestra información.',
  pt: 'Desculpe, não encontrei a resposta nas nossas informações.',
};

const SORRY: Record<Language, string> = {
  en: 'Sorry for the trouble.',
  id: 'Mohon maaf atas kendalanya.',
  ms: 'Maaf atas kesulitan ini.',
  es: 'Disculpe las molestias.',
  pt: 'Desculpe pelo transtorno.',
};

const NOTED: Record<Language, string> = {
  en: 'Thank you, noted.',
  id: 'Terima kasih, sudah kami catat.',
  ms: 'Terima kasih, sudah kami catat.',
  es: 'Gracias, anotado.',
  pt: 'Obrigado, anotado.',
};

const ATTACHMENT: Record<Language, string> = {
  en: 'Thank you, I have received your file.',
  id: 'Terima kasih, file Anda sudah kami terima.',
  ms: 'Terima kasih, fail anda telah diterima.',
  es: 'Gracias, hemos recibido su archivo.',
  pt: 'Obrigado, recebemos o seu arquivo.',
};

const ASK_AGAIN: Record<Language, string> = {
  en: 'Could you put it another way?',
  id: 'Boleh dijelaskan dengan kata lain?',
  ms: 'Boleh terangkan dengan cara lain?',
  es: '¿Podría decirlo de otra manera?',
  pt: 'Pode dizer de outra forma?',
};

/** True when a reply says that the answer was not found, in any language: small talk must never read like that. */
export function saysNotFound(text: string): boolean {
  return Object.values(NOT_FOUND).some((sentence) => text.includes(sentence));
}

/** When handoff on no answer is off: say it was not found and keep the conversation going. */
export function notFoundMessage(language: Language): string {
  return `${NOT_FOUND[language]} ${ASK_AGAIN[language]}`;
}

/** Outside business hours the customer hears when the team is back, not that someone replies shortly. */
/** What the unanswered messages did (dialogue/acts.ts): only a question has an answer that can be "not found". */
export type Unanswered = 'question' | 'trouble' | 'request';

export function handoverMessage(reason: HandoffReason, language: Language, custom: string, outOfHours?: string, unanswered: Unanswered = 'question'): string {
  const handover = outOfHours === undefined ? custom.trim() || HANDOVER[language] : outOfHours.trim() || OUT_OF_HOURS[language];
  if (reason === 'no_answer' && unanswered === 'question') return `${NOT_FOUND[language]} ${handover}`;
  // Trouble gets an apology, whether nothing answered it or the customer asked for a person over it.
  if ((reason === 'no_answer' || reason === 'asked_for_human') && unanswered === 'trouble') return `${SORRY[language]} ${handover}`;
  if (reason === 'overdue') return `${SORRY[language]} ${handover}`;
  if (reason === 'attachment') return `${ATTACHMENT[language]} ${handover}`;
  if (reason === 'lookup') return `${NOTED[language]} ${handover}`;
  return handover;
}

export const REASON_TEXT: Record<HandoffReason, string> = {
  asked_for_human: 'the customer asked for a human',
  no_answer: 'nothing relevant was found in the knowledge',
  order: 'the customer is placing an order, which a person takes',
  overdue: 'the customer has waited longer than the time Jawab gave, which a person looks into',
  lookup: 'the customer gave a reference (an order or tracking number) or what Jawab asked them to send (a receipt), which only a person can check',
  attachment: 'the customer sent a file the bot cannot read',
  rule: 'a rule said so',
  sentiment: 'the customer’s mood calls for a person',
  bot_replies: 'the bot replied several times without resolving it',
  idle: 'the customer was idle',
  follow_up: 'the customer did not answer the follow-ups',
  flow: 'the flow ended with humans',
  lost_memory: 'Jawab lost its memory of this conversation (what it had kept could not be read and was moved aside)',
  contact_stopped: 'the AI is stopped for this contact (from the dashboard app), so their conversations go to your team',
};
