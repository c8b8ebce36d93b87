// The settings of rules and automation (SPEC 3): WHEN/THEN rules, handoff triggers and strategies, idle actions,
// follow-ups, flows (Cekat) and business hours. Each schema describes itself (`.describe()`), so the settings page
// can generate its form from the JSON Schema. Limits follow the seeds (Kommo: 20 rules, 5 conditions, 5 actions;
// respond.io: 5 follow-ups within 24 h each).
import { z } from 'zod';
import { TUNED_THRESHOLDS } from '../rules/signal-thresholds.js';

const text = (max: number, what: string) => z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} is at most ${max} characters`);
const DAY_SECONDS = 86_400;

export const WANTS = ['buy', 'get_help', 'refund', 'human', 'custom'] as const;
export const TOPICS = ['availability', 'delivery_time', 'price', 'refund_policy', 'order_status', 'troubleshooting', 'custom'] as const;
export const SENTIMENTS = ['frustrated', 'confused', 'happy', 'neutral', 'sad'] as const;
export const CONTACT_FIELDS = ['email', 'phone', 'name', 'address'] as const;
export const CONTAINS = ['greeting', 'profanity', 'url', 'text'] as const;
export type Want = (typeof WANTS)[number];
export type Topic = (typeof TOPICS)[number];
export type Sentiment = (typeof SENTIMENTS)[number];
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** `custom` needs the words it stands for. */
const customNeedsText = (c: { value: string; custom?: string }) => c.value !== 'custom' || Boolean(c.custom);
const CUSTOM_MESSAGE = { message: '`custom` needs `custom`: the words or phrases to look for, separated by commas' };

export const conditionSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({ type: z.literal('wants'), value: z.enum(WANTS), custom: text(200, 'a custom intent').optional() })
      .refine(customNeedsText, CUSTOM_MESSAGE)
      .describe('The customer wants to buy, get help, a refund, a human, or something custom'),
    z
      .strictObject({ type: z.literal('asks_about'), value: z.enum(TOPICS), custom: text(200, 'a custom topic').optional() })
      .refine(customNeedsText, CUSTOM_MESSAGE)
      .describe('The customer asks about availability, delivery time, price, the refund policy, an order status, troubleshooting, or something custom'),
    z.strictObject({ type: z.literal('sentiment'), value: z.enum(SENTIMENTS) }).describe("The customer's sentiment"),
    z.strictObject({ type: z.literal('provides'), value: z.enum(CONTACT_FIELDS) }).describe('The customer gives an email, phone number, name or address'),
    z
      .strictObject({ type: z.literal('contains'), value: z.enum(CONTAINS), text: text(200, 'the text to look for').optional() })
      .refine((c) => c.value !== 'text' || Boolean(c.text), { message: '`text` needs `text`: the exact text to look for' })
      .describe('The message contains a greeting, profanity, a link, or this exact text (no model involved)'),
    z
      .strictObject({ type: z.literal('received'), value: z.enum(['within_business_hours', 'outside_business_hours']) })
      .describe('The message arrived within or outside the business hours'),
  ])
  .describe('A WHEN condition');
export type Condition = z.infer<typeof conditionSchema>;

export const assignToSchema = z
  .discriminatedUnion('strategy', [
    z
      .strictObject({ strategy: z.literal('any_available'), teamId: z.number().int().positive().optional() })
      .describe('Round robin among online agents (of the team, when given); nobody online: the team, else the inbox queue'),
    z
      .strictObject({ strategy: z.literal('least_busy'), teamId: z.number().int().positive().optional() })
      .describe('The online agent with the fewest open conversations; nobody online: the team, else the inbox queue'),
    z.strictObject({ strategy: z.literal('team'), teamId: z.number().int().positive() }).describe('A team'),
    z.strictObject({ strategy: z.literal('agent'), agentId: z.number().int().positive() }).describe('A specific agent'),
    z.strictObject({ strategy: z.literal('none') }).describe('Nobody: the conversation waits in the inbox queue'),
  ])
  .describe('Whom a conversation is handed to');
export type AssignTo = z.infer<typeof assignToSchema>;

/** A regular expression the settings hold: refused with the engine's own message when it does not compile. */
const regexSource = z
  .string()
  .min(1, 'a pattern must not be empty')
  .max(300, 'a pattern is at most 300 characters')
  .superRefine((source, ctx) => {
    try {
      new RegExp(source, 'i');
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
    }
  });

/**
 * A custom attribute defined in Chatwoot (Settings → Custom attributes), asked for by `ask_for`: recognised in the
 * customer's message by a pattern (its first group, if it has one, is the value) or by example values (an example
 * matches itself, and any value that differs from it only in its digits: INV-1234 matches INV-98765).
 */
export const askAttributeSchema = z
  .strictObject({
    key: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'the attribute key is 1-64 letters, digits, - or _ (the key Chatwoot shows, not the display name)'),
    on: z.enum(['contact', 'conversation']).default('contact').describe('Whose attribute it is in Chatwoot'),
    name: text(60, 'the name').optional().describe('What to call it when asking (default: the key, e.g. "order number")'),
    pattern: regexSource.optional().describe('A regular expression (case-insensitive) that finds the value'),
    examples: z.array(text(100, 'an example')).max(20).optional().describe('Example values (a list attribute: its values)'),
  })
  .refine((a) => Boolean(a.pattern) || Boolean(a.examples?.length), { message: 'a custom attribute needs `pattern` or `examples` to recognise its value' })
  .describe('A custom attribute to ask for');
export type AskAttribute = z.infer<typeof askAttributeSchema>;

const attributeValue = z.union([z.string().max(500), z.number(), z.boolean()]);

export const ruleActionSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('handoff'), to: assignToSchema.optional().describe('Default: the handoff settings') }).describe('Hand off to humans (always runs last)'),
    z.strictObject({ type: z.literal('send_message'), text: text(1000, 'the message') }).describe('Send this exact message instead of an AI answer'),
    z.strictObject({ type: z.literal('reply_with_info'), text: text(1000, 'the information') }).describe('Always include this information in the reply'),
    z
      .strictObject({ type: z.literal('bring_up_topic'), topic: text(300, 'the topic'), mode: z.enum(['always', 'try']).default('always') })
      .describe('Bring up (or try to bring up) this topic in the reply'),
    z.strictObject({ type: z.literal('answer_from_knowledge') }).describe('Answer from the knowledge sources (also next to an exact message)'),
    z
      .strictObject({
        type: z.literal('ask_for'),
        fields: z.array(z.enum(CONTACT_FIELDS)).max(4).default([]).describe('Contact details: email, phone, name, address'),
        attributes: z.array(askAttributeSchema).max(5, 'at most 5 custom attributes').default([]).describe('Custom attributes defined in Chatwoot'),
        tries: z.number().int().min(1).max(10).default(3).describe('How many times in a row Jawab asks without getting any of the details before the fallback'),
        fallback: z
          .enum(['continue', 'handoff'])
          .default('continue')
          .describe("When the tries are used up: `continue` sends the rule's held messages and goes on; `handoff` hands off with a note naming what is missing"),
      })
      .refine((a) => a.fields.length + a.attributes.length > 0, { message: '`ask_for` needs at least one field or custom attribute' })
      .describe("Ask the customer for these details, again each turn until they are given (saved to Chatwoot when given); the rule's messages wait until then"),
    z.strictObject({ type: z.literal('dont_mention'), text: text(200, 'what not to mention') }).describe('Never mention this in the reply'),
    z.strictObject({ type: z.literal('add_labels'), labels: z.array(text(64, 'a label')).min(1).max(10) }).describe('Add labels to the conversation'),
    z.strictObject({ type: z.literal('set_priority'), priority: z.enum(['low', 'medium', 'high', 'urgent']).nullable() }).describe('Set the priority (null clears it)'),
    z.strictObject({ type: z.literal('set_contact_attribute'), key: text(64, 'the attribute key'), value: attributeValue }).describe('Set a custom attribute of the contact'),
    z
      .strictObject({ type: z.literal('set_conversation_attribute'), key: text(64, 'the attribute key'), value: attributeValue })
      .describe('Set a custom attribute of the conversation'),
    z.strictObject({ type: z.literal('private_note'), text: text(2000, 'the note') }).describe('Add a private note for the agents'),
    z.strictObject({ type: z.literal('resolve') }).describe('Resolve the conversation (after the reply)'),
    z.strictObject({ type: z.literal('snooze'), seconds: z.number().int().min(60).max(30 * DAY_SECONDS) }).describe('Snooze the conversation for this long'),
  ])
  .describe('A THEN action');
export type RuleAction = z.infer<typeof ruleActionSchema>;

export const ruleSchema = z
  .strictObject({
    name: text(100, 'the rule name'),
    enabled: z.boolean().default(true),
    match: z.enum(['all', 'any']).default('all').describe('`all`: every condition must hold; `any`: one is enough'),
    conditions: z.array(conditionSchema).min(1, 'a rule needs at least one condition').max(5, 'a rule has at most 5 conditions'),
    actions: z.array(ruleActionSchema).min(1, 'a rule needs at least one action').max(5, 'a rule has at most 5 actions'),
  })
  .describe('WHEN the conditions hold THEN run the actions');
export type Rule = z.infer<typeof ruleSchema>;

export const rulesSchema = z
  .array(ruleSchema)
  .max(20, 'at most 20 rules per profile')
  .refine((rules) => new Set(rules.map((r) => r.name)).size === rules.length, { message: 'rule names must be unique' })
  .describe('WHEN/THEN rules, checked once per turn');

const moodThreshold = (mood: keyof typeof TUNED_THRESHOLDS, what: string) =>
  z.number().min(0.05).max(0.95).default(TUNED_THRESHOLDS[mood]).describe(`How sure the offline model must be that the customer is ${what} (0.05-0.95; higher: fewer, surer matches)`);

/** Per mood, how strong a sign the `sentiment` conditions and `handoff.onSentiments` need (offline model, rules/signals-model.ts). */
export const sentimentThresholdsSchema = z
  .strictObject({
    frustrated: moodThreshold('frustrated', 'frustrated'),
    confused: moodThreshold('confused', 'confused'),
    happy: moodThreshold('happy', 'happy'),
    sad: moodThreshold('sad', 'sad or disappointed'),
  })
  .describe('How sure the offline sentiment model must be before a sentiment condition holds; the defaults were tuned on chat messages');
export type SentimentThresholds = z.infer<typeof sentimentThresholdsSchema>;

/** Fields added to the handoff settings (the basic ones are in settings.ts). */
export const handoffExtension = {
  afterBotReplies: z.number().int().min(0).max(100).default(0).describe('Hand off after this many bot replies in a session without resolution (0: never)'),
  onSentiments: z.array(z.enum(SENTIMENTS)).max(5).default([]).describe('Hand off when the customer shows one of these sentiments'),
  outOfHoursMessage: z
    .string()
    .max(1000)
    .default('')
    .describe('Sent instead of the handover message outside business hours (empty: a built-in one in the customer’s language)'),
};

export const idleSchema = z
  .strictObject({
    action: z.enum(['none', 'resolve', 'assign']).default('none').describe('What to do when the customer stays silent after the bot spoke'),
    afterSeconds: z.number().int().min(1).max(7 * DAY_SECONDS).default(3600).describe('How long the customer must be idle'),
    message: z.string().max(1000).default('').describe('The closing message (resolve) or the message sent with the assignment'),
    assign: assignToSchema.default({ strategy: 'any_available' }).describe('Whom to assign to (assign)'),
  })
  .describe('Idle action (Qontak)');
export type Idle = z.infer<typeof idleSchema>;

export const followUpSchema = z
  .strictObject({
    afterSeconds: z.number().int().min(1, 'a follow-up waits at least 1 second').max(DAY_SECONDS, 'a follow-up is at most 24 hours after the previous message'),
    message: text(1000, 'the follow-up message'),
    then: z.enum(['none', 'resolve', 'handoff']).default('none').describe('After sending: nothing, resolve, or hand off'),
  })
  .describe('A follow-up when the customer does not reply');
export const followUpsSchema = z.array(followUpSchema).max(5, 'at most 5 follow-ups').describe('Follow-ups (respond.io), cancelled when the customer replies, on handoff or resolve');
export type FollowUp = z.infer<typeof followUpSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM (24 h)');
const interval = z.strictObject({ from: clock, to: clock }).describe('From (inclusive) to (exclusive); `to` before `from` runs past midnight');
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const businessHoursSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe('false: always within business hours'),
    timeZone: z
      .string()
      .default('Asia/Jakarta')
      .refine(isTimeZone, { message: 'an IANA time zone such as Asia/Jakarta' })
      .describe('IANA time zone'),
    weekly: z
      .partialRecord(z.enum(WEEKDAYS), z.array(interval).max(4))
      .default({ mon: [{ from: '09:00', to: '17:00' }], tue: [{ from: '09:00', to: '17:00' }], wed: [{ from: '09:00', to: '17:00' }], thu: [{ from: '09:00', to: '17:00' }], fri: [{ from: '09:00', to: '17:00' }] })
      .describe('Open hours per weekday; a missing day is closed'),
  })
  .describe('Business hours');
export type BusinessHours = z.infer<typeof businessHoursSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const stepId = z.string().regex(/^[a-z0-9_-]{1,40}$/i, 'a step id is 1-40 letters, digits, - or _');

const flowCondition = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('first_message_contains'), texts: z.array(text(200, 'the text')).min(1).max(20) }).describe('The first message contains one of these'),
  z.strictObject({ type: z.literal('first_message_time'), from: clock, to: clock }).describe('The first message arrived in this time range (business-hours time zone)'),
]);

const flowAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('label'), labels: z.array(text(64, 'a label')).min(1).max(10) }),
  z.strictObject({ type: z.literal('add_participant'), agentIds: z.array(z.number().int().positive()).min(1).max(10) }),
  z.strictObject({ type: z.literal('send_message'), text: text(1000, 'the message') }),
]);

export const flowStepSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({
        type: z.literal('condition'),
        branches: z.array(z.strictObject({ when: flowCondition, next: stepId })).min(1).max(10).describe('Checked left to right; the first that holds wins'),
        else: stepId,
      })
      .describe('Branch on the first message'),
    z.strictObject({ type: z.literal('actions'), actions: z.array(flowAction).min(1).max(10), next: stepId }).describe('Run actions, then jump to `next`'),
    z
      .strictObject({
        type: z.literal('buttons'),
        text: text(1000, 'the message'),
        buttons: z.array(z.strictObject({ title: text(60, 'a button title'), next: stepId })).min(1).max(10),
      })
      .describe('A message with buttons; the choice moves the flow on'),
    z
      .strictObject({
        type: z.literal('end'),
        to: z.enum(['ai', 'human']),
        assign: assignToSchema.optional().describe('For `human`: whom to assign (default: the handoff settings)'),
        skipLastAiAnswer: z.boolean().default(false).describe('Do not let the AI answer the message that ended the flow'),
      })
      .describe('End the flow: the AI agent or humans take over'),
  ])
  .describe('A flow step');
export type FlowStep = z.infer<typeof flowStepSchema>;

export const flowSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    start: stepId.default('start'),
    steps: z.record(stepId, flowStepSchema).default({}),
  })
  .superRefine((flow, ctx) => {
    if (!flow.enabled) return;
    const known = (id: string) => id in flow.steps;
    if (!known(flow.start)) ctx.addIssue({ code: 'custom', path: ['start'], message: `the start step "${flow.start}" does not exist` });
    for (const [id, step] of Object.entries(flow.steps)) {
      const targets = step.type === 'condition' ? [...step.branches.map((b) => b.next), step.else] : step.type === 'actions' ? [step.next] : step.type === 'buttons' ? step.buttons.map((b) => b.next) : [];
      for (const t of targets) if (!known(t)) ctx.addIssue({ code: 'custom', path: ['steps', id], message: `step "${id}" jumps to "${t}", which does not exist` });
    }
  })
  .describe('The flow of this inbox (Cekat): runs at the start of each session');
export type Flow = z.infer<typeof flowSchema>;
