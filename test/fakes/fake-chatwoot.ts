// A fake Chatwoot for tests: checks every request against Chatwoot's OpenAPI document and token rules
// (openapi-check.ts), keeps just enough state (fake-chatwoot-state.ts) to answer like Chatwoot does for what
// Jawab calls (fake-chatwoot-routes.ts), records every request, and injects faults (429/5xx, slow, dropped).
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpecChecker } from './openapi-check.js';
import type { Operation } from './openapi-check.js';
import { FakeChatwootState } from './fake-chatwoot-state.js';
import { createRoutes } from './fake-chatwoot-routes.js';
import type { Reply, RouteContext } from './fake-chatwoot-routes.js';
import { seededRandom } from '../helpers/seeded-random.js';
import type {
  AgentAvailability, FakeAgent, FakeAttributeDefinition, FakeContact, FakeConversation, FakeMessage, FakePortal, FakeTeam, SeedConversation, SeedMessage,
} from './fake-chatwoot-state.js';

export type {
  AgentAvailability, FakeAgent, FakeAttributeDefinition, FakeContact, FakeConversation, FakeMessage, FakePortal, FakeTeam, SeedConversation, SeedMessage,
} from './fake-chatwoot-state.js';
export { FAKE_ADMIN, FAKE_BOT } from './fake-chatwoot-state.js';

export interface FakeChatwootOptions {
  /** Default `'bot-token'`. */
  botToken?: string;
  /** Default `'user-token'` (an administrator's access token). */
  userToken?: string;
  /** Default: two online agents (ids 1, 2) and one offline (id 3). */
  agents?: FakeAgent[];
  /** Default: team 1 "Support" (agents 1, 2), team 2 "Sales" (agent 3). */
  teams?: FakeTeam[];
  /** Extra open conversations per agent id, added to the agent report's `metric.open`. */
  openCounts?: Record<number, number>;
  /** Default: a contact's company (text) and plan (list), a conversation's order number (with a regex). */
  attributeDefinitions?: FakeAttributeDefinition[];
}

/** `none`: no token, as a browser (or Jawab's crawler) reads a public Help Center page. */
export type TokenKind = 'bot' | 'user' | 'none' | 'unknown';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Parsed JSON body; the raw text if it did not parse; undefined when there was none. */
  body: unknown;
  token: TokenKind;
  /** The status answered; 0 when the connection was dropped. */
  status: number;
  /** Arrival time, ms since the epoch. */
  at: number;
}

export type Fault =
  /** Answered before any effect, with `Retry-After` when given (404: as if Chatwoot had no such thing). */
  | { kind: 'status'; status: 401 | 403 | 404 | 429 | 500 | 502 | 503; retryAfterSeconds?: number }
  /** The effect happens and the request is recorded at once; only the answer waits `ms`. */
  | { kind: 'slow'; ms: number }
  /** No answer, the socket is destroyed. `before`: no effect. `after`: the effect happened (the lost-response case). */
  | { kind: 'drop'; when: 'before' | 'after' };

export interface ChaosOptions {
  rate: number;
  faults: Fault[];
  seed: number;
}

export interface FaultMatch {
  method?: string;
  /** Exact pathname, or a RegExp tested against it. */
  path?: string | RegExp;
}

