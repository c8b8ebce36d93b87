// Secrets are masked on the way out and restored on the way in, from the JSON Schema alone (a stand-in schema here,
// shaped like the integrations section: a list of connections with a token and headers).
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { mask, maskSecrets, restoreSecrets } from '../../src/config/secrets.js';
import type { JsonSchema } from '../../src/config/settings-json-schema.js';

const schema = z.toJSONSchema(
  z.object({
    integrations: z.array(
      z.object({
        name: z.string(),
        baseUrl: z.string(),
        key: z.string().meta({ secret: true }),
        apiToken: z.string(),
        headers: z.record(z.string(), z.string()),
      }),
    ),
    auth: z.discriminatedUnion('kind', [z.object({ kind: z.literal('none') }), z.object({ kind: z.literal('basic'), password: z.string() })]),
  }),
) as JsonSchema;

const stored = {
  integrations: [
    { name: 'orders', baseUrl: 'https://shop.example', key: 'k-0123456789abcd', apiToken: 'short', headers: { Authorization: 'Bearer zzzzzzzzzzzz9999', Accept: 'json' } },
    { name: 'stock', baseUrl: 'https://stock.example', key: 'k-9999999999wxyz', apiToken: '', headers: {} },
  ],
  auth: { kind: 'basic', password: 'hunter2-hunter2' },
};

describe('secrets', () => {
  it('masks secret fields by schema keyword and by name, showing the last four characters of long ones only', () => {
    const out = maskSecrets(stored, schema);
    expect(out.integrations[0]).toEqual({
      name: 'orders',
      baseUrl: 'https://shop.example',
      key: '••••abcd',
      apiToken: '••••',
      headers: { Authorization: '••••9999', Accept: 'json' },
    });
    expect(out.integrations[1]!.apiToken).toBe('');
    expect(out.auth).toEqual({ kind: 'basic', password: '••••ter2' });
    expect(JSON.stringify(out)).not.toMatch(/0123456789|hunter|zzzz/);
  });

  it('restores unchanged masks, also after the list was reordered, and takes new values as typed', () => {
    const incoming = maskSecrets(stored, schema);
    incoming.integrations.reverse();
    incoming.integrations[0]!.apiToken = 'new-token';
    const { value, problems } = restoreSecrets(incoming, stored, schema);
    expect(problems).toEqual([]);
    expect(value.integrations[1]).toEqual(stored.integrations[0]);
    expect(value.integrations[0]).toEqual({ ...stored.integrations[1], apiToken: 'new-token' });
    expect(value.auth).toEqual(stored.auth);
  });

  it('reports a mask that stands for no stored secret instead of saving the mask', () => {
    const incoming = structuredClone(stored);
    incoming.integrations[0]!.key = mask('something-else-entirely');
    const { problems } = restoreSecrets(incoming, stored, schema);
    expect(problems).toEqual([{ path: 'integrations.0.key', message: 'this secret was not kept: type it again' }]);
  });

  it('refuses a mask sent back with the address beside it on another host, and keeps it for the same host', () => {
    const urlSchema = z.toJSONSchema(z.object({ hooks: z.array(z.object({ url: z.url(), token: z.string() })), token: z.string() })) as JsonSchema;
    const kept = { hooks: [{ url: 'https://a.example/x', token: 'token-aaaaaaaa1111' }], token: 'top-level-secret' };
    const shown = maskSecrets(kept, urlSchema);
    expect(restoreSecrets({ ...shown, hooks: [{ url: 'https://a.example/other/path', token: shown.hooks[0]!.token }] }, kept, urlSchema)).toEqual({
      value: { hooks: [{ url: 'https://a.example/other/path', token: 'token-aaaaaaaa1111' }], token: 'top-level-secret' },
      problems: [],
    });
    for (const url of ['https://b.example/x', 'https://a.example:8443/x', 'https://evil.a.example/x']) {
      const { problems } = restoreSecrets({ ...shown, hooks: [{ url, token: shown.hooks[0]!.token }] }, kept, urlSchema);
      expect(problems).toEqual([
        { path: 'hooks.0.token', message: `this secret was kept for a.example and the address is now ${new URL(url).host}: type the secret again (a kept secret never follows a new host)` },
      ]);
    }
    // Moved to another item of the list that points elsewhere: refused as well.
    const two = { hooks: [{ url: 'https://a.example/', token: 'token-aaaaaaaa1111' }, { url: 'https://b.example/', token: '' }] };
    const swapped = { hooks: [{ url: 'https://a.example/', token: '' }, { url: 'https://b.example/', token: maskSecrets(two, urlSchema).hooks[0]!.token }] };
    expect(restoreSecrets(swapped, two, urlSchema).problems.map((p) => p.path)).toEqual(['hooks.1.token']);
  });
});
