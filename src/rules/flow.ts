// The inbox's flow (Cekat): from the start step, conditions left to right on the session's first message, an else
// branch, actions (label, add participant, send message), messages with buttons that wait for the customer's choice,
// jumps, and an end that hands the conversation to the AI agent or to humans. Pure: position in, position out.
import type { AssignTo, Flow, FlowStep } from '../config/settings-rules.js';
import type { HelpdeskAction } from '../engine/actions.js';
import type { FlowPosition, PendingMessage } from '../engine/state.js';
import { inRange, localTime } from './business-hours.js';
import { normalize } from './normalize.js';
import type { Fill } from './personalize.js';

export type FlowNext =
  /** Buttons were sent: the turn ends here, the choice comes as the next message. */
  | { kind: 'wait' }
  | { kind: 'ai'; skipAnswer: boolean }
  | { kind: 'human'; assign?: AssignTo };

export interface FlowOutcome {
  actions: HelpdeskAction[];
  position: FlowPosition;
  next: FlowNext;
  /** The steps taken, for the audit trail. */
  path: string[];
}

/** More steps than this in one turn is a loop of jumps: the flow ends and the AI takes over. */
const MAX_STEPS = 50;

/**
 * Runs the flow for this turn's messages; undefined when there is no flow or it is over for this session.
 * `fill` fills `$contact.*` in the messages and button titles (rules/personalize.ts).
 */
export function runFlow(flow: Flow, position: FlowPosition | undefined, messages: PendingMessage[], timeZone: string, fill: Fill): FlowOutcome | undefined {
  if (!flow.enabled || position?.done || !messages.length) return undefined;
  let pos: FlowPosition = position ?? { step: flow.start, waiting: false, done: false, firstText: messages[0]!.text, firstAt: messages[0]!.at };
  const actions: HelpdeskAction[] = [];
  const path: string[] = [];

  if (pos.waiting) {
    const step = flow.steps[pos.step];
    if (step?.type !== 'buttons') return finish(pos, actions, path, { kind: 'ai', skipAnswer: false });
    const chosen = choose(step, messages, fill);
    // Not one of the buttons: show them again.
    if (chosen === undefined) return { actions: [buttonsMessage(step, fill)], position: pos, next: { kind: 'wait' }, path: [`${pos.step} (again)`] };
    pos = { ...pos, step: chosen, waiting: false };
  }

  for (let taken = 0; taken < MAX_STEPS; taken++) {
    const step = flow.steps[pos.step];
    if (!step) break;
    path.push(pos.step);
    switch (step.type) {
      case 'condition': {
        const branch = step.branches.find((b) => conditionHolds(b.when, pos, timeZone));
        pos = { ...pos, step: branch?.next ?? step.else };
        continue;
      }
      case 'actions':
        actions.push(...step.actions.map((action) => toAction(action, fill)));
        pos = { ...pos, step: step.next };
        continue;
      case 'buttons':
        actions.push(buttonsMessage(step, fill));
        return { actions, position: { ...pos, waiting: true }, next: { kind: 'wait' }, path };
      case 'end':
        return finish(pos, actions, path, step.to === 'ai' ? { kind: 'ai', skipAnswer: step.skipLastAiAnswer } : { kind: 'human', assign: step.assign });
    }
  }
  return finish(pos, actions, path, { kind: 'ai', skipAnswer: false });
}

function finish(pos: FlowPosition, actions: HelpdeskAction[], path: string[], next: FlowNext): FlowOutcome {
  return { actions, position: { ...pos, waiting: false, done: true }, next, path };
}

type Buttons = Extract<FlowStep, { type: 'buttons' }>;

/** The button's value is its index: titles may repeat across steps, and the index survives a retitled button. */
function buttonsMessage(step: Buttons, fill: Fill): HelpdeskAction {
  return { type: 'reply', content: fill(step.text), buttons: step.buttons.map((b, i) => ({ title: fill(b.title), value: String(i) })) };
}

/** The step the customer's choice leads to: a pressed button, or a typed title (as the customer saw it). */
function choose(step: Buttons, messages: PendingMessage[], fill: Fill): string | undefined {
  for (const m of messages) {
    const pressed = m.choice === undefined ? undefined : step.buttons[Number(m.choice)];
    const typed = step.buttons.find((b) => normalize(fill(b.title)) === normalize(m.text));
    const button = pressed ?? typed;
    if (button) return button.next;
  }
  return undefined;
}

function conditionHolds(when: Extract<FlowStep, { type: 'condition' }>['branches'][number]['when'], pos: FlowPosition, timeZone: string): boolean {
  if (when.type === 'first_message_contains') {
    const text = normalize(pos.firstText);
    return when.texts.some((t) => text.includes(normalize(t)));
  }
  return inRange(localTime(timeZone, pos.firstAt).minutes, when.from, when.to);
}

function toAction(action: Extract<FlowStep, { type: 'actions' }>['actions'][number], fill: Fill): HelpdeskAction {
  switch (action.type) {
    case 'label':
      return { type: 'add_labels', labels: action.labels };
    case 'add_participant':
      return { type: 'add_participants', agentIds: action.agentIds };
    case 'send_message':
      return { type: 'reply', content: fill(action.text) };
  }
}
