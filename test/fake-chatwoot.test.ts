// Tests of the fake Chatwoot itself: it must reject what real Chatwoot's API contract rejects, answer in Chatwoot's
// shapes, and inject faults exactly as documented, or the tests that rely on it prove nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import axios from 'axios';
import { startFakeChatwoot } from './fakes/fake-chatwoot.js';
import type { FakeChatwoot } from './fakes/fake-chatwoot.js';

const CONV = '/api/v1/accounts/1/conversations/42';

let fake: FakeChatwoot;
beforeEach(async () => {
  fake = await startFakeChatwoot();
});
afterEach(async () => {
  await fake.close();
});

/** A plain fetch; `token` is 'bot' | 'user', a literal token, or null for none. */
async function call(method: string, path: string, options: { token?: string | null; body?: unknown } = {}) {
  const token = options.token === undefined || options.token === 'user' ? fake.userToken
    : options.token === 'bot' ? fake.botToken
    : options.token;
  const headers: Record<string, string> = {};
  if (token !== null) headers['api_access_token'] = token;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(fake.url + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

describe('fake Chatwoot: requests that follow the spec', () => {
  it('creates a message with the bot token, answers in Chatwoot shape and records it', async () => {
    const res = await call('POST', `${CONV}/messages`, { token: 'bot', body: { content: 'Halo!', private: false, message_type: 'outgoing' } });

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: 1000,
      content: 'Halo!',
      conversation_id: 42,
      message_type: 'outgoing', // the create answer carries the string (Rails before_type_cast)
      private: false,
      content_type: 'text',
      sender: { id: 1, name: 'Jawab', type: 'agent_bot' },
    });
    expect(fake.requests).toEqual([
      expect.objectContaining({ method: 'POST', path: `${CONV}/messages`, token: 'bot', status: 200, body: expect.objectContaining({ content: 'Halo!' }) }),
    ]);
    expect(fake.conversation(1, 42).messages).toEqual([expect.objectContaining({ id: 1000, content: 'Halo!', private: false })]);
    fake.assertNoViolations();
  });

  it('lists messages with integer message_type and sender_type', async () => {
    fake.addMessage(1, 42, { content: 'Saya mau tanya' });
    await call('POST', `${CONV}/messages`, { token: 'bot', body: { content: 'Silakan' } });
    await call('POST', `${CONV}/messages`, { token: 'user', body: { content: 'catatan', private: true } });

    const res = await call('GET', `${CONV}/messages`);

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      meta: { labels: [] },
      payload: [
        { content: 'Saya mau tanya', message_type: 0, sender_type: 'Contact' },
        { content: 'Silakan', message_type: 1, sender_type: 'AgentBot', sender: { type: 'agent_bot' } },
        { content: 'catatan', message_type: 1, private: true, sender_type: 'User', sender: { type: 'user' } },
      ],
    });
    fake.assertNoViolations();
  });

  it('replaces the labels on POST, like Chatwoot', async () => {
    fake.seedConversation(1, 42, { labels: ['vip', 'billing'] });

    const res = await call('POST', `${CONV}/labels`, { body: { labels: ['ai-off'] } });

    expect(res.json).toEqual({ payload: ['ai-off'] });
    expect((await call('GET', `${CONV}/labels`)).json).toEqual({ payload: ['ai-off'] });
    expect(fake.conversation(1, 42).labels).toEqual(['ai-off']);
    fake.assertNoViolations();
  });

  it('lists agents with online/busy/offline', async () => {
    fake.setAgentAvailability(2, 'busy');

    const res = await call('GET', '/api/v1/accounts/1/agents');

    expect(res.json).toEqual([
      expect.objectContaining({ id: 1, availability_status: 'online' }),
      expect.objectContaining({ id: 2, availability_status: 'busy' }),
      expect.objectContaining({ id: 3, availability_status: 'offline' }),
    ]);
  });

  it('counts open assigned conversations in the agent report, plus openCounts', async () => {
    await fake.close();
    fake = await startFakeChatwoot({ openCounts: { 2: 5 } });
    fake.seedConversation(1, 10, { status: 'open', assigneeId: 1 });
    fake.seedConversation(1, 11, { status: 'pending', assigneeId: 1 }); // not open: not counted
    await call('POST', '/api/v1/accounts/1/conversations/12/assignments', { token: 'bot', body: { assignee_id: 1 } });
    await call('POST', '/api/v1/accounts/1/conversations/12/toggle_status', { token: 'bot', body: { status: 'open' } });

    const res = await call('GET', '/api/v2/accounts/1/reports/conversations/?type=agent');

    expect(res.status).toBe(200);
    expect(res.json).toEqual([
      expect.objectContaining({ id: 1, availability: 'online', metric: { open: 2, unattended: 0 } }),
      expect.objectContaining({ id: 2, metric: { open: 5, unattended: 0 } }),
      expect.objectContaining({ id: 3, availability: 'offline', metric: { open: 0, unattended: 0 } }),
    ]);
    fake.assertNoViolations();
  });

  it('toggles status and assigns in Chatwoot shapes', async () => {
    const status = await call('POST', `${CONV}/toggle_status`, { token: 'bot', body: { status: 'open' } });
    const assign = await call('POST', `${CONV}/assignments`, { token: 'bot', body: { team_id: 1 } });
    const priority = await call('POST', `${CONV}/toggle_priority`, { token: 'bot', body: { priority: 'high' } });

    expect(status.json).toEqual({ meta: {}, payload: { success: true, current_status: 'open', conversation_id: 42 } });
    expect(assign.json).toMatchObject({ id: 1, name: 'Support' });
    expect(priority).toMatchObject({ status: 200, json: undefined });
    expect(fake.conversation(1, 42)).toMatchObject({ status: 'open', teamId: 1, assigneeId: null, priority: 'high' });
    fake.assertNoViolations();
  });

  it('merges contact custom attributes on PATCH (a route the spec leaves out)', async () => {
    fake.seedContact(1, 7, { customAttributes: { plan: 'basic', city: 'Bandung' } });

    const res = await call('PATCH', '/api/v1/accounts/1/contacts/7', { body: { email: 'a@b.id', custom_attributes: { plan: 'pro' } } });

    expect(res.json).toMatchObject({ payload: { id: 7, email: 'a@b.id', custom_attributes: { plan: 'pro', city: 'Bandung' } } });
    fake.assertNoViolations();
  });
});

