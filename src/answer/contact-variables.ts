// `$contact.*` variables (SPEC 3) in the texts the company writes: the persona for the model, and every fixed text
// that goes to a customer (rule messages, handover, out-of-hours, idle, follow-up and flow messages, buttons).
import type { ContactFacts } from './types.js';

/** Marks where a variable had no value, so only the text around it is tidied, never the company's own wording. */
const GAP = '\u0000';

/**
 * A name that is not a person's: a channel's stand-in (a phone number, no letters at all) or the name Chatwoot makes
 * up for an anonymous website visitor (`Haikunator.haikunate(1000)`, e.g. `silent-moon-421`). Greeting the customer
 * with it ("Hi +62812…", "Hi silent-moon-421") is worse than no name.
 */
export function isPlaceholderName(name: string): boolean {
  return !/\p{L}/u.test(name) || /^[a-z]+-[a-z]+-\d{1,4}$/.test(name);
}

/**
 * Fills `$contact.firstname` (`first_name`), `$contact.name`, `$contact.email`, `$contact.phone` (`phone_number`)
 * and `$contact.<custom attribute>`. A value that itself reads like a variable (a customer naming themselves
 * `$contact.notes`) loses its `$`, so filling twice (a rule's text that also reaches the model's prompt) cannot pull
 * out another attribute.
 *
 * A variable without a value is dropped and the text around it tidied, rather than replaced by a neutral word: a
 * stand-in word fits one language and one sentence ("there" in "Hi there", "Kak" in "Halo Kak"), while dropping the
 * name reads right in English and Indonesian greetings alike: "Hi $contact.firstname," -> "Hi,", "Halo kak
 * $contact.firstname!" -> "Halo kak!", "Thanks, $contact.firstname!" -> "Thanks!", "$contact.firstname, your
 * order…" -> "Your order…". A missing email or phone in the middle of a sentence cannot be repaired this way: texts
 * that need one belong after a rule that asks for it (`ask_for`), which holds its messages until it is given.
 */
export function fillContactVariables(text: string, contact: ContactFacts): string {
  const realName = contact.name?.trim() && !isPlaceholderName(contact.name.trim()) ? contact.name.trim() : '';
  const firstName = realName.split(/\s+/)[0] ?? '';
  const phone = contact.phone?.trim() ?? '';
  const known: Record<string, string> = {
    firstname: firstName,
    first_name: firstName,
    name: realName,
    email: contact.email?.trim() ?? '',
    phone,
    phone_number: phone,
  };
  const filled = text.replace(/\$contact\.([A-Za-z0-9_]+)/g, (_whole, key: string) => {
    const builtIn = known[key.toLowerCase()];
    const custom = contact.customAttributes?.[key];
    const value = builtIn ?? (custom === undefined ? '' : String(custom).trim());
    return value.replace(/\$(?=contact\.)/gi, '') || GAP;
  });
  return filled.includes(GAP) ? closeGaps(filled) : filled;
}

/** Removes the marks of empty variables and tidies the spaces and punctuation they leave behind. */
function closeGaps(text: string): string {
  return (
    text
      // Brackets around nothing go with the space before them ("Budi ($contact.email)" -> "Budi").
      .replace(/[ \t]*\([ \t]*\u0000[ \t]*\)/g, GAP)
      // "$contact.firstname $contact.name" with neither known is one gap.
      .replace(/\u0000(?:[ \t]*\u0000)+/g, GAP)
      // Opening a line: the comma after it goes, the next word gets the capital ("$contact.firstname, your" -> "Your").
      .replace(/(^|\n)[ \t]*\u0000[ \t]*[,;:]?[ \t]*(\p{Ll})?/gu, (_m, start: string, letter: string | undefined) => start + (letter?.toUpperCase() ?? ''))
      // After a comma and before punctuation or the line's end, the comma goes too ("Thanks, $contact.firstname!" -> "Thanks!").
      .replace(/[ \t]*[,;:][ \t]*\u0000[ \t]*(?=[,.!?;:)]|\n|$)/g, '')
      // Before punctuation or the line's end, with the spaces before it ("Hi $contact.firstname," -> "Hi,").
      .replace(/[ \t]*\u0000[ \t]*(?=[,.!?;:)]|\n|$)/g, '')
      // Between words, one space stays ("Hi $contact.firstname 👋" -> "Hi 👋").
      .replace(/[ \t]*\u0000[ \t]*/g, (gap) => (gap.length > 1 ? ' ' : ''))
  );
}
