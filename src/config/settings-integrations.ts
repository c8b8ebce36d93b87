// Integrations (SPEC 3, Qontak "API integration"): named HTTP connections the model can call as tools,
// e.g. `order_status` with an order number. The admin describes when to use each one and which
// parameters it takes; Jawab builds the request (path placeholders, then query or JSON body), adds the
// headers and the bearer token, and sends it through the SSRF guard with a timeout and a size cap.
// Secrets (the token, every header value) are never shown back in full: maskSecrets() replaces them
// with a mask ending in their last 4 characters, and restoreSecrets() keeps the stored secret when a
// client sends the mask back unchanged.
import { z } from 'zod';

export const MAX_INTEGRATIONS = 20;

const parameterSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a parameter name is lowercase letters, digits and _'),
  description: z.string().trim().min(1).max(300),
  required: z.boolean().default(true),
});

export const integrationSchema = z.object({
  /** The tool name the model sees. */
  name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'an integration name is lowercase letters, digits and _ (it is the tool name)'),
  /** When to use it, for the model: "Look up the status of an order by its order number". */
  description: z.string().trim().min(1).max(500),
  enabled: z.boolean().default(true),
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  method: z.enum(['GET', 'POST']).default('GET'),
  /** Appended to baseUrl; `{name}` placeholders are filled with parameters (URL-encoded). */
  path: z.string().max(500).default(''),
  parameters: z.array(parameterSchema).max(10).default([]),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name is letters, digits and -'), z.string().max(2000)).default({}),
  /** Sent as `Authorization: Bearer <token>`. */
  token: z.string().max(4000).default(''),
  timeoutSeconds: z.number().int().min(1).max(30).default(10),
  maxResponseBytes: z.number().int().min(256).max(1_000_000).default(20_000),
});
export type Integration = z.infer<typeof integrationSchema>;

export const integrationsSchema = z
  .array(integrationSchema)
  .max(MAX_INTEGRATIONS, `at most ${MAX_INTEGRATIONS} integrations per profile`)
  .default([])
  .superRefine((integrations, context) => {
    const seen = new Set<string>();
    integrations.forEach((integration, i) => {
      if (seen.has(integration.name)) context.addIssue({ code: 'custom', path: [i, 'name'], message: `integration "${integration.name}" is defined twice` });
      seen.add(integration.name);
    });
  });

const MASK = '••••';

export function mask(secret: string): string {
  if (secret === '') return '';
  return secret.length <= 8 ? MASK : `${MASK}${secret.slice(-4)}`;
}

/** Integrations with their token and header values masked. */
export function maskIntegrations(integrations: readonly Integration[]): Integration[] {
  return integrations.map((integration) => ({
    ...integration,
    token: mask(integration.token),
    headers: Object.fromEntries(Object.entries(integration.headers).map(([name, value]) => [name, mask(value)])),
  }));
}

/**
 * For an integration the client sent back: a value equal to the mask of the stored secret (of the
 * integration with the same name) is the stored secret; anything else is a new value.
 */
export function restoreIntegrations(incoming: unknown, stored: readonly Integration[]): unknown {
  if (!Array.isArray(incoming)) return incoming;
  return incoming.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) return item;
    const sent = item as { name?: unknown; token?: unknown; headers?: unknown };
    const previous = stored.find((integration) => integration.name === sent.name);
    if (previous === undefined) return item;
    const restored: Record<string, unknown> = { ...sent };
    if (sent.token === mask(previous.token)) restored.token = previous.token;
    if (typeof sent.headers === 'object' && sent.headers !== null) {
      restored.headers = Object.fromEntries(
        Object.entries(sent.headers as Record<string, unknown>).map(([name, value]) => {
          const old = previous.headers[name];
          return [name, old !== undefined && value === mask(old) ? old : value];
        }),
      );
    }
    return restored;
  });
}

interface WithIntegrations {
  defaultProfile: { integrations: Integration[] };
  inboxes: Record<string, { integrations: Integration[] }>;
}

/** Settings as the admin API shows them: every integration secret masked. */
export function maskSecrets<T extends WithIntegrations>(settings: T): T {
  const inboxes = Object.fromEntries(Object.entries(settings.inboxes).map(([key, profile]) => [key, { ...profile, integrations: maskIntegrations(profile.integrations) }]));
  return { ...settings, defaultProfile: { ...settings.defaultProfile, integrations: maskIntegrations(settings.defaultProfile.integrations) }, inboxes };
}

/** Settings a client PUT, with masked secrets put back from the stored settings (profile by profile). */
export function restoreSecrets(incoming: unknown, stored: WithIntegrations): unknown {
  if (typeof incoming !== 'object' || incoming === null) return incoming;
  const body = incoming as { defaultProfile?: { integrations?: unknown }; inboxes?: Record<string, { integrations?: unknown }> };
  const restoreProfile = <P extends { integrations?: unknown } | undefined>(profile: P, previous: Integration[] | undefined): P =>
    typeof profile === 'object' && profile !== null && previous !== undefined ? { ...profile, integrations: restoreIntegrations(profile.integrations, previous) } : profile;
  const inboxes =
    typeof body.inboxes === 'object' && body.inboxes !== null
      ? Object.fromEntries(Object.entries(body.inboxes).map(([key, profile]) => [key, restoreProfile(profile, stored.inboxes[key]?.integrations)]))
      : body.inboxes;
  return { ...body, defaultProfile: restoreProfile(body.defaultProfile, stored.defaultProfile.integrations), inboxes };
}