describe('fake Chatwoot: spec and token violations', () => {
  const cases: Array<{ name: string; method: string; path: string; token?: string | null; body?: unknown; status: number; says: RegExp }> = [
    { name: 'an unknown body field', method: 'POST', path: `${CONV}/messages`, token: 'bot', body: { content: 'x', buttons: [] }, status: 400, says: /unknown field body\.buttons/ },
    { name: 'a wrong type', method: 'POST', path: `${CONV}/messages`, token: 'bot', body: { content: 'x', private: 'yes' }, status: 400, says: /body\/private must be boolean/ },
    { name: 'a wrong enum value', method: 'POST', path: `${CONV}/toggle_status`, token: 'bot', body: { status: 'closed' }, status: 400, says: /must be equal to one of the allowed values/ },
    { name: 'a missing required field', method: 'POST', path: `${CONV}/messages`, token: 'bot', body: { private: true }, status: 400, says: /required property 'content'/ },
    { name: 'an unknown path', method: 'GET', path: '/api/v1/accounts/1/conversations/42/notes', status: 400, says: /no such path/ },
    { name: 'a non-integer id', method: 'GET', path: '/api/v1/accounts/1/conversations/abc', status: 400, says: /conversation_id .* must be an integer/ },
    { name: 'a wrong method', method: 'PUT', path: `${CONV}/labels`, body: { labels: [] }, status: 400, says: /method not in the spec .*allowed: GET, POST/ },
    // SPEC 1's extra routes, exactly: their methods, no neighbours, their bodies.
    { name: 'a method the dashboard app route lacks', method: 'PUT', path: '/api/v1/accounts/1/dashboard_apps/1', body: { dashboard_app: { title: 'x' } }, status: 400, says: /method not in the spec .*allowed: GET, PATCH, DELETE/ },
    { name: 'GET on reset_secret', method: 'GET', path: '/api/v1/accounts/1/agent_bots/1/reset_secret', status: 400, says: /method not in the spec .*allowed: POST/ },
    { name: 'a route next to the extras', method: 'POST', path: '/api/v1/accounts/1/dashboard_apps/1/reset_secret', status: 400, says: /no such path/ },
    { name: 'a dashboard app that is not a frame', method: 'POST', path: '/api/v1/accounts/1/dashboard_apps', body: { dashboard_app: { title: 'x', content: [{ type: 'link', url: 'https://x.example' }] } }, status: 400, says: /constant/ },
    { name: 'an unknown query parameter', method: 'GET', path: `${CONV}/messages?limit=5`, status: 400, says: /unknown query parameter 'limit'/ },
    { name: 'the report path without its trailing slash', method: 'GET', path: '/api/v2/accounts/1/reports/conversations?type=agent', status: 400, says: /type must be one of "account"/ },
    { name: 'the bot token on the labels route', method: 'POST', path: `${CONV}/labels`, token: 'bot', body: { labels: ['a'] }, status: 401, says: /agent-bot token may not call POST/ },
    { name: 'the bot token reading a conversation', method: 'GET', path: CONV, token: 'bot', status: 401, says: /agent-bot token may not call GET/ },
    { name: 'an unknown token', method: 'GET', path: '/api/v1/accounts/1/agents', token: 'nope', status: 401, says: /unknown api_access_token/ },
    { name: 'no token', method: 'GET', path: '/api/v1/accounts/1/agents', token: null, status: 401, says: /missing api_access_token/ },
  ];

  it.each(cases)('rejects $name', async ({ method, path, token, body, status, says }) => {
    const res = await call(method, path, { token, body });

    expect(res.status).toBe(status);
    expect(res.json).toEqual({ error: expect.stringMatching(/^spec violation: /) });
    expect(fake.violations).toEqual([expect.stringMatching(says)]);
    expect(fake.requests).toEqual([expect.objectContaining({ status })]);
    expect(() => fake.assertNoViolations()).toThrow(says);
  });

  it('rejects a JSON body sent without Content-Type application/json', async () => {
    const res = await fetch(`${fake.url}${CONV}/messages`, {
      method: 'POST',
      headers: { api_access_token: fake.botToken, 'content-type': 'text/plain' },
      body: JSON.stringify({ content: 'x' }),
    });

    expect(res.status).toBe(400);
    expect(fake.violations).toEqual([expect.stringMatching(/Content-Type must be application\/json/)]);
    expect(fake.conversation(1, 42).messages).toEqual([]);
  });

  it('has no effect for a rejected request', async () => {
    await call('POST', `${CONV}/labels`, { token: 'bot', body: { labels: ['a'] } });
    expect(fake.conversation(1, 42).labels).toEqual([]);
  });
});

