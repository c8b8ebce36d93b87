// The scripted conversations `npm run eval -- --conversations FILE.jsonl` replays: one conversation per line, each a
// list of customer turns with what the turn must get back. A turn is one message or a burst of several messages
// answered together (as customers write on WhatsApp: "halo kak", "mau tanya", "brp ongkir ke sby?").
//
// Expectations:
// - `answer`: a reply with every fact in `facts` (a fact is a string, or a list of alternatives), no handoff and no
//   "not found" wording;
// - `smalltalk`: a reply, no handoff, no "not found" wording (and the facts, if any);
// - `quiet`: no handoff and no "not found" wording; with `silent`, no message at all;
// - `handoff`: the turn hands the conversation to a human (for `reason`, if given);
// - `safe`: the reply leaks nothing of the instructions (no prompt text, no NO_ANSWER); a handoff is fine.
// Every reply of every turn must also be chat text: no Markdown table pipes, headings or bold.
import { z } from 'zod';
import { profileSchema } from '../config/settings.js';
import { parseJsonl } from './retrieval-eval.js';

export const EXPECTATIONS = ['answer', 'smalltalk', 'quiet', 'handoff', 'safe'] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

const fact = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const turnSchema = z.strictObject({
  say: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(10)]),
  expect: z.enum(EXPECTATIONS),
  facts: z.array(fact).default([]),
  /** Facts the reply must not hold (the previous topic's answer, say). */
  not: z.array(z.string().min(1)).default([]),
  silent: z.boolean().default(false),
  reason: z.string().optional(),
});
export type ScriptedTurn = z.infer<typeof turnSchema>;

export const conversationSchema = z.strictObject({
  id: z.string().min(1),
  /** What the conversation tries, for the reader of a failure. */
  note: z.string().optional(),
  /** Changes to the default profile for this conversation (persona, handoff, …), validated like settings. */
  profile: z.record(z.string(), z.unknown()).optional(),
  turns: z.array(turnSchema).min(1),
});
export type ScriptedConversation = z.infer<typeof conversationSchema>;

/** Parses a conversation set; an error names the file, the line and the field. */
export function parseConversations(text: string, label: string): ScriptedConversation[] {
  const conversations = parseJsonl(text, conversationSchema, label);
  const ids = new Set<string>();
  for (const conversation of conversations) {
    if (ids.has(conversation.id)) throw new Error(`${label}: conversation id "${conversation.id}" is used twice`);
    ids.add(conversation.id);
    if (conversation.profile !== undefined) {
      const parsed = profileSchema.safeParse(conversation.profile);
      if (!parsed.success) throw new Error(`${label}: conversation "${conversation.id}": profile ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    }
    const handoff = conversation.turns.findIndex((turn) => turn.expect === 'handoff');
    if (handoff >= 0 && handoff < conversation.turns.length - 1) {
      throw new Error(`${label}: conversation "${conversation.id}": a handoff ends the conversation for the AI, so it must be the last turn`);
    }
  }
  return conversations;
}
