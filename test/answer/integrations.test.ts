// Integrations as tools, end to end: the model (the fake OpenAI server, asking for a tool call) calls a
// local order service through Jawab, with the token, the timeout, the size cap and the SSRF guard; the
// answer and the call reach the customer and the audit trail; secrets are masked by the admin API.
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { integrationSchema } from '../../src/config/settings-integrations.js';
import { buildRequest, callIntegration } from '../../src/answer/tools.js';
import { type ChatMessage, type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';

let service: Server;
let serviceUrl: string;
let served: { path: string; authorization?: string | undefined; apiKey?: string | undefined }[];
let openai: FakeOpenAI;
let h: Harness | undefined;

beforeAll(async () => {
  service = createServer((req, res) => {
    served.push({ path: req.url ?? '', authorization: req.headers.authorization, apiKey: req.headers['x-api-key'] as string | undefined });
    if (req.url === '/orders/12345') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ order: '12345', status: 'shipped', courier: 'JNE', resi: 'JNE0099' }));
    if (req.url === '/orders/big') return void res.end('x'.repeat(5000));
    if (req.url === '/orders/slow') return void setTimeout(() => res.end('late'), 3000).unref();
    res.writeHead(404).end('{"error":"not found"}');
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(service.address() as { port: number }).port}`;
  openai = await startFakeOpenAI();
});
afterAll(async () => {
  service.closeAllConnections();
  await new Promise((resolve) => service.close(resolve));
  await openai.close();
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  served = [];
  openai.requests.length = 0;
});
served = [];

const orderStatus = () =>
  integrationSchema.parse({
    name: 'order_status',
    description: 'Look up the status of an order by its order number',
    baseUrl: serviceUrl,
    path: '/orders/{order_number}',
    parameters: [{ name: 'order_number', description: 'the order number, digits only' }],
    headers: { 'X-Api-Key': 'key-0123456789' },
    token: 's3cret-token-abcd',
    timeoutSeconds: 1,
    maxResponseBytes: 1000,
  });

/** The model: asks for the order's status once, then answers from the tool's result (or hands off on an error). */
const orderModel = (messages: ChatMessage[]) => {
  const tool = messages.find((message) => message.role === 'tool');
  if (tool === undefined) return { toolCalls: [{ name: 'order_status', arguments: { order_number: '12345' } }] };
  if (!tool.content.startsWith('HTTP 200')) return 'NO_ANSWER';
  const order = JSON.parse(tool.content.split('\n').slice(1).join('\n')) as { status: string; courier: string; resi: string };
  return `Your order 12345 has ${order.status} with ${order.courier}, tracking number ${order.resi}.`;
};

const start = (allow: boolean) =>
  startHarness({
    helpdesk: 'sandbox',
    profile: { integrations: [orderStatus()] },
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.url, ...(allow ? { ALLOWED_PRIVATE_HOSTS: '127.0.0.1:*' } : {}) },
  });

async function ask(harness: Harness, text: string) {
  const sandbox = harness.jawab.sandbox!;
  const conversation = sandbox.startConversation({ name: 'Budi' });
  await sandbox.customerSays(conversation.id, text);
  await harness.settle(20_000);
  const after = sandbox.conversation(conversation.id);
  const state = (await harness.jawab.store.read(`${after.inboxId}-${after.id}`))!.state!;
  return { status: after.status, reply: after.messages.find((m) => m.from === 'bot' && !m.private)?.content, state };
}

describe('integrations as tools', () => {
  it('lets the model call an order service with the token and answers from its result; the call is in the audit trail', async () => {
    openai.setResponder(orderModel);
    h = await start(true);
    const { reply, state } = await ask(h, 'where is my order 12345?');
    expect(reply).toBe('Your order 12345 has shipped with JNE, tracking number JNE0099.');
    expect(served).toEqual([{ path: '/orders/12345', authorization: 'Bearer s3cret-token-abcd', apiKey: 'key-0123456789' }]);
    const chats = openai.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body as { tools?: { function: { name: string; parameters: unknown } }[] });
    expect(chats).toHaveLength(2);
    expect(chats[0]!.tools?.[0]?.function).toMatchObject({ name: 'order_status', parameters: { required: ['order_number'] } });
    expect(state.lastAnswer?.sources).toContainEqual({ id: 'tool:order_status', title: 'order_status', source: `${serviceUrl}/orders/12345`, score: 1 });
  });

  it('refuses the private address without the allow-list: the model learns the call failed and Jawab hands off', async () => {
    openai.setResponder(orderModel);
    h = await start(false);
    const { status, reply, state } = await ask(h, 'where is my order 12345?');
    expect(served).toEqual([]);
    expect(status).toBe('open');
    expect(reply).not.toContain('shipped');
    // The last chat call is the handoff note's (the model writes it): the tool's result went to the one before.
    const withTool = openai.requests.map((r) => (r.body as { messages?: { role: string; content: string }[] }).messages ?? []).filter((ms) => ms.some((m) => m.role === 'tool'));
    const toolMessage = withTool.at(-1)?.find((m) => m.role === 'tool');
    expect(toolMessage?.content).toMatch(/^error: 127\.0\.0\.1 is a loopback address/);
    expect(state.audit.flatMap((entry) => entry.sources ?? [])).toContainEqual(expect.objectContaining({ id: 'tool:order_status', title: 'order_status (failed)' }));
  });

  it('never shows the secrets in full through the admin API, and keeps them when the masked settings are saved back', async () => {
    openai.setResponder(orderModel);
    h = await start(true);
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const shown = await request(h.jawab.http).get('/api/settings').set(auth);
    const integration = shown.body.defaultProfile.integrations[0];
    expect(integration.token).toBe('••••abcd');
    expect(integration.headers).toEqual({ 'X-Api-Key': '••••6789' });
    expect(JSON.stringify(shown.body)).not.toContain('s3cret');
    const saved = await request(h.jawab.http).put('/api/settings').set(auth).send(shown.body);
    expect(saved.status).toBe(200);
    expect(saved.body.defaultProfile.integrations[0].token).toBe('••••abcd');
    expect(h.jawab.settings.get().defaultProfile.integrations[0]?.token).toBe('s3cret-token-abcd');
    await ask(h, 'where is my order 12345?');
    expect(served[0]).toMatchObject({ authorization: 'Bearer s3cret-token-abcd', apiKey: 'key-0123456789' });
  });
});

describe('a kept secret and a new address', () => {
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

  it('refuses the masks for a new host with 422 naming each secret, and keeps everything as it was', async () => {
    h = await start(true);
    const api = request(h.jawab.http);
    const shown = (await api.get('/api/settings').set(auth).expect(200)).body;
    const moved = structuredClone(shown);
    moved.defaultProfile.integrations[0].baseUrl = 'https://collector.attacker.example/';
    const res = await api.put('/api/settings').set(auth).send(moved).expect(422);
    const kept = new URL(serviceUrl).host;
    const message = `this secret was kept for ${kept} and the address is now collector.attacker.example: type the secret again (a kept secret never follows a new host)`;
    expect(res.body.error.fields).toEqual([
      { path: 'defaultProfile.integrations.0.headers.X-Api-Key', message },
      { path: 'defaultProfile.integrations.0.token', message },
    ]);
    // A merge patch of the list is refused the same way.
    await api.patch('/api/settings').set(auth).send({ defaultProfile: { integrations: moved.defaultProfile.integrations } }).expect(422);
    // Another port of the same host name is another host too.
    moved.defaultProfile.integrations[0].baseUrl = serviceUrl.replace(/:(\d+)/, (_: string, port: string) => `:${Number(port) + 1}`);
    await api.put('/api/settings').set(auth).send(moved).expect(422);
    expect(h.jawab.settings.get().defaultProfile.integrations[0]).toEqual(orderStatus());
  });

  it('keeps the masks for the same host (another path), and takes secrets typed again for a new one', async () => {
    h = await start(true);
    const api = request(h.jawab.http);
    const shown = (await api.get('/api/settings').set(auth).expect(200)).body;
    shown.defaultProfile.integrations[0].baseUrl = `${serviceUrl}/v2`;
    await api.put('/api/settings').set(auth).send(shown).expect(200);
    expect(h.jawab.settings.get().defaultProfile.integrations[0]).toMatchObject({ baseUrl: `${serviceUrl}/v2`, token: 's3cret-token-abcd', headers: { 'X-Api-Key': 'key-0123456789' } });
    shown.defaultProfile.integrations[0] = { ...shown.defaultProfile.integrations[0], baseUrl: 'https://orders.example/', token: 'new-token-for-orders', headers: { 'X-Api-Key': 'new-key' } };
    await api.put('/api/settings').set(auth).send(shown).expect(200);
    expect(h.jawab.settings.get().defaultProfile.integrations[0]).toMatchObject({ baseUrl: 'https://orders.example/', token: 'new-token-for-orders', headers: { 'X-Api-Key': 'new-key' } });
  });
});

describe('callIntegration', () => {
  const policy = { allowPrivateHosts: ['127.0.0.1:*'] };

  it('fills path placeholders and puts the other parameters in the query', () => {
    const integration = integrationSchema.parse({
      name: 'stock',
      description: 'stock of a product',
      baseUrl: 'https://shop.example/api/',
      path: 'products/{sku}/stock',
      parameters: [{ name: 'sku', description: 'sku' }, { name: 'size', description: 'size', required: false }],
    });
    expect(buildRequest(integration, { sku: 'A/1', size: 'L' })).toEqual({ url: 'https://shop.example/api/products/A%2F1/stock?size=L' });
    expect(() => buildRequest(integration, {})).toThrow('missing parameter sku');
  });

  it('reports a response above the size cap and a timeout as errors for the model', async () => {
    const big = await callIntegration(orderStatus(), { order_number: 'big' }, policy);
    expect(big).toMatchObject({ ok: false, content: expect.stringContaining('answered more than 1000 bytes') });
    const slow = await callIntegration(orderStatus(), { order_number: 'slow' }, policy);
    expect(slow).toMatchObject({ ok: false, content: expect.stringContaining('timed out') });
  });
});
