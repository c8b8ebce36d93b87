// The company's fixed texts, filled for this conversation's customer (`$contact.*`, SPEC 3). Every settings text that
// becomes a message to the customer or a note for the agent goes through a filler made here, where the reply action is
// built (rules/plan.ts, handoff.ts, automation.ts, flow.ts). Filling there, not on the way out of the outbox, keeps
// the answers of the knowledge or the model unfilled (a prompt-injected "$contact.notes" must not be expanded) and
// puts the filled text in the transcript, the handoff note and the handoff summary too.
import { fillContactVariables, isPlaceholderName } from '../answer/contact-variables.js';
import type { ContactFacts } from '../answer/types.js';
import type { ConversationState } from '../engine/state.js';
import type { Provided } from './entities.js';

export type Fill = (text: string) => string;

/**
 * What is known of the customer: the contact, and the details they gave in this session (the turn saves those to the
 * contact, so "Thanks $contact.firstname" after asking for the name uses the name just given). A real name on the
 * contact wins over a stated one, as when saving (rules/plan.ts); a stated email, phone or address replaces the saved one.
 */
export function contactFiller(state: ConversationState, collected?: Provided): Fill {
  const given = { ...state.collected, ...collected };
  const contact = state.contact;
  const facts: ContactFacts = {
    name: contact?.name && !isPlaceholderName(contact.name.trim()) ? contact.name : given.name,
    email: given.email ?? contact?.email,
    phone: given.phone ?? contact?.phone,
    customAttributes: { ...contact?.customAttributes, ...(given.address === undefined ? {} : { address: given.address }) },
  };
  return (text) => fillContactVariables(text, facts);
}
