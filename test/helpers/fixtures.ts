// The Chatwoot webhook payloads vendored in test/fixtures/chatwoot/webhooks/ (see its SOURCE.md), and signing them like Chatwoot does.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sign } from '../../src/chatwoot/signature.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/chatwoot/webhooks/', import.meta.url));

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json')).sort();
}

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}${name}`, 'utf8')) as Record<string, unknown>;
}

export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

export function signDelivery(secret: string, payload: unknown, options: { deliveryId?: string; timestamp?: number } = {}): SignedDelivery {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-chatwoot-delivery': options.deliveryId ?? randomUUID(),
      'x-chatwoot-timestamp': timestamp,
      'x-chatwoot-signature': sign(secret, timestamp, body),
    },
  };
}
