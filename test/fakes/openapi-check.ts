// Checks a request against Chatwoot's OpenAPI document (Chatwoot 4.13.0, vendored unmodified in test/fixtures/chatwoot/openapi/swagger.json)
// plus the few routes SPEC section 1 says Chatwoot has but the document leaves out. The fake Chatwoot uses it so
// that a test fails when Jawab calls a path, method, query parameter or body field that real Chatwoot does not know.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const SPEC_URL = new URL('../fixtures/chatwoot/openapi/swagger.json', import.meta.url);
const SPEC_ID = 'https://chatwoot.test/swagger.json';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Json = Record<string, unknown>;

export interface Operation {
  /** Upper-case HTTP method. */
  method: string;
  /** The spec's path template, e.g. `/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages`. */
  template: string;
  /** Security scheme names the operation accepts (`userApiKey`, `agentBotApiKey`, `platformAppApiKey`); empty = public. */
  security: string[];
}

export interface CheckResult {
  /** Set when path and method matched, even if the query or body were wrong. */
  operation?: Operation;
  /** Path parameters by name (raw strings). */
  params: Record<string, string>;
  /** The parsed JSON body, or undefined when there was none (or it did not parse). */
  body: unknown;
  problems: string[];
}

interface Param {
  name: string;
  in: string;
  required: boolean;
  schema: Json;
}

interface BodySpec {
  required: boolean;
  /** The schema used for the unknown-field walk; undefined when the body may not be JSON. */
  schema?: Json;
  validate?: () => ValidateFunction;
}

interface OperationSpec {
  operation: Operation;
  query: Map<string, Param>;
  body?: BodySpec;
}

interface Route {
  template: string;
  segments: string[];
  pathParams: Map<string, Param>;
  methods: Map<string, OperationSpec>;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------- routes Chatwoot has that its OpenAPI document leaves out (SPEC section 1; exactly these) ----------

const intParam = (name: string): Param => ({ name, in: 'path', required: true, schema: { type: 'integer' } });
const participantsBody: Json = {
  type: 'object',
  required: ['user_ids'],
  properties: { user_ids: { type: 'array', items: { type: 'integer' } } },
};
const dashboardAppBody = (required: string[]): Json => ({
  type: 'object',
  required: ['dashboard_app'],
  properties: {
    dashboard_app: {
      type: 'object',
      required,
      properties: {
        title: { type: 'string' },
        content: {
          type: 'array',
          items: {
            type: 'object',
            required: ['type', 'url'],
            properties: { type: { const: 'frame' }, url: { type: 'string', format: 'uri' } },
          },
        },
      },
    },
  },
});
const EXTRA_ROUTES: Array<{ template: string; methods: Record<string, Json | undefined> }> = [
  {
    template: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/participants',
    methods: { GET: undefined, POST: participantsBody, PATCH: participantsBody, DELETE: participantsBody },
  },
  {
    template: '/api/v1/accounts/{account_id}/dashboard_apps',
    methods: { GET: undefined, POST: dashboardAppBody(['title', 'content']) },
  },
  {
    template: '/api/v1/accounts/{account_id}/dashboard_apps/{id}',
    methods: { GET: undefined, PATCH: dashboardAppBody([]), DELETE: undefined },
  },
  { template: '/api/v1/accounts/{account_id}/agent_bots/{id}/reset_secret', methods: { POST: undefined } },
];

/**
 * Chatwoot's public Help Center pages and robots.txt: HTML and text a browser, or Jawab's crawler, reads without a
 * token. They are outside the API document; only GET, only these paths (a crawl that leaves the portal is reported).
 */
const PUBLIC_PAGES = [
  '/robots.txt',
  '/hc/{slug}',
  '/hc/{slug}/{locale}',
  '/hc/{slug}/{locale}/categories/{category}',
  '/hc/{slug}/articles/{article}',
];

// ---------- the checker ----------

export class SpecChecker {
  private readonly routes: Route[] = [];
  private readonly spec: Json;
  private readonly ajv: InstanceType<typeof Ajv2020.default>;

