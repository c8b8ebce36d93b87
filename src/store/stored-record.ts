// A conversation's stored record as read back from its file (or Redis hash): checked at this edge, so a file cut in
// half, emptied, overwritten or hand-edited into another shape is caught where it is read, instead of failing the
// conversation's every later message somewhere inside. The check covers the parts every step relies on; objects
// stay loose (unknown keys kept), so a field added to the state by a later version does not make older records
// unreadable, nor newer ones to an older version.
import { z } from 'zod';
import type { ConversationRecord } from './types.js';

const ref = z.looseObject({ accountId: z.number(), inboxId: z.number(), conversationId: z.number() });
const timed = { at: z.number() };

const state = z.looseObject({
  ref,
  owner: z.enum(['ai', 'human', 'stopped']),
  status: z.enum(['open', 'resolved', 'pending', 'snoozed']),
  labels: z.array(z.string()),
  assigneeId: z.number().nullable(),
  sessionStartedAt: z.number(),
  botReplies: z.number(),
  pending: z.array(z.looseObject({ messageId: z.number(), text: z.string(), attachmentCount: z.number(), ...timed })),
  timers: z.record(z.string(), z.number()),
  transcript: z.array(z.looseObject({ role: z.enum(['customer', 'bot', 'agent']), text: z.string(), ...timed })),
  conversationUpdatedAt: z.number(),
  audit: z.array(z.looseObject({ what: z.string(), why: z.string(), ...timed })),
});

const record = z.looseObject({
  state: state.optional(),
  outbox: z.array(
    z.looseObject({
      id: z.string(),
      action: z.looseObject({ type: z.string() }),
      status: z.enum(['pending', 'inflight']),
      attempts: z.number(),
      createdAt: z.number(),
    }),
  ),
  seen: z.record(z.string(), z.number()),
  nextActionId: z.number().int().positive(),
  lostMemory: z.looseObject(timed).optional(),
});

/** A stored record that cannot be used: its text is not JSON, or its JSON is not a conversation record. */
export class UnreadableRecord extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnreadableRecord';
  }
}

/**
 * The record a stored text holds; throws UnreadableRecord, saying why, when it holds none. `checkShape` false: only
 * the JSON is checked, for a text known to be one this process wrote (the shape check costs more than the parse).
 */
export function parseRecord(text: string, checkShape = true): ConversationRecord {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UnreadableRecord(text.trim() ? `not JSON (${error instanceof Error ? error.message : String(error)})` : 'empty');
  }
  const checked = checkShape ? record.safeParse(data) : { success: true as const };
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new UnreadableRecord(`not a conversation record: ${issue.path.join('.') || '(root)'} ${issue.message}`);
  }
  // The text's own objects, not zod's copies: checked, and every key kept as it was written.
  return data as ConversationRecord;
}
