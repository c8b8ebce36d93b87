// Which conversation `/api/conversations/:id` names. Jawab keys a conversation by `<inbox id>-<conversation id>`
// (events of a conversation carry no account id, an inbox belongs to one account); admins know the Chatwoot
// conversation id, unique within an account, so that form asks the helpdesk for the conversation's inbox.
import { HelpdeskError, type HelpdeskPort } from '../chatwoot/port.js';
import type { ConversationRecord, ConversationStore } from '../store/types.js';

/** Jawab's own name for a conversation: `<inbox id>-<conversation id>`. */
export const CONVERSATION_KEY = /^\d+-\d+$/;
const ID = /^\d{1,15}$/;
/** Chatwoot numbers accounts from 1; the first one is what a single-account installation has. */
const DEFAULT_ACCOUNT = 1;

export type Problem = { status: number; code: string; message: string };

/** The conversation `id` names, when Jawab has seen it; else the error to answer with. */
export async function findConversation(
  helpdesk: HelpdeskPort,
  store: ConversationStore,
  id: string,
  account: unknown,
): Promise<{ key: string; record: ConversationRecord; state: NonNullable<ConversationRecord['state']> } | Problem> {
  const found = await resolveKey(helpdesk, id, account);
  if ('status' in found) return found;
  const record = await store.read(found.key);
  // The `<inbox>-<id>` form names no account; the Chatwoot id form must match the account it was asked in.
  if (!record?.state || (found.accountId !== undefined && record.state.ref.accountId !== found.accountId)) {
    return { status: 404, code: 'not_found', message: 'Jawab has not seen this conversation' };
  }
  return { key: found.key, record, state: record.state };
}

async function resolveKey(helpdesk: HelpdeskPort, id: string, account: unknown): Promise<{ key: string; accountId?: number } | Problem> {
  if (CONVERSATION_KEY.test(id)) return { key: id };
  const accountId = account === undefined ? DEFAULT_ACCOUNT : Number(account);
  if (!ID.test(id) || !Number.isSafeInteger(accountId) || accountId <= 0) {
    return { status: 400, code: 'bad_id', message: 'use the Chatwoot conversation id (with ?account=<id>, default 1) or <inbox id>-<conversation id>' };
  }
  try {
    const inbox = await helpdesk.conversationInbox(accountId, Number(id));
    if (inbox === null) return { status: 404, code: 'not_found', message: `Chatwoot has no conversation ${id} in account ${accountId}` };
    return { key: `${inbox}-${id}`, accountId };
  } catch (error) {
    const why = error instanceof HelpdeskError ? error.message : String(error);
    return { status: 502, code: 'helpdesk_unavailable', message: `could not ask Chatwoot for conversation ${id}: ${why}` };
  }
}
