// Integrations as tools for the model: their OpenAI function definitions, and the call itself, made
// through the SSRF guard with the integration's timeout and response size cap. A failed call is not an
// exception: its reason goes back to the model as the tool's result (so it can say it could not check),
// and into the audit trail with the call.
import type { Integration } from '../config/settings-integrations.js';
import type { AddressPolicy } from '../net/address-policy.js';
import { safeFetch } from '../net/safe-fetch.js';

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface ToolCallResult {
  /** What the model reads as the tool's result. */
  content: string;
  /** The request made (without secrets), for the audit trail. */
  url: string;
  ok: boolean;
}

export function toolDefinition(integration: Integration): ToolDefinition {
  return {
    type: 'function',
    function: {
      name: integration.name,
      description: integration.description,
      parameters: {
        type: 'object',
        properties: Object.fromEntries(integration.parameters.map((parameter) => [parameter.name, { type: 'string', description: parameter.description }])),
        required: integration.parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
        additionalProperties: false,
      },
    },
  };
}

/** The request for a call: path placeholders filled, other declared parameters in the query (GET) or body (POST). */
export function buildRequest(integration: Integration, args: Record<string, unknown>): { url: string; body?: string } {
  const values = new Map<string, string>();
  for (const parameter of integration.parameters) {
    const value = args[parameter.name];
    if (value === undefined || value === null || String(value).trim() === '') {
      if (parameter.required) throw new Error(`missing parameter ${parameter.name}`);
      continue;
    }
    values.set(parameter.name, String(value).trim());
  }
  const used = new Set<string>();
  const path = integration.path.replace(/\{([a-z][a-z0-9_]*)\}/g, (_whole, name: string) => {
    used.add(name);
    return encodeURIComponent(values.get(name) ?? '');
  });
  const url = new URL(`${integration.baseUrl.replace(/\/+$/, '')}${path === '' || path.startsWith('/') ? path : `/${path}`}`);
  const rest = [...values].filter(([name]) => !used.has(name));
  if (integration.method === 'GET') {
    for (const [name, value] of rest) url.searchParams.set(name, value);
    return { url: url.href };
  }
  return { url: url.href, body: JSON.stringify(Object.fromEntries(rest)) };
}

export async function callIntegration(integration: Integration, args: Record<string, unknown>, policy: AddressPolicy): Promise<ToolCallResult> {
  let request: { url: string; body?: string };
  try {
    request = buildRequest(integration, args);
  } catch (error) {
    return { content: `error: ${(error as Error).message}`, url: integration.baseUrl, ok: false };
  }
  const headers: Record<string, string> = { accept: 'application/json, text/plain;q=0.9', ...integration.headers };
  if (integration.token !== '') headers.authorization = `Bearer ${integration.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await safeFetch(request.url, {
      method: integration.method,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      timeoutMs: integration.timeoutSeconds * 1000,
      maxBytes: integration.maxResponseBytes,
      allowPrivateHosts: policy.allowPrivateHosts,
    });
    const ok = response.status >= 200 && response.status < 300;
    return { content: `HTTP ${response.status}\n${response.body.toString('utf8')}`, url: request.url, ok };
  } catch (error) {
    return { content: `error: ${(error as Error).message}`, url: request.url, ok: false };
  }
}
