// The intake's edge: signatures (valid, wrong, missing, stale, one byte altered), bad bodies, size, ignored events.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../src/chatwoot/signature.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { fixture, signDelivery } from '../helpers/fixtures.js';
import { type Harness, SECRET, startHarness } from '../helpers/harness.js';

// The answer module is not what these tests are about: a fixed answer keeps them fast and exact.
const fixed = fixedAnswerer();
const incoming = fixture('message_created.incoming_contact.json');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ answerer: fixed });
});
afterAll(async () => h.close());

const post = (body: string, headers: Record<string, string>) =>
  request(h.jawab.http).post('/webhooks/chatwoot').set({ 'content-type': 'application/json', ...headers }).send(body);

describe('signature', () => {
  it('accepts a valid signature', async () => {
    const { body, headers } = signDelivery(SECRET, incoming);
    const response = await post(body, headers);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ result: 'accepted' });
  });

  it('refuses a signature made with another secret', async () => {
    const { body, headers } = signDelivery('not-the-secret', incoming);
    const response = await post(body, headers);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { code: 'bad_signature', message: 'the signature does not match the body' } });
  });

  it('refuses a delivery without signature headers', async () => {
    const response = await post(JSON.stringify(incoming), {});
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('bad_signature');
  });

  it('refuses a stale timestamp (a replay), even with a correct signature', async () => {
    const { body, headers } = signDelivery(SECRET, incoming, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const response = await post(body, headers);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('stale_signature');
  });

  it('refuses a body altered by one byte', async () => {
    const { body, headers } = signDelivery(SECRET, incoming);
    const altered = body.replace('charged twice', 'charged twicE');
    expect(altered.length).toBe(body.length);
    const response = await post(altered, headers);
    expect(response.status).toBe(401);
  });

  it('signs exactly as Chatwoot does: HMAC-SHA256 over "<timestamp>.<body>"', () => {
    // Known answer computed independently: printf '1776334502.{"a":1}' | openssl dgst -sha256 -hmac secret
    expect(sign('secret', '1776334502', '{"a":1}')).toBe('sha256=520189c8e5c3469df1362776b220b326125c96b6103de4be0b10b689586f7db4');
  });
});

describe('bad bodies', () => {
  it('answers 400 to malformed JSON', async () => {
    const { headers } = signDelivery(SECRET, '{"event": "message_created",');
    const response = await post('{"event": "message_created",', headers);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_json');
  });

  it('answers 400 to a message event whose fields have the wrong types, naming the field', async () => {
    const bad = { ...incoming, id: 'not-a-number' };
    const { body, headers } = signDelivery(SECRET, bad);
    const response = await post(body, headers);
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code: 'invalid_payload', message: expect.stringContaining('message_created: id:') });
  });

  it('answers 413 above 1 MB, before reading it', async () => {
    const big = JSON.stringify({ ...incoming, content: 'x'.repeat(1024 * 1024) });
    const { headers } = signDelivery(SECRET, big);
    const response = await post(big, headers);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('answers 200 to events it ignores, and stores nothing', async () => {
    const { body, headers } = signDelivery(SECRET, fixture('contact_updated.json'));
    const response = await post(body, headers);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ result: 'ignored' });
  });
});
