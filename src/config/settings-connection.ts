// How an inbox is connected to Jawab (SPEC 1), which decides how Jawab reads who owns its conversations.
// A delivery cannot tell: Chatwoot sends an agent bot the same payloads as an account webhook, and the events only one
// channel gets (conversation_created, conversation_opened) do not come with every conversation. So the admin says it
// per inbox profile.
import { z } from 'zod';

export const connectionSchema = z
  .enum(['agent_bot', 'account_webhook'])
  .default('agent_bot')
  .describe(
    'agent_bot: the inbox has Jawab as its agent bot, conversations start pending and the bot owns them while pending. ' +
      'account_webhook: no agent bot, conversations start open and Jawab owns those with no human assignee and no ai-off label',
  );
export type Connection = z.infer<typeof connectionSchema>;