describe('fake Chatwoot: fault injection', () => {
  it('answers an injected status with Retry-After before any effect, then recovers', async () => {
    fake.inject({ method: 'POST', path: `${CONV}/messages` }, { kind: 'status', status: 429, retryAfterSeconds: 2 });

    const first = await call('POST', `${CONV}/messages`, { token: 'bot', body: { content: 'a' } });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(fake.conversation(1, 42).messages).toEqual([]);

    const second = await call('POST', `${CONV}/messages`, { token: 'bot', body: { content: 'a' } });
    expect(second.status).toBe(200);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('matches faults by RegExp and applies them `times` times', async () => {
    fake.inject({ path: /\/toggle_status$/ }, { kind: 'status', status: 503 }, 2);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('POST', `${CONV}/toggle_status`, { token: 'bot', body: { status: 'open' } })).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('slow: applies the effect at once and delays the answer', async () => {
    fake.inject({ path: `${CONV}/toggle_status` }, { kind: 'slow', ms: 400 });
    const started = Date.now();

    const pending = call('POST', `${CONV}/toggle_status`, { token: 'bot', body: { status: 'open' } });
    await fake.waitFor((r) => r.length === 1);
    expect(fake.conversation(1, 42).status).toBe('open'); // before the answer arrives
    const res = await pending;

    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('drop before: no answer and no effect', async () => {
    fake.inject({ path: `${CONV}/messages` }, { kind: 'drop', when: 'before' });

    const error = await axios
      .post(`${fake.url}${CONV}/messages`, { content: 'lost' }, { headers: { api_access_token: fake.botToken }, timeout: 2000 })
      .catch((e: unknown) => e);

    expect(axios.isAxiosError(error) && error.response === undefined).toBe(true);
    expect(fake.conversation(1, 42).messages).toEqual([]);
    expect(fake.requests).toEqual([expect.objectContaining({ status: 0, token: 'bot' })]);
  });

  it('drop after: the effect happens but the answer is lost', async () => {
    fake.inject({ path: `${CONV}/messages` }, { kind: 'drop', when: 'after' });

    const error = await axios
      .post(`${fake.url}${CONV}/messages`, { content: 'sent twice?' }, { headers: { api_access_token: fake.botToken }, timeout: 2000 })
      .catch((e: unknown) => e);

    expect(axios.isAxiosError(error) && error.response === undefined).toBe(true);
    expect(fake.conversation(1, 42).messages).toEqual([expect.objectContaining({ content: 'sent twice?' })]);
    expect(fake.requests).toEqual([expect.objectContaining({ status: 0 })]);
  });

  it('clearFaults removes pending faults', async () => {
    fake.inject({}, { kind: 'status', status: 500 }, 10);
    fake.clearFaults();
    expect((await call('GET', '/api/v1/accounts/1/agents')).status).toBe(200);
  });
});

describe('fake Chatwoot: waiting and closing', () => {
  it('waitFor resolves on the request that satisfies it', async () => {
    const waiting = fake.waitFor((r) => r.some((x) => x.path.endsWith('/labels')));
    await call('GET', '/api/v1/accounts/1/agents');
    await call('GET', `${CONV}/labels`);
    await expect(waiting).resolves.toBeUndefined();
  });

  it('waitFor rejects with the recorded requests', async () => {
    await call('GET', '/api/v1/accounts/1/agents');
    await expect(fake.waitFor(() => false, 50)).rejects.toThrow(/GET \/api\/v1\/accounts\/1\/agents -> 200 \(user\)/);
  });

  it('close is prompt even with a slow answer in flight', async () => {
    fake.inject({}, { kind: 'slow', ms: 10_000 });
    const inFlight = call('GET', '/api/v1/accounts/1/agents').catch(() => 'closed');
    await fake.waitFor((r) => r.length === 1);
    const started = Date.now();
    await fake.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await inFlight;
  });
});
