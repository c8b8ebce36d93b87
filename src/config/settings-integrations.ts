// Integrations (SPEC 3, Qontak "API integration"): named HTTP connections the model can call as tools,
// e.g. `order_status` with an order number. The admin describes when to use each one and which
// parameters it takes; Jawab builds the request (path placeholders, then query or JSON body), adds the
// headers and the bearer token, and sends it through the SSRF guard with a timeout and a size cap.
// Secrets (the token, every header value) are never shown back in full: the admin API masks them
// (src/config/secrets.ts: the token by its name, header values by their `secret` mark) and keeps the stored
// secret when a client sends the mask back unchanged.
import { z } from 'zod';

export const MAX_INTEGRATIONS = 20;

const parameterSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a parameter name is lowercase letters, digits and _'),
  description: z.string().trim().min(1).max(300),
  required: z.boolean().default(true),
});

export const integrationSchema = z.strictObject({
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
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name is letters, digits and -'), z.string().max(2000).meta({ secret: true })).default({}),
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
