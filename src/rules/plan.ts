// From the rules that fired to a plan for the turn: the exact messages, what shapes the answer, the side effects,
// a resolve or snooze, a handoff. The turn orders them (rules/compose.ts): contact details are saved first, the
// reply goes out before labels and notes, a resolve after the reply, a handoff last. A rule that asks for contact
// details holds its own messages back until they are given (ask first, thank after).
import { isPlaceholderName } from '../answer/contact-variables.js';
import type { AnswerGuidance } from '../answer/types.js';
import type { AssignTo, ContactField } from '../config/settings-rules.js';
import type { ContactChanges, Priority } from '../chatwoot/port.js';
import type { HelpdeskAction } from '../engine/actions.js';
import type { Awaiting, ConversationState } from '../engine/state.js';
import { type ConditionContext, ruleFires } from './conditions.js';
import type { Provided } from './entities.js';
import { contactFiller } from './personalize.js';

export interface RulePlan {
  fired: string[];
  /** Exact messages, sent instead of an AI answer unless `answer` is set. */
  messages: string[];
  /** A rule said to answer from knowledge (also next to exact messages). */
  answer: boolean;
  guidance: AnswerGuidance;
  /** Contact details to ask for, in the reply. */
  ask: ContactField[];
  /** Saving contact details and attributes: first, so the agent sees them with the first reply. */
  saves: HelpdeskAction[];
  /** Labels, priority, conversation attributes, notes: after the reply. */
  effects: HelpdeskAction[];
  close?: { status: 'resolved' } | { status: 'snoozed'; until: number };
  handoff?: { rule: string; to?: AssignTo };
  /** undefined: unchanged; null: cleared. */
  awaiting?: Awaiting | null;
  /** What the customer gave in this session so far, this turn included. */
  collected: Provided;
}

export function planRules(state: ConversationState, ctx: ConditionContext, now: number): RulePlan {
  const { profile, signals } = ctx;
  const collected: Provided = { ...state.collected, ...signals.provided };
  const known = (field: ContactField): boolean => Boolean(collected[field] ?? contactValue(state, field));
  // `$contact.*` in what reaches the customer or the agent; held messages wait unfilled, to be filled with the details
  // they waited for.
  const fill = contactFiller(state, collected);
  const plan: RulePlan = {
    fired: [],
    messages: [],
    answer: false,
    guidance: { include: [], topics: [], dontMention: [] },
    ask: [],
    saves: [],
    effects: [],
    collected,
  };

  // An earlier rule waited for details that have now been given: its messages go out now.
  if (state.awaiting && state.awaiting.fields.every(known)) {
    plan.messages.push(...state.awaiting.messages.map(fill));
    plan.fired.push(`${state.awaiting.rule} (details given)`);
    plan.awaiting = null;
  }

  const contactChanges: ContactChanges = profile.saveContactDetails ? detailsToSave(state, signals.provided) : {};
  const conversationAttributes: Record<string, string | number | boolean> = {};
  const labels: string[] = [];
  let priority: { value: Priority | null } | undefined;
  const notes: string[] = [];

  for (const rule of profile.rules) {
    if (!ruleFires(rule, ctx)) continue;
    plan.fired.push(rule.name);
    const missing = rule.actions.flatMap((a) => (a.type === 'ask_for' ? a.fields.filter((f) => !known(f)) : []));
    const held: string[] = [];
    for (const action of rule.actions) {
      switch (action.type) {
        case 'handoff':
          plan.handoff ??= { rule: rule.name, to: action.to };
          break;
        case 'send_message':
          if (missing.length) held.push(action.text);
          else plan.messages.push(fill(action.text));
          break;
        case 'reply_with_info':
          plan.guidance.include.push(fill(action.text));
          break;
        case 'bring_up_topic':
          plan.guidance.topics.push({ topic: fill(action.topic), mode: action.mode });
          break;
        case 'answer_from_knowledge':
          plan.answer = true;
          break;
        case 'ask_for':
          break; // `missing` above
        case 'dont_mention':
          plan.guidance.dontMention.push(action.text);
          break;
        case 'add_labels':
          labels.push(...action.labels);
          break;
        case 'set_priority':
          priority = { value: action.priority };
          break;
        case 'set_contact_attribute':
          contactChanges.customAttributes = { ...contactChanges.customAttributes, [action.key]: action.value };
          break;
        case 'set_conversation_attribute':
          conversationAttributes[action.key] = action.value;
          break;
        case 'private_note':
          notes.push(fill(action.text));
          break;
        case 'resolve':
          plan.close ??= { status: 'resolved' };
          break;
        case 'snooze':
          plan.close ??= { status: 'snoozed', until: now + action.seconds * 1000 };
          break;
      }
    }
    for (const field of missing) if (!plan.ask.includes(field)) plan.ask.push(field);
    if (missing.length) plan.awaiting = { rule: rule.name, fields: missing, messages: held };
  }

  if (Object.keys(contactChanges).length) plan.saves.push({ type: 'update_contact', changes: contactChanges });
  const newLabels = [...new Set(labels)].filter((l) => !state.labels.includes(l));
  if (newLabels.length) plan.effects.push({ type: 'add_labels', labels: newLabels });
  if (priority) plan.effects.push({ type: 'set_priority', priority: priority.value });
  if (Object.keys(conversationAttributes).length) plan.effects.push({ type: 'set_conversation_attributes', attributes: conversationAttributes });
  for (const content of notes) plan.effects.push({ type: 'note', content });
  return plan;
}

function contactValue(state: ConversationState, field: ContactField): string | undefined {
  const c = state.contact;
  if (!c) return undefined;
  if (field === 'address') {
    const address = c.customAttributes.address;
    return typeof address === 'string' ? address : undefined;
  }
  // A channel's stand-in for a name (a phone number, a made-up name) is no name: asking for it makes sense.
  if (field === 'name') return c.name && !isPlaceholderName(c.name.trim()) ? c.name : undefined;
  return c[field];
}

/** The details the customer gave that the contact does not have yet (the address as a custom attribute). */
function detailsToSave(state: ConversationState, provided: Provided): ContactChanges {
  const changes: ContactChanges = {};
  const differs = (field: ContactField) => provided[field] !== undefined && provided[field] !== contactValue(state, field);
  if (differs('email')) changes.email = provided.email;
  if (differs('phone')) changes.phoneNumber = provided.phone;
  // A stated name replaces a channel's placeholder (none, a phone number, a made-up name), or a name the bot asked for.
  const placeholder = contactValue(state, 'name') === undefined;
  if (differs('name') && (placeholder || state.awaiting?.fields.includes('name'))) changes.name = provided.name;
  if (differs('address')) changes.customAttributes = { address: provided.address! };
  return changes;
}