  constructor() {
    this.spec = JSON.parse(readFileSync(SPEC_URL, 'utf8')) as Json;
    this.ajv = new Ajv2020.default({ strict: false, allErrors: true });
    addFormats.default(this.ajv);
    // The whole document is one schema, so `#/components/...` refs resolve inside it.
    this.ajv.addSchema(this.spec, SPEC_ID);
    this.loadSpecRoutes();
    this.loadExtraRoutes();
    this.loadPublicPages();
    // Literal segments beat parameters (`contacts/search` before `contacts/{id}`), left to right.
    this.routes.sort((a, b) => specificity(b).localeCompare(specificity(a)));
  }

  check(input: { method: string; pathname: string; query: URLSearchParams; contentType?: string; rawBody: string }): CheckResult {
    const method = input.method.toUpperCase();
    const where = `${method} ${input.pathname}`;
    const result: CheckResult = { params: {}, body: undefined, problems: [] };
    const fail = (what: string): CheckResult => {
      result.problems.push(`${where}: ${what}`);
      return result;
    };

    const match = this.matchPath(input.pathname);
    if ('problem' in match) return fail(match.problem);
    const { route, params } = match;
    result.params = params;
    const op = route.methods.get(method);
    if (!op) return fail(`method not in the spec for ${route.template} (allowed: ${[...route.methods.keys()].join(', ')})`);
    result.operation = op.operation;

    this.checkQuery(op, input.query, (p) => result.problems.push(`${where}: ${p}`));
    this.checkBody(op, input, result, (p) => result.problems.push(`${where}: ${p}`));
    return result;
  }

