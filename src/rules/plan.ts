// From the rules that fired to a plan for the turn: the exact messages, what shapes the answer, the side effects,
// a resolve or snooze, a handoff. The turn orders them (rules/compose.ts): contact details are saved first, the
// reply goes out before labels and notes, a resolve after the reply, a handoff last. A rule that asks for contact
// details holds its own messages back until they are given (ask first, thank after); what is still missing is asked
// again in later turns until it comes or the rule's tries run out (details.ts).
import { isPlaceholderName } from '../answer/contact-variables.js';
import type { AnswerGuidance } from '../answer/types.js';
import type { AskAttribute, AssignTo, ContactField } from '../config/settings-rules.js';
import type { ContactChanges, Priority } from '../chatwoot/port.js';
import type { HelpdeskAction } from '../engine/actions.js';
import type { Awaiting, ConversationState } from '../engine/state.js';
import { type ConditionContext, ruleFires } from './conditions.js';
import { type AskItem, attributeId, collectionStep, findAttribute } from './details.js';
import type { Provided } from './entities.js';
import { contactFiller } from './personalize.js';

export interface RulePlan {
  fired: string[];
  /** Exact messages, sent instead of an AI answer unless `answer` is set. */
  messages: string[];
  /** Messages a rule held until its details came (or its tries ran out): sent with whatever else the turn replies. */
  released: string[];
  /** A rule said to answer from knowledge (also next to exact messages). */
  answer: boolean;
  guidance: AnswerGuidance;
  /** Details to ask for, in the reply. */
  ask: AskItem[];
  /** The ask repeats an earlier one: `more` after some of the details came, `still` after none did. */
  again?: 'more' | 'still';
  /** Saving contact details and attributes: first, so the agent sees them with the first reply. */
  saves: HelpdeskAction[];
  /** Labels, priority, conversation attributes, notes: after the reply. */
  effects: HelpdeskAction[];
  close?: { status: 'resolved' } | { status: 'snoozed'; until: number };
  /** `missing`: the rule gave up asking for these details. */
  handoff?: { rule: string; to?: AssignTo; missing?: string[] };
  /** undefined: unchanged; null: cleared. */
  awaiting?: Awaiting | null;
  /** What the customer gave in this session so far, this turn included. */
  collected: Provided;
  /** The custom attributes the customer gave in this session, this turn included (details.ts attributeId). */
  collectedAttributes: Record<string, string>;
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
    released: [],
    answer: false,
    guidance: { include: [], topics: [], dontMention: [] },
    ask: [],
    saves: [],
    effects: [],
    collected,
    collectedAttributes: { ...state.collectedAttributes },
  };
  // Custom attributes are looked for only while asked for: a pattern means nothing outside its question.
  const givenAttributes: AskAttribute[] = [];
  const knownAttribute = (attribute: AskAttribute): boolean => {
    const id = attributeId(attribute);
    if (plan.collectedAttributes[id] === undefined) {
      const value = findAttribute(ctx.text, attribute);
      if (value !== undefined) {
        plan.collectedAttributes[id] = value;
        givenAttributes.push(attribute);
      }
    }
    const saved = attribute.on === 'contact' ? state.contact?.customAttributes[attribute.key] : undefined;
    return plan.collectedAttributes[id] !== undefined || (saved !== undefined && saved !== '');
  };

  // A rule waiting for details from earlier turns: complete, ask once more for the rest, or give up.
  const waiting = state.awaiting;
  if (waiting) {
    const step = collectionStep(waiting, waiting.fields.filter((f) => !known(f)), (waiting.attributes ?? []).filter((a) => !knownAttribute(a)));
    const release = (why: string) => {
      plan.released.push(...waiting.messages.map(fill));
      plan.fired.push(`${waiting.rule} (${why})`);
      plan.awaiting = null;
    };
    if (step.kind === 'complete') release('details given');
    else if (step.kind === 'ask') {
      plan.ask.push(...step.awaiting.fields, ...(step.awaiting.attributes ?? []));
      plan.again = step.again;
      plan.awaiting = step.awaiting;
      plan.fired.push(`${waiting.rule} (asking again)`);
    } else if (step.fallback === 'continue') release(`details not given: ${step.missing.join(', ')}`);
    else {
      plan.handoff = { rule: waiting.rule, missing: step.missing };
      plan.awaiting = null;
    }
  }

  const contactChanges: ContactChanges = profile.saveContactDetails ? detailsToSave(state, signals.provided) : {};
  const conversationAttributes: Record<string, string | number | boolean> = {};
  const labels: string[] = [];
  let priority: { value: Priority | null } | undefined;
  const notes: string[] = [];

  for (const rule of profile.rules) {
    // The rule a collection waits for was handled above: firing again, it would ask (or thank) twice.
    if (rule.name === waiting?.rule || !ruleFires(rule, ctx)) continue;
    plan.fired.push(rule.name);
    const asks = rule.actions.flatMap((a) => (a.type === 'ask_for' ? [a] : []));
    const missingFields = [...new Set(asks.flatMap((a) => a.fields.filter((f) => !known(f))))];
    const missingAttributes = asks.flatMap((a) => a.attributes.filter((x) => !knownAttribute(x)));
    const missing = [...missingFields, ...missingAttributes];
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
    for (const item of missing) if (!plan.ask.includes(item)) plan.ask.push(item);
    if (missing.length) {
      const { tries, fallback } = asks[0]!;
      plan.awaiting = { rule: rule.name, fields: missingFields, attributes: missingAttributes, messages: held, asked: 1, tries, fallback };
    }
  }

  // The custom attributes given this turn are saved with the contact details, before the reply.
  if (profile.saveContactDetails) {
    const onConversation: Record<string, string> = {};
    for (const attribute of givenAttributes) {
      const value = plan.collectedAttributes[attributeId(attribute)]!;
      if (attribute.on === 'conversation') onConversation[attribute.key] = value;
      else contactChanges.customAttributes = { ...contactChanges.customAttributes, [attribute.key]: value };
    }
    if (Object.keys(onConversation).length) plan.saves.push({ type: 'set_conversation_attributes', attributes: onConversation });
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
