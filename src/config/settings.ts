// The settings schema: one profile per inbox, a default profile for the rest (SPEC 3).
// Validated at the edge (admin API, settings file); everything inside trusts the parsed values.
// Every object is strict (z.strictObject): an unknown or misspelt key is refused with its path, never dropped in
// silence. A field with a default may be left out, so a settings file or script written before it existed still works.
import { z } from 'zod';
import { assignToSchema, businessHoursSchema, flowSchema, followUpsSchema, handoffExtension, idleSchema, rulesSchema, sentimentThresholdsSchema } from './settings-rules.js';
import { integrationsSchema } from './settings-integrations.js';
import { knowledgeSchema } from './settings-knowledge.js';
import { connectionSchema } from './settings-connection.js';
import { smallTalkSchema } from './settings-small-talk.js';
import { mediaSchema } from './settings-media.js';

export const LANGUAGES = ['id', 'en', 'ms', 'es', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The languages of the notes for agents (the settings page's own languages). */
export const TEAM_LANGUAGES = ['id', 'en'] as const;
export type TeamLanguage = (typeof TEAM_LANGUAGES)[number];

export const REPLY_LENGTHS = {
  short: { min: 100, max: 200 },
  medium: { min: 150, max: 250 },
  long: { min: 200, max: 300 },
} as const;

export const personaSchema = z.strictObject({
  name: z.string().max(80).default('Jawab'),
  role: z.string().max(1500).default('You are the customer service assistant of this company.'),
  tone: z.enum(['casual', 'friendly', 'professional']).default('friendly'),
  replyLength: z.enum(['short', 'medium', 'long']).default('medium'),
  /** `auto` answers in the customer's language; a code fixes one. */
  language: z.union([z.literal('auto'), z.enum(LANGUAGES)]).default('auto'),
  /** Used when the customer's language cannot be told. */
  fallbackLanguage: z.enum(LANGUAGES).default('id'),
  guidelines: z.array(z.string().max(300, 'a guideline is at most 300 characters')).max(50, 'at most 50 guidelines').default([]),
  instructions: z.string().max(10_000).default(''),
  dontMention: z.array(z.string().min(1).max(200)).max(100).default([]),
});
export type Persona = z.infer<typeof personaSchema>;

export const assignmentSchema = assignToSchema;
export type Assignment = z.infer<typeof assignmentSchema>;

export const handoffSchema = z.strictObject({
  onHumanRequest: z.boolean().default(true),
  onNoAnswer: z.boolean().default(true),
  assign: assignmentSchema.default({ strategy: 'least_busy' }),
  /** Empty: the built-in message in the customer's language. */
  message: z.string().max(1000).default(''),
  privateNote: z.boolean().default(true),
  labels: z.array(z.string().min(1).max(64)).max(10).default(['jawab-handoff']),
  ...handoffExtension,
});

export const profileSchema = z.strictObject({
  enabled: z.boolean().default(true),
  persona: personaSchema.default(personaSchema.parse({})),
  smallTalk: smallTalkSchema.default(smallTalkSchema.parse({})),
  /** Wait for a burst of short messages to end, then reply once. 0 replies at once (tests, benchmarks). */
  replyDelaySeconds: z.number().int().min(0).max(86_400).default(3),
  handoff: handoffSchema.default(handoffSchema.parse({})),
  /** After Jawab resolves a conversation, a new message within this many seconds continues the old session. */
  resolveCooldownSeconds: z.number().int().min(0).max(86_400).default(300),
  /** Note the sources used in a private note for the agent. */
  citeSourcesInNote: z.boolean().default(false),
  /** A private note summing the conversation up when it is resolved (notes/). */
  resolveSummary: z.boolean().default(false).describe('Leave a private note summing up the conversation when it is resolved'),
  media: mediaSchema.default(mediaSchema.parse({})),
  rules: rulesSchema.default([]),
  sentimentThresholds: sentimentThresholdsSchema.default(sentimentThresholdsSchema.parse({})),
  idle: idleSchema.default(idleSchema.parse({})),
  followUps: followUpsSchema.default([]),
  flow: flowSchema.default(flowSchema.parse({})),
  businessHours: businessHoursSchema.default(businessHoursSchema.parse({})),
  /** Save an email, phone number or name the customer gives to the contact. */
  saveContactDetails: z.boolean().default(true),
  knowledge: knowledgeSchema.default(knowledgeSchema.parse({})),
  integrations: integrationsSchema,
  connection: connectionSchema,
});
export type Profile = z.infer<typeof profileSchema>;

export const settingsSchema = z.strictObject({
  /** The global switch: false stops Jawab everywhere at once. */
  enabled: z.boolean().default(true),
  defaultProfile: profileSchema.default(profileSchema.parse({})),
  /** Profiles by Chatwoot inbox id. */
  inboxes: z.record(z.string().regex(/^\d+$/, 'inbox keys are Chatwoot inbox ids'), profileSchema).default({}),
  /** The language of what Jawab writes for agents (handoff notes, summaries); absent: teamLanguageOf decides. */
  teamLanguage: z.enum(TEAM_LANGUAGES).optional().describe('The language of the notes and summaries Jawab writes for your agents'),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * What PUT /api/settings (and the draft) takes: a whole settings document. Its top-level parts must be there, so `{}`
 * or a field at the wrong level is refused instead of resetting every profile to the defaults.
 */
export const settingsDocumentSchema = settingsSchema.required({ enabled: true, defaultProfile: true, inboxes: true });

export const defaultSettings = (): Settings => settingsSchema.parse({});

export function profileFor(settings: Settings, inboxId: number): Profile {
  return settings.inboxes[String(inboxId)] ?? settings.defaultProfile;
}

/**
 * The team language: the one set, else Indonesian when the default persona speaks Indonesian or Malay (fixed, or as
 * its fallback), else English. A shop whose customers are Indonesian has Indonesian-speaking agents.
 */
export function teamLanguageOf(settings: Settings): TeamLanguage {
  if (settings.teamLanguage) return settings.teamLanguage;
  const persona = settings.defaultProfile.persona;
  const spoken = persona.language === 'auto' ? persona.fallbackLanguage : persona.language;
  return spoken === 'id' || spoken === 'ms' ? 'id' : 'en';
}
