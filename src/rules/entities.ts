// Contact details in a customer's message, by pattern (exact, no model): email, phone numbers (Indonesian and
// international), a name the customer states, an address. Values come back normalised for the Chatwoot contact.
import type { ContactField } from '../config/settings-rules.js';

export type Provided = Partial<Record<ContactField, string>>;

const EMAIL = /\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b/i;
/** Every email, to blank them out before looking for a name (replace() starts a global pattern over each call). */
const EMAILS = new RegExp(EMAIL.source, 'gi');
// Indonesian mobiles: 08…, 628…, +62 8…, with spaces, dots or dashes between groups.
const PHONE_ID = /(?<![\d+])(?:\+62|62|0)[\s.-]?8[1-9](?:[\s.-]?\d){6,10}(?!\d)/;
// Any other international number: a + and 8 to 15 digits.
const PHONE_INTL = /(?<![\d+])\+[1-9](?:[\s.-]?\d){7,14}(?!\d)/;
// The lead is matched case-insensitively, the name itself must be capitalised ("saya mau" is no name).
// Explicit leads ("my name is", "nama saya") are tried before the loose ones ("saya", "I am").
const NAME_LEADS = [
  /(?:\bmy name is|\bmy name's|\bname\s*:|\bnamaku|\bnama(?:\s+(?:saya|aku|sy|gue|gw))?(?:\s+adalah)?\s*:?)\s*/gi,
  /\b(?:i am|i'm|this is|saya|aku)\s+/gi,
];
const NAME_AT_START = /^([A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+){0,3})/;
// Words that follow "saya"/"I am" capitalised at times but are no names.
const NOT_NAMES = new Set(['Mau', 'Ingin', 'Sudah', 'Belum', 'Tidak', 'Bisa', 'Perlu', 'Minta', 'Lagi', 'Sedang', 'Not', 'Looking', 'Interested', 'Trying', 'Here', 'Sorry', 'Just', 'From', 'The', 'In', 'At', 'So', 'Very', 'Still', 'Waiting', 'Going']);
const ADDRESS_LEAD = /(?:\b(?:my address is|address\s*:|alamat(?:nya)?(?:\s+(?:saya|aku|pengiriman|kirim))?\s*(?:di|:|adalah)?)\s*)([^\n]{6,200})/i;
const ADDRESS_SHAPE = /(?:\b(?:jl|jln|jalan|gg|gang|komplek|komp|perum(?:ahan)?)\.?\s+[A-Za-z0-9][^\n]{3,150}|\b\d{1,5}\s+[A-Z][a-zA-Z]+(?:\s+[A-Z][a-zA-Z]+)*\s+(?:street|st|road|rd|avenue|ave|lane|ln|boulevard|blvd)\b[^\n]{0,100})/i;

export function findEmail(text: string): string | undefined {
  return EMAIL.exec(text)?.[0].toLowerCase();
}

/** E.164, as Chatwoot wants `phone_number`. */
export function findPhone(text: string): string | undefined {
  const id = PHONE_ID.exec(text)?.[0];
  if (id) {
    const digits = id.replace(/\D/g, '');
    return `+62${digits.replace(/^(62|0)/, '')}`;
  }
  const intl = PHONE_INTL.exec(text)?.[0];
  return intl ? `+${intl.replace(/\D/g, '')}` : undefined;
}

export function findName(text: string): string | undefined {
  const withoutEmails = text.replace(EMAILS, ' ');
  for (const leads of NAME_LEADS) {
    for (const lead of withoutEmails.matchAll(leads)) {
      const match = NAME_AT_START.exec(withoutEmails.slice(lead.index + lead[0].length))?.[1];
      if (!match) continue;
      const words = match.split(/\s+/);
      const stop = words.findIndex((w) => NOT_NAMES.has(w));
      const kept = stop < 0 ? words : words.slice(0, stop);
      if (kept.length) return kept.join(' ');
    }
  }
  return undefined;
}

export function findAddress(text: string): string | undefined {
  const found = ADDRESS_LEAD.exec(text)?.[1] ?? ADDRESS_SHAPE.exec(text)?.[0];
  return found?.replace(/\s+/g, ' ').replace(/[.\s]+$/, '').trim() || undefined;
}

export function findContactDetails(text: string): Provided {
  const provided: Provided = {};
  const email = findEmail(text);
  // An email's digits are not a phone number: look for the phone without it.
  const phone = findPhone(email ? text.replace(EMAIL, ' ') : text);
  const name = findName(text);
  const address = findAddress(text);
  if (email) provided.email = email;
  if (phone) provided.phone = phone;
  if (name) provided.name = name;
  if (address) provided.address = address;
  return provided;
}
