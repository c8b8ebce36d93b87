// A stand-in for the rules section of the settings (SPEC 3: ≤20 rules, each WHEN ≤5 conditions matched all/any,
// THEN ≤5 actions), for testing the rules editor in a build whose settings schema has no rules yet.
import { z } from 'zod';

export const standInCondition = z.discriminatedUnion('type', [
  z.object({ type: z.literal('wants'), value: z.enum(['buy', 'get_help', 'refund', 'human', 'custom']), custom: z.string().max(200).optional() }),
  z.object({ type: z.literal('sentiment'), value: z.enum(['frustrated', 'confused', 'happy', 'neutral', 'sad']) }),
  z.object({ type: z.literal('message_contains'), value: z.string().max(200) }),
]);

export const standInAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('handoff'), to: z.enum(['any', 'team', 'agent']) }),
  z.object({ type: z.literal('send_message'), text: z.string().max(1000) }),
  z.object({ type: z.literal('add_labels'), labels: z.array(z.string()).max(10) }),
]);

export const standInRules = z
  .array(
    z.object({
      name: z.string().max(80),
      enabled: z.boolean(),
      when: z.object({ match: z.enum(['all', 'any']), conditions: z.array(standInCondition).min(1).max(5) }),
      then: z.array(standInAction).min(1).max(5),
    }),
  )
  .max(20);
