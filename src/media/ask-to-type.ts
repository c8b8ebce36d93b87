// What the customer reads when Jawab cannot read what they sent (a photo, a voice note, a video, a file): thanks, and
// a request to type the question, in their language. Never "not found": nothing was looked for.
import type { Language } from '../config/settings.js';
import type { Attachment } from '../engine/events.js';

const THINGS: Record<Language, Record<Attachment['kind'], string>> = {
  en: { image: 'your photo', audio: 'your voice message', video: 'your video', file: 'your file' },
  id: { image: 'foto', audio: 'pesan suara', video: 'video', file: 'file' },
  ms: { image: 'foto', audio: 'mesej suara', video: 'video', file: 'fail' },
  es: { image: 'su foto', audio: 'su nota de voz', video: 'su video', file: 'su archivo' },
  pt: { image: 'a sua foto', audio: 'a sua mensagem de voz', video: 'o seu vídeo', file: 'o seu arquivo' },
};

const ASK: Record<Language, string> = {
  en: 'Thank you, I have received {thing}. I can only read text here: could you type your question?',
  id: 'Terima kasih, {thing} Anda sudah kami terima. Saya hanya bisa membaca teks: boleh diketik pertanyaannya?',
  ms: 'Terima kasih, {thing} anda telah diterima. Saya hanya boleh membaca teks: boleh taipkan soalan anda?',
  es: 'Gracias, recibí {thing}. Aquí solo puedo leer texto: ¿podría escribir su pregunta?',
  pt: 'Obrigado, recebi {thing}. Aqui só consigo ler texto: pode escrever a sua pergunta?',
};

export function askToType(kind: Attachment['kind'], language: Language): string {
  return ASK[language].replace('{thing}', THINGS[language][kind]);
}
