import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAddress } from '../../src/net/address-policy.js';
import { safeFetch } from '../../src/net/safe-fetch.js';

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/hop') response.writeHead(302, { location: `http://127.0.0.1:${port}/secret` }).end();
    else if (request.url === '/slow') setTimeout(() => response.end('late'), 2000).unref();
    else if (request.url === '/big') response.end('x'.repeat(10_000));
    else response.end(`hello from ${request.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options = { timeoutMs: 5000, maxBytes: 1000 };

describe('address policy', () => {
  it('refuses private, loopback, link-local, metadata and other non-public addresses', () => {
    const blocked = ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00:ec2::254', 'fe80::1', '::ffff:127.0.0.1', '224.0.0.1'];
    for (const address of blocked) expect(() => checkAddress(address, address, { allowPrivateHosts: [] }), address).toThrow(/address; add it to ALLOWED_PRIVATE_HOSTS/);
    for (const address of ['8.8.8.8', '2606:4700::1111']) expect(() => checkAddress(address, address, { allowPrivateHosts: [] })).not.toThrow();
  });

  it('allows what is allow-listed by host name, address or CIDR range', () => {
    expect(() => checkAddress('wiki.internal', '10.0.0.5', { allowPrivateHosts: ['wiki.internal'] })).not.toThrow();
    expect(() => checkAddress('x', '10.0.0.5', { allowPrivateHosts: ['10.0.0.0/8'] })).not.toThrow();
    expect(() => checkAddress('x', '::ffff:10.0.0.5', { allowPrivateHosts: ['10.0.0.5'] })).not.toThrow();
    expect(() => checkAddress('x', '192.168.0.5', { allowPrivateHosts: ['10.0.0.0/8'] })).toThrow('x (192.168.0.5) is a private address');
  });
});

describe('safeFetch', () => {
  it('refuses a loopback server without the allow-list, by address and by a DNS name resolving to it', async () => {
    await expect(safeFetch(`http://127.0.0.1:${port}/`, { ...options, allowPrivateHosts: [] })).rejects.toMatchObject({ code: 'blocked_address' });
    await expect(safeFetch(`http://localhost:${port}/`, { ...options, allowPrivateHosts: [] })).rejects.toMatchObject({
      code: 'blocked_address',
      message: expect.stringContaining('localhost (127.0.0.1) is a loopback address'),
    });
  });

  it('fetches an allow-listed server', async () => {
    const response = await safeFetch(`http://127.0.0.1:${port}/page`, { ...options, allowPrivateHosts: ['127.0.0.1'] });
    expect(response).toMatchObject({ status: 200, url: `http://127.0.0.1:${port}/page` });
    expect(response.body.toString()).toBe('hello from /page');
  });

  it('checks every redirect hop again', async () => {
    // "localhost" is allowed, the 127.0.0.1 it redirects to by address is not.
    await expect(safeFetch(`http://localhost:${port}/hop`, { ...options, allowPrivateHosts: ['localhost'] })).rejects.toMatchObject({ code: 'blocked_address' });
    const followed = await safeFetch(`http://localhost:${port}/hop`, { ...options, allowPrivateHosts: ['localhost', '127.0.0.1'] });
    expect(followed.body.toString()).toBe('hello from /secret');
  });

  it('gives up on a slow answer and on one that is too large', async () => {
    const allow = { allowPrivateHosts: ['127.0.0.1'] };
    await expect(safeFetch(`http://127.0.0.1:${port}/slow`, { ...allow, timeoutMs: 200, maxBytes: 1000 })).rejects.toMatchObject({ code: 'timeout' });
    await expect(safeFetch(`http://127.0.0.1:${port}/big`, { ...allow, timeoutMs: 5000, maxBytes: 1000 })).rejects.toMatchObject({ code: 'too_large' });
    await expect(safeFetch('file:///etc/passwd', { ...allow, ...options })).rejects.toMatchObject({ code: 'bad_url' });
  });
});