export interface FakeChatwoot {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly botToken: string;
  readonly userToken: string;
  /** Every request in arrival order (live array). */
  readonly requests: RecordedRequest[];
  /** Every spec or token violation seen (live array). */
  readonly violations: string[];
  assertNoViolations(): void;
  clearRequests(): void;
  clearViolations(): void;
  waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  inject(match: FaultMatch, fault: Fault, times?: number): void;
  /** From now on, a share `rate` of the requests (after injected faults) gets one of `faults`, chosen by a seeded draw. */
  chaos(options: ChaosOptions): void;
  clearFaults(): void;
  /** Snapshot of a conversation (created on first touch, `pending`, contact id = conversation id). */
  conversation(accountId: number, id: number): FakeConversation;
  /** Snapshot of a contact (created on first touch). */
  contact(accountId: number, id: number): FakeContact;
  seedConversation(accountId: number, id: number, init?: SeedConversation): FakeConversation;
  seedContact(accountId: number, id: number, init: Partial<Omit<FakeContact, 'id'>>): FakeContact;
  /** A Help Center portal (replacing the one with its slug): listed by the API, its pages served under /hc/<slug>. */
  seedPortal(portal: FakePortal): void;
  /** Adds a message as if someone wrote it in Chatwoot (default: the contact). */
  addMessage(accountId: number, conversationId: number, message: SeedMessage): FakeMessage;
  setAgentAvailability(agentId: number, status: AgentAvailability): void;
  close(): Promise<void>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Parsing the spec and compiling schemas costs ~100 ms: share it between fakes in one test file.
let sharedChecker: SpecChecker | undefined;

export async function startFakeChatwoot(options: FakeChatwootOptions = {}): Promise<FakeChatwoot> {
  const botToken = options.botToken ?? 'bot-token';
  const userToken = options.userToken ?? 'user-token';
  const checker = (sharedChecker ??= new SpecChecker());
  const state = new FakeChatwootState(options);
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const faults: Array<{ match: FaultMatch; fault: Fault; remaining: number }> = [];
  const waiters = new Set<() => void>();
  const sleepers = new Set<() => void>();
  const routes = createRoutes(state);
  let closed = false;

  function tokenProblems(where: string, token: TokenKind, op: Operation | undefined): string[] {
    if (token === 'none') return op?.security.length === 0 ? [] : [`${where}: missing api_access_token header`];
    if (token === 'unknown') return [`${where}: unknown api_access_token`];
    if (!op || op.security.length === 0) return [];
    const scheme = token === 'bot' ? 'agentBotApiKey' : 'userApiKey';
    if (op.security.includes(scheme)) return [];
    const who = token === 'bot' ? 'the agent-bot token' : 'the user token';
    return [`${where}: ${who} may not call ${op.method} ${op.template} (security: ${op.security.join(' | ')})`];
  }

  let chaos: { options: ChaosOptions; draw: () => number } | undefined;

  function takeFault(method: string, path: string): Fault | undefined {
    const index = faults.findIndex(({ match }) =>
      (match.method === undefined || match.method.toUpperCase() === method) &&
      (match.path === undefined || (typeof match.path === 'string' ? match.path === path : match.path.test(path))));
    const entry = faults[index];
    if (!entry) return chaos && chaos.draw() < chaos.options.rate ? chaos.options.faults[Math.floor(chaos.draw() * chaos.options.faults.length)] : undefined;
    if (--entry.remaining <= 0) faults.splice(index, 1);
    return entry.fault;
  }

  /** A delay that close() cuts short, so closing never waits on a slow fault. */
  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });
  }

  function send(res: ServerResponse, reply: Reply, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.headersSent) return;
    if (reply.page) {
      res.writeHead(reply.status, { ...headers, 'content-type': reply.page.type }).end(reply.page.text);
      return;
    }
    if (reply.json === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    res.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.json));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake-chatwoot.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const header = firstHeader(req.headers['api_access_token']);
    const token: TokenKind = header === undefined ? 'none' : header === botToken ? 'bot' : header === userToken ? 'user' : 'unknown';
    const contentType = firstHeader(req.headers['content-type']);
    const check = checker.check({ method, pathname: url.pathname, query: url.searchParams, contentType, rawBody });
    const record: RecordedRequest = {
      method, path: url.pathname, query: queryObject(url.searchParams),
      body: check.body ?? (rawBody === '' ? undefined : rawBody), token, status: 0, at,
    };
    const finish = (status: number): void => {
      record.status = status;
      requests.push(record);
      for (const wake of [...waiters]) wake();
    };

    const where = `${method} ${url.pathname}`;
    const tokenIssues = tokenProblems(where, token, check.operation);
    const problems = [...tokenIssues, ...check.problems];
    // (`!check.operation` and `token === 'unknown'` always come with a problem; they are here for the type narrowing.)
    if (problems.length > 0 || !check.operation || token === 'unknown') {
      violations.push(...problems);
      const status = tokenIssues.length > 0 ? 401 : 400;
      finish(status);
      send(res, { status, json: { error: `spec violation: ${problems.join('; ')}` } });
      return;
    }

    const fault = takeFault(method, url.pathname);
    if (fault?.kind === 'status') {
      finish(fault.status);
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      send(res, { status: fault.status, json: { error: `injected ${fault.status}` } }, headers);
      return;
    }
    if (fault?.kind === 'drop' && fault.when === 'before') {
      finish(0);
      req.socket.destroy();
      return;
    }

    const operation = check.operation;
    const params = check.params;
    const accountId = Number(params['account_id'] ?? 0);
    const ctx: RouteContext = {
      accountId,
      param: (name) => Number(params[name]),
      text: (name) => params[name] ?? '',
      conv: () => state.conversation(accountId, Number(params['conversation_id'])),
      body: isObject(check.body) ? check.body : {},
      query: url.searchParams,
      token,
    };
    let reply: Reply;
    try {
      const route = routes[`${operation.method} ${operation.template}`];
      reply = route ? route(ctx) : { status: 200, json: {} };
    } catch (error) {
      // A bug in the fake must not pass for a Chatwoot answer: fail the test through assertNoViolations too.
      violations.push(`${where}: fake-chatwoot internal error: ${String(error)}`);
      reply = { status: 500, json: { error: String(error) } };
    }

    if (fault?.kind === 'drop') {
      // The effect happened; the client never learns it (the lost-response case).
      finish(0);
      req.socket.destroy();
      return;
    }
    finish(reply.status);
    if (fault?.kind === 'slow') await sleep(fault.ms);
    send(res, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A client that hangs up mid-body is not the fake's bug.
      if (!closed && !req.destroyed) violations.push(`${req.method ?? '?'} ${req.url ?? '?'}: fake-chatwoot internal error: ${String(error)}`);
      res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    botToken,
    userToken,
    requests,
    violations,
    assertNoViolations() {
      if (violations.length > 0) {
        throw new Error(`fake Chatwoot saw ${violations.length} violation(s):\n${violations.map((v) => `  - ${v}`).join('\n')}`);
      }
    },
    clearRequests: () => void requests.splice(0),
    clearViolations: () => void violations.splice(0),
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (!predicate(requests)) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake Chatwoot: condition not met within ${timeoutMs} ms; requests so far:\n${describeRequests(requests)}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    inject(match, fault, times = 1) {
      faults.push({ match, fault, remaining: times });
    },
    chaos(options) {
      chaos = { options, draw: seededRandom(options.seed) };
    },
    clearFaults: () => {
      faults.splice(0);
      chaos = undefined;
    },
    conversation: (accountId, id) => structuredClone(state.conversation(accountId, id)),
    contact: (accountId, id) => structuredClone(state.contact(accountId, id)),
    seedConversation(accountId, id, init = {}) {
      const { messages, ...fields } = init;
      const conv = Object.assign(state.conversation(accountId, id), structuredClone(fields));
      for (const m of messages ?? []) state.addMessage(conv, m);
      return structuredClone(conv);
    },
    seedPortal(portal) {
      const at = state.portals.findIndex((p) => p.slug === portal.slug);
      state.portals.splice(at < 0 ? state.portals.length : at, at < 0 ? 0 : 1, structuredClone(portal));
    },
    seedContact: (accountId, id, init) => structuredClone(Object.assign(state.contact(accountId, id), structuredClone(init))),
    addMessage: (accountId, conversationId, message) =>
      structuredClone(state.addMessage(state.conversation(accountId, conversationId), message)),
    setAgentAvailability(agentId, status) {
      const agent = state.agent(agentId);
      if (!agent) throw new Error(`fake Chatwoot: no agent ${agentId}`);
      agent.availability_status = status;
    },
    async close() {
      closed = true;
      for (const wake of [...sleepers]) wake();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 && values[0] !== undefined ? values[0] : values;
  }
  return out;
}

function describeRequests(requests: RecordedRequest[]): string {
  if (requests.length === 0) return '  (none)';
  return requests
    .map((r) => {
      const query = new URLSearchParams(Object.entries(r.query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x])));
      const body = r.body === undefined ? '' : ` ${JSON.stringify(r.body)}`;
      return `  ${r.method} ${r.path}${query.size > 0 ? `?${query}` : ''} -> ${r.status} (${r.token})${body}`;
    })
    .join('\n');
}
