// Signed Chatwoot webhooks for load: a fresh message id every time, spread over many conversations.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sign } from '../src/chatwoot/signature.js';
import { FIXTURES_DIR } from '../test/helpers/fixtures.js';

const template = JSON.parse(readFileSync(`${FIXTURES_DIR}message_created.incoming_contact.json`, 'utf8')) as {
  id: number;
  content: string;
  conversation: { id: number };
};

let nextMessageId = 1_000_000;

export function signedWebhook(secret: string, conversationId: number, content = template.content): { body: string; headers: Record<string, string> } {
  const payload = { ...template, id: nextMessageId++, content, conversation: { ...template.conversation, id: conversationId } };
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-chatwoot-delivery': randomUUID(),
      'x-chatwoot-timestamp': timestamp,
      'x-chatwoot-signature': sign(secret, timestamp, body),
    },
  };
}
