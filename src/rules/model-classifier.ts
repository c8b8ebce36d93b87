// The classifier with a model: one structured-output call per turn (ChatOpenAI.withStructuredOutput and a zod
// schema) that returns every signal the rules need. What patterns do exactly stays with the patterns: contact
// details (email, phone) and a request for a human. When the call fails, the offline classifier answers.
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import { SENTIMENTS, TOPICS, WANTS } from '../config/settings-rules.js';
import type { Logger } from '../log.js';
import { classifyOffline, exactSignals } from './offline-classifier.js';
import { MOODS, type Moods } from './signals-model.js';
import type { Classifier, ClassifyRequest, Signals } from './signals.js';

const KNOWN_WANTS = WANTS.filter((w) => w !== 'custom') as Exclude<(typeof WANTS)[number], 'custom'>[];
const KNOWN_TOPICS = TOPICS.filter((t) => t !== 'custom') as Exclude<(typeof TOPICS)[number], 'custom'>[];

export const signalsSchema = z.object({
  wants: z.array(z.enum(KNOWN_WANTS)).describe('What the customer wants: buy, get_help, refund, human (talk to a person)'),
  asksAbout: z.array(z.enum(KNOWN_TOPICS)).describe('What the customer asks about'),
  custom: z.array(z.number().int()).describe('Numbers of the custom conditions the messages match'),
  sentiment: z.enum(SENTIMENTS).describe("The customer's sentiment"),
  name: z.string().nullable().describe('The name the customer states as their own, else null'),
  address: z.string().nullable().describe('A postal address the customer gives, else null'),
});
export type ModelSignals = z.infer<typeof signalsSchema>;

export interface ModelClassifierConfig {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  timeoutMs?: number;
}

/** The structured call, swappable in tests of the merge. */
export type SignalsCall = (prompt: string) => Promise<ModelSignals>;

export function createSignalsCall(config: ModelClassifierConfig): SignalsCall {
  const model = new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    timeout: config.timeoutMs ?? 15_000,
    maxRetries: 1,
    ...(config.baseURL === undefined ? {} : { configuration: { baseURL: config.baseURL } }),
  });
  const structured = model.withStructuredOutput(signalsSchema, { name: 'signals', method: 'jsonSchema' });
  return (prompt) => structured.invoke(prompt);
}

export function classificationPrompt(request: ClassifyRequest): string {
  const custom = request.custom.length ? request.custom.map((c, i) => `${i}: ${c}`).join('\n') : '(none)';
  return [
    'Classify the customer messages of a customer-service chat (any language, often Indonesian or English).',
    'Return only what the messages say; do not guess.',
    'Custom conditions (return the numbers of those the messages match):',
    custom,
    'Customer messages:',
    ...request.texts.map((t) => `- ${t.replace(/\s+/g, ' ').slice(0, 1000)}`),
  ].join('\n');
}

export class ModelClassifier implements Classifier {
  readonly mode = 'model';

  constructor(
    private readonly call: SignalsCall,
    private readonly log?: Logger,
  ) {}

  async classify(request: ClassifyRequest): Promise<Signals> {
    let found: ModelSignals;
    try {
      found = signalsSchema.parse(await this.call(classificationPrompt(request)));
    } catch (error) {
      this.log?.warn('the classification call failed; classifying offline', { error: error instanceof Error ? error.message : String(error) });
      return classifyOffline(request);
    }
    // Only the exact patterns, not the whole offline classification: the model answered the rest.
    const exact = exactSignals(request);
    const wants = new Set(found.wants);
    // A request for a human must never depend on the model.
    if (exact.human) wants.add('human');
    return {
      wants: [...wants],
      asksAbout: found.asksAbout,
      custom: found.custom.flatMap((i) => (request.custom[i] === undefined ? [] : [request.custom[i]!])),
      // The model names one sentiment: that mood for sure, the others not at all (the thresholds are the offline model's).
      moods: Object.fromEntries(MOODS.map((mood) => [mood, found.sentiment === mood ? 1 : 0])) as Moods,
      // Email and phone by pattern (exact, normalised); name and address from the model when it found them.
      provided: {
        ...exact.provided,
        ...(found.name ? { name: found.name } : {}),
        ...(found.address ? { address: found.address } : {}),
      },
    };
  }
}
