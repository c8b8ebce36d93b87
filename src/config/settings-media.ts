// What Jawab does with a customer's photo, voice note, video or file (media/). A voice note is transcribed whenever
// OPENAI_TRANSCRIPTION_MODEL is set; a photo is described only when the profile says its chat model can see.
import { z } from 'zod';

export const mediaSchema = z
  .strictObject({
    onFile: z
      .enum(['ask_to_type', 'handoff'])
      .default('ask_to_type')
      .describe('A file Jawab cannot read: ask the customer to type the question, or hand the conversation to a person'),
    describeImages: z.boolean().default(false).describe('With a model: have the chat model (it must accept images) describe a photo, and answer it'),
  })
  .describe("The customer's photos, voice notes, videos and files");
export type MediaSettings = z.infer<typeof mediaSchema>;