  private matchPath(pathname: string): { route: Route; params: Record<string, string> } | { problem: string } {
    const segments = pathname.split('/');
    let paramProblem: string | undefined;
    for (const route of this.routes) {
      if (route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      route.segments.forEach((seg, i) => {
        const actual = safeDecode(segments[i] ?? '');
        if (!seg.startsWith('{')) ok &&= seg === actual;
        else params[seg.slice(1, -1)] = actual;
      });
      if (!ok) continue;
      const bad = Object.entries(params).find(([name, value]) => !scalarOk(pathSchema(route, name), value));
      if (bad) {
        paramProblem ??= `path parameter ${bad[0]} of ${route.template} must be ${describe(pathSchema(route, bad[0]))}, got '${bad[1]}'`;
        continue;
      }
      return { route, params };
    }
    return { problem: paramProblem ?? 'no such path in the Chatwoot API spec' };
  }

  private checkQuery(op: OperationSpec, query: URLSearchParams, problem: (p: string) => void): void {
    const seen = new Set<string>();
    for (const key of new Set(query.keys())) {
      // Rails-style arrays arrive as `labels[]=a&labels[]=b`.
      const name = key.endsWith('[]') ? key.slice(0, -2) : key;
      const param = op.query.get(name);
      if (!param) {
        problem(`unknown query parameter '${key}' (the spec names: ${[...op.query.keys()].join(', ') || 'none'})`);
        continue;
      }
      seen.add(name);
      const values = query.getAll(key);
      const itemSchema = param.schema['type'] === 'array' && isObject(param.schema['items']) ? param.schema['items'] : param.schema;
      for (const value of values) {
        if (!scalarOk(itemSchema, value)) problem(`query parameter ${name} must be ${describe(itemSchema)}, got '${value}'`);
      }
    }
    for (const param of op.query.values()) {
      if (param.required && !seen.has(param.name)) problem(`missing required query parameter '${param.name}'`);
    }
  }

  private checkBody(
    op: OperationSpec,
    input: { contentType?: string; rawBody: string },
    result: CheckResult,
    problem: (p: string) => void,
  ): void {
    const hasBody = input.rawBody.trim() !== '';
    if (!hasBody) {
      if (op.body?.required) problem('missing required request body');
      return;
    }
    if (!op.body) return problem('this operation takes no request body');
    if (!/^application\/json\s*(;|$)/i.test(input.contentType ?? '')) {
      problem(`Content-Type must be application/json, got '${input.contentType ?? '(none)'}'`);
    }
    try {
      result.body = JSON.parse(input.rawBody);
    } catch {
      return problem('body is not valid JSON');
    }
    if (!op.body.schema || !op.body.validate) return problem('this operation does not take a JSON body');
    const validate = op.body.validate();
    for (const error of validate(result.body) ? [] : (validate.errors ?? [])) {
      // Ajv's own text leaves out what an enum or const allows; say it.
      const allowed = error.params['allowedValues'] ?? error.params['allowedValue'];
      const hint = allowed === undefined ? '' : ` (${JSON.stringify(allowed)})`;
      problem(`invalid body: body${error.instancePath} ${error.message ?? 'is invalid'}${hint}`);
    }
    this.unknownFields(op.body.schema, result.body, 'body', problem);
  }

  /** Every key of a body object must be a property the schema names, unless the schema leaves the object open. */
  private unknownFields(schema: Json, value: unknown, at: string, problem: (p: string) => void): void {
    const nodes = this.flatten(schema);
    if (Array.isArray(value)) {
      const items = nodes.map((n) => n['items']).filter(isObject);
      value.forEach((item, i) => items.forEach((s) => this.unknownFields(s, item, `${at}[${i}]`, problem)));
      return;
    }
    if (!isObject(value)) return;
    const properties = new Map<string, Json[]>();
    let listsProperties = false;
    const additional: Json[] = [];
    let open = false;
    for (const node of nodes) {
      const props = node['properties'];
      if (isObject(props)) {
        listsProperties = true;
        for (const [key, sub] of Object.entries(props)) if (isObject(sub)) properties.set(key, [...(properties.get(key) ?? []), sub]);
      }
      const ap = node['additionalProperties'];
      if (ap === true) open = true;
      if (isObject(ap)) additional.push(ap);
    }
    for (const [key, sub] of Object.entries(value)) {
      const schemas = properties.get(key) ?? additional;
      if (schemas.length === 0 && listsProperties && !open) {
        problem(`unknown field ${at}.${key} (the spec names: ${[...properties.keys()].join(', ')})`);
      }
      schemas.forEach((s) => this.unknownFields(s, sub, `${at}.${key}`, problem));
    }
  }

  /** A schema and, recursively, its $ref target and allOf/anyOf/oneOf branches. */
  private flatten(schema: Json): Json[] {
    const ref = schema['$ref'];
    const own = typeof ref === 'string' ? [schema, ...this.flatten(this.resolve(ref))] : [schema];
    const branches = ['allOf', 'anyOf', 'oneOf'].flatMap((k) => {
      const list = schema[k];
      return Array.isArray(list) ? list.filter(isObject).flatMap((s) => this.flatten(s)) : [];
    });
    return [...own, ...branches];
  }

  private resolve(ref: string): Json {
    if (!ref.startsWith('#/')) throw new Error(`fake-chatwoot: external $ref not supported: ${ref}`);
    let node: unknown = this.spec;
    for (const part of ref.slice(2).split('/')) {
      node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    if (!isObject(node)) throw new Error(`fake-chatwoot: unresolvable $ref ${ref}`);
    return node;
  }

  private param(raw: unknown): Param | undefined {
    if (!isObject(raw)) return undefined;
    const p = typeof raw['$ref'] === 'string' ? this.resolve(raw['$ref']) : raw;
    if (typeof p['name'] !== 'string' || typeof p['in'] !== 'string') return undefined;
    return { name: p['name'], in: p['in'], required: p['required'] === true, schema: isObject(p['schema']) ? p['schema'] : {} };
  }

  private loadSpecRoutes(): void {
    const paths = this.spec['paths'];
    if (!isObject(paths)) throw new Error('fake-chatwoot: swagger.json has no paths');
    for (const [template, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      const shared = Array.isArray(item['parameters']) ? item['parameters'] : [];
      const route = this.addRoute(template);
      for (const method of METHODS) {
        const raw = item[method];
        if (!isObject(raw)) continue;
        const own = Array.isArray(raw['parameters']) ? raw['parameters'] : [];
        const params = [...shared, ...own].flatMap((p) => this.param(p) ?? []);
        for (const param of params) if (param.in === 'path') route.pathParams.set(param.name, param);
        const query = new Map(params.filter((p) => p.in === 'query').map((p) => [p.name, p]));
        const security = Array.isArray(raw['security']) ? raw['security'].filter(isObject).flatMap((s) => Object.keys(s)) : [];
        const spec: OperationSpec = { operation: { method: method.toUpperCase(), template, security }, query };
        const requestBody = raw['requestBody'];
        if (isObject(requestBody)) {
          const content = isObject(requestBody['content']) ? requestBody['content'] : {};
          const json = content['application/json'];
          const pointer = `#/paths/${escapePointer(template)}/${method}/requestBody/content/application~1json/schema`;
          spec.body = { required: requestBody['required'] === true };
          if (isObject(json) && isObject(json['schema'])) {
            spec.body.schema = json['schema'];
            spec.body.validate = this.lazyCompile(() => this.ajv.getSchema(SPEC_ID + pointer));
          }
        }
        route.methods.set(spec.operation.method, spec);
      }
    }
    // Chatwoot also takes PATCH for a contact update, with the PUT body (SPEC section 1).
    const contact = this.routes.find((r) => r.template === '/api/v1/accounts/{account_id}/contacts/{id}');
    const put = contact?.methods.get('PUT');
    if (!contact || !put) throw new Error('fake-chatwoot: swagger.json lost the contact update route');
    contact.methods.set('PATCH', { ...put, operation: { ...put.operation, method: 'PATCH' } });
    // SPEC 1: the agent-bot token may set conversation custom attributes, although the document lists only userApiKey.
    const attributes = this.routes.find((r) => r.template === '/api/v1/accounts/{account_id}/conversations/{conversation_id}/custom_attributes');
    const post = attributes?.methods.get('POST');
    if (!post) throw new Error('fake-chatwoot: swagger.json lost the conversation custom attributes route');
    if (!post.operation.security.includes('agentBotApiKey')) post.operation.security.push('agentBotApiKey');
  }

  private loadExtraRoutes(): void {
    for (const extra of EXTRA_ROUTES) {
      const route = this.addRoute(extra.template);
      for (const name of extra.template.match(/\{(\w+)\}/g) ?? []) route.pathParams.set(name.slice(1, -1), intParam(name.slice(1, -1)));
      for (const [method, schema] of Object.entries(extra.methods)) {
        const spec: OperationSpec = { operation: { method, template: extra.template, security: ['userApiKey'] }, query: new Map() };
        if (schema) spec.body = { required: true, schema, validate: this.lazyCompile(() => this.ajv.compile(schema)) };
        route.methods.set(method, spec);
      }
    }
  }

  private loadPublicPages(): void {
    for (const template of PUBLIC_PAGES) {
      const route = this.addRoute(template);
      for (const name of template.match(/\{(\w+)\}/g) ?? []) {
        const param = name.slice(1, -1);
        route.pathParams.set(param, { name: param, in: 'path', required: true, schema: { type: 'string' } });
      }
      route.methods.set('GET', { operation: { method: 'GET', template, security: [] }, query: new Map() });
    }
  }

  private addRoute(template: string): Route {
    const existing = this.routes.find((r) => r.template === template);
    if (existing) return existing;
    const route: Route = { template, segments: template.split('/'), pathParams: new Map(), methods: new Map() };
    this.routes.push(route);
    return route;
  }

  /** Compile on first use: compiling all ~150 operations up front would slow every test file's start. */
  private lazyCompile(compile: () => ValidateFunction | undefined): () => ValidateFunction {
    let cached: ValidateFunction | undefined;
    return () => {
      cached ??= compile();
      if (!cached) throw new Error('fake-chatwoot: could not compile a request body schema');
      return cached;
    };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape then fails the literal or integer match, as it would in Rails
  }
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Sort key: per segment, literals ('1') before parameters ('0'). */
function specificity(route: Route): string {
  return route.segments.map((s) => (s.startsWith('{') ? '0' : '1')).join('');
}

/** Ids are integers (the spec says `number` for some, e.g. contacts/{id}); only a declared string (a slug) is free text. */
function pathSchema(route: Route, name: string): Json {
  const declared = route.pathParams.get(name)?.schema;
  if (declared?.['type'] === 'string') return declared;
  return name === 'id' || name.endsWith('_id') || declared ? { type: 'integer' } : { type: 'string' };
}

/** Checks one path or query string against a scalar schema (type and enum). */
function scalarOk(schema: Json, value: string): boolean {
  const type = schema['type'];
  const typeOk =
    type === 'integer' ? /^-?\d+$/.test(value)
    : type === 'number' ? value.trim() !== '' && Number.isFinite(Number(value))
    : type === 'boolean' ? value === 'true' || value === 'false'
    : true;
  const allowed = schema['enum'];
  return typeOk && (!Array.isArray(allowed) || allowed.map(String).includes(value));
}

function describe(schema: Json): string {
  const allowed = schema['enum'];
  if (Array.isArray(allowed)) return `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  return `a${schema['type'] === 'integer' ? 'n' : ''} ${String(schema['type'] ?? 'value')}`;
}
