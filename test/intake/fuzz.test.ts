// Property-based fuzzing of the intake (fast-check): 10,000 signed deliveries that are malformed, truncated,
// oversized, wrongly typed or deeply nested. Every one gets a 4xx, the process stays up, and nothing is processed:
// no request reaches Chatwoot, nothing is journaled, no conversation is stored.
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../src/chatwoot/signature.js';
import { fixture, fixtureNames } from '../helpers/fixtures.js';
import { type Harness, SECRET, startHarness } from '../helpers/harness.js';

let h: Harness;
let server: Server;
let url: string;
const statuses = new Map<number, number>();

beforeAll(async () => {
  h = await startHarness();
  server = h.jawab.http.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/chatwoot`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await h?.close();
});

/** Sends a body signed with the right secret, so it gets past the signature and reaches parsing. */
async function post(body: string | Buffer, options: { secret?: string; altered?: boolean } = {}): Promise<number> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(options.secret ?? SECRET, timestamp, body);
  const sent = options.altered ? Buffer.concat([Buffer.from(body), Buffer.from(' ')]) : body;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-chatwoot-timestamp': timestamp, 'x-chatwoot-signature': signature },
    body: typeof sent === 'string' ? sent : new Uint8Array(sent),
  });
  await res.arrayBuffer();
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  return res.status;
}

const is4xx = (status: number) => status >= 400 && status < 500;

const message = fixture('message_created.incoming_contact.json');
const statusChange = fixture('conversation_status_changed.json');
const fixtureTexts = await Promise.all(fixtureNames().map((name) => JSON.stringify(fixture(name))));

/** Values of the wrong type for each kind of field the webhook schema reads. */
const anyOtherThan = (...kinds: Array<'string' | 'number' | 'boolean' | 'null' | 'object' | 'array'>) =>
  fc.oneof(
    ...(!kinds.includes('string') ? [fc.string({ maxLength: 20 })] : []),
    ...(!kinds.includes('number') ? [fc.integer()] : []),
    ...(!kinds.includes('boolean') ? [fc.boolean()] : []),
    ...(!kinds.includes('null') ? [fc.constant(null)] : []),
    ...(!kinds.includes('object') ? [fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })] : []),
    ...(!kinds.includes('array') ? [fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 })] : []),
  );
const badId = fc.oneof(anyOtherThan('number'), fc.integer({ max: -1 }), fc.double({ min: 0.001, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)));
const badEnum = (values: string[]) => fc.oneof(anyOtherThan('string'), fc.string({ maxLength: 12 }).filter((s) => !values.includes(s)));

/** A field of a processed payload, and values its schema must refuse. */
const MUTATIONS: Array<{ base: Record<string, unknown>; path: string[]; value: fc.Arbitrary<unknown> }> = [
  { base: message, path: ['id'], value: badId },
  { base: message, path: ['event'], value: anyOtherThan('string') },
  { base: message, path: ['message_type'], value: badEnum(['incoming', 'outgoing', 'template', 'activity']) },
  { base: message, path: ['content'], value: anyOtherThan('string', 'null') },
  { base: message, path: ['private'], value: anyOtherThan('boolean', 'null') },
  { base: message, path: ['account'], value: anyOtherThan('object') },
  { base: message, path: ['account', 'id'], value: badId },
  { base: message, path: ['conversation'], value: anyOtherThan('object') },
  { base: message, path: ['conversation', 'id'], value: badId },
  { base: message, path: ['conversation', 'inbox_id'], value: badId },
  { base: message, path: ['conversation', 'status'], value: badEnum(['open', 'resolved', 'pending', 'snoozed']) },
  { base: message, path: ['conversation', 'labels'], value: fc.oneof(fc.string({ minLength: 1 }), fc.integer(), fc.array(fc.integer(), { minLength: 1 })) },
  { base: message, path: ['sender'], value: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 })) },
  { base: statusChange, path: ['id'], value: badId },
  { base: statusChange, path: ['inbox_id'], value: badId },
  { base: statusChange, path: ['status'], value: badEnum(['open', 'resolved', 'pending', 'snoozed']) },
];

function withValueAt(base: Record<string, unknown>, path: string[], value: unknown): unknown {
  const copy = structuredClone(base);
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

const nested = (depth: number, open: string, close: string) => `${open.repeat(depth)}${close.repeat(depth)}`;

describe('intake under fuzzing', () => {
  it('answers 4xx to every malformed delivery and processes none of them', async () => {
    const properties: Array<[string, fc.IAsyncProperty<never>, number]> = [];
    const add = <T>(name: string, arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<boolean>, runs: number) =>
      properties.push([name, fc.asyncProperty(arbitrary, check) as unknown as fc.IAsyncProperty<never>, runs]);

    add('truncated fixtures', fc.tuple(fc.constantFrom(...fixtureTexts), fc.double({ min: 0, max: 1, noNaN: true })), async ([text, at]) => {
      const cut = Math.min(text.length - 1, Math.floor(at * text.length));
      return (await post(text.slice(0, cut))) === 400;
    }, 2000);
    add('wrongly typed fields', fc.integer({ min: 0, max: MUTATIONS.length - 1 }).chain((i) => fc.tuple(fc.constant(i), MUTATIONS[i]!.value)), async ([i, value]) => {
      const { base, path } = MUTATIONS[i]!;
      return (await post(JSON.stringify(withValueAt(base, path, value)))) === 400;
    }, 3000);
    add('JSON that is not an object', fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 })), fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null)), async (value) =>
      (await post(JSON.stringify(value))) === 400, 1500);
    add('objects without an event string', fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => k !== 'event'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }), async (value) =>
      (await post(JSON.stringify(value))) === 400, 1000);
    add('bytes that are not JSON', fc.uint8Array({ minLength: 1, maxLength: 512 }).filter((b) => !isJson(Buffer.from(b))), async (bytes) =>
      (await post(Buffer.from(bytes))) === 400, 1000);
    add('deep nesting', fc.tuple(fc.integer({ min: 1_000, max: 60_000 }), fc.constantFrom('top', 'content', 'conversation'), fc.boolean()), async ([depth, where, arrays]) => {
      const deep = arrays ? nested(depth, '[', ']') : nested(depth, '{"a":', '}');
      const body = where === 'top' ? deep : JSON.stringify(message).replace(where === 'content' ? /"content":"[^"]*"/ : /"conversation":\{/, `"${where}":${deep}${where === 'content' ? '' : ',"x":{'}`);
      return is4xx(await post(body));
    }, 400);
    add('bodies over 1 MB', fc.integer({ min: 1024 * 1024 + 1, max: 2 * 1024 * 1024 }), async (size) =>
      (await post(JSON.stringify({ ...message, content: 'x'.repeat(size) }))) === 413, 20);
    add('forged and altered deliveries', fc.tuple(fc.constantFrom(...fixtureTexts), fc.boolean()), async ([text, altered]) =>
      (await post(text, altered ? { altered } : { secret: 'not-the-secret' })) === 401, 1080);

    let total = 0;
    for (const [name, property, numRuns] of properties) {
      const result = await fc.check(property, { numRuns, seed: 20261121 });
      expect(result.failed, `${name}: ${fc.defaultReportMessage(result)}`).toBe(false);
      total += numRuns;
    }
    expect(total).toBe(10_000);
    expect([...statuses.keys()].every(is4xx)).toBe(true);

    // Still up, and nothing was processed.
    expect((await fetch(url.replace('/webhooks/chatwoot', '/healthz'))).status).toBe(200);
    await h.settle();
    expect(h.fake!.requests).toEqual([]);
    expect(await readdir(join(h.dataDir, 'conversations'))).toEqual([]);
    const journal = await readdir(join(h.dataDir, 'journal'));
    const journaled = await Promise.all(journal.map((f) => readFile(join(h.dataDir, 'journal', f), 'utf8')));
    expect(journaled.join('')).toBe('');
  }, 300_000);
});

function isJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
