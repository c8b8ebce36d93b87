// Small talk (SPEC 3, persona): how Jawab answers a greeting, thanks, a goodbye, "are you a bot?" or a bare "kak" /
// "mau tanya", before and instead of searching the knowledge. Each text can be written per profile in Indonesian and
// English; an empty text is the built-in one in the persona's tone (dialogue/small-talk.ts). `$contact.*` variables
// are filled in, as in every fixed text.
import { z } from 'zod';

const texts = (what: string) =>
  z
    .strictObject({
      id: z.string().max(500).default('').describe(`The reply in Indonesian (also used for Malay); empty: the built-in one`),
      en: z.string().max(500).default('').describe(`The reply in English (also used for other languages); empty: the built-in one`),
    })
    .default({ id: '', en: '' })
    .describe(what);

export const smallTalkSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe('Answer greetings, thanks and goodbyes briefly instead of searching the knowledge (off: they are searched like questions)'),
    greeting: texts('The reply to a greeting ("halo kak", "P", "assalamualaikum") with no question in it'),
    thanks: texts('The reply to thanks ("makasih", "thanks!")'),
    goodbye: texts('The reply to a goodbye ("sudah cukup", "bye"); it also stops the follow-ups'),
    bot: texts('The reply to "are you a bot?" (say that an AI answers)'),
    nudge: texts('The reply to a bare "kak", "mau tanya" or "ok" when nothing was asked yet'),
  })
  .describe('Small talk: the replies to greetings, thanks, goodbyes and "are you a bot?"');
export type SmallTalkSettings = z.infer<typeof smallTalkSchema>;
