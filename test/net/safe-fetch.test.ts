import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockedAddressError, checkAddress } from '../../src/net/address-policy.js';
import { safeFetch } from '../../src/net/safe-fetch.js';

let server: Server;
let port: number;
/** Another service on the same host (a database, an admin port): allow-listing the web server must not open it. */
let other: Server;
let otherPort: number;
beforeAll(async () => {
  other = createServer((_request, response) => response.end('the admin port'));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherPort = (other.address() as { port: number }).port;
  server = createServer((request, response) => {
    if (request.url === '/hop') response.writeHead(302, { location: `http://127.0.0.1:${port}/secret` }).end();
    else if (request.url === '/slow') setTimeout(() => response.end('late'), 2000).unref();
    else if (request.url === '/other-port') response.writeHead(302, { location: `http://127.0.0.1:${otherPort}/` }).end();
    else if (request.url === '/v4-compatible') response.writeHead(302, { location: `http://[::127.0.0.1]:${port}/secret` }).end();
    else if (request.url === '/big') response.end('x'.repeat(10_000));
    else response.end(`hello from ${request.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  other.closeAllConnections();
  await new Promise((resolve) => other.close(resolve));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options = { timeoutMs: 5000, maxBytes: 1000 };

describe('address policy', () => {
  it('refuses private, loopback, link-local, metadata and other non-public addresses', () => {
    const blocked = ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00:ec2::254', 'fe80::1', '::ffff:127.0.0.1', '224.0.0.1'];
    for (const address of blocked) expect(() => checkAddress(address, address, 443, { allowPrivateHosts: [] }), address).toThrow(/address; add it to ALLOWED_PRIVATE_HOSTS/);
    for (const address of ['8.8.8.8', '2606:4700::1111']) expect(() => checkAddress(address, address, 443, { allowPrivateHosts: [] })).not.toThrow();
  });

  it('allows what is allow-listed by host name, address or CIDR range', () => {
    expect(() => checkAddress('wiki.internal', '10.0.0.5', 443, { allowPrivateHosts: ['wiki.internal'] })).not.toThrow();
    expect(() => checkAddress('x', '10.0.0.5', 443, { allowPrivateHosts: ['10.0.0.0/8'] })).not.toThrow();
    expect(() => checkAddress('x', '::ffff:10.0.0.5', 443, { allowPrivateHosts: ['10.0.0.5'] })).not.toThrow();
    expect(() => checkAddress('x', '192.168.0.5', 443, { allowPrivateHosts: ['10.0.0.0/8'] })).toThrow('x (192.168.0.5) is a private address');
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
    const response = await safeFetch(`http://127.0.0.1:${port}/page`, { ...options, allowPrivateHosts: [`127.0.0.1:${port}`] });
    expect(response).toMatchObject({ status: 200, url: `http://127.0.0.1:${port}/page` });
    expect(response.body.toString()).toBe('hello from /page');
  });

  it('checks every redirect hop again', async () => {
    // "localhost" is allowed, the 127.0.0.1 it redirects to by address is not.
    await expect(safeFetch(`http://localhost:${port}/hop`, { ...options, allowPrivateHosts: [`localhost:${port}`] })).rejects.toMatchObject({ code: 'blocked_address' });
    const followed = await safeFetch(`http://localhost:${port}/hop`, { ...options, allowPrivateHosts: [`localhost:${port}`, `127.0.0.1:${port}`] });
    expect(followed.body.toString()).toBe('hello from /secret');
  });

  it('gives up on a slow answer and on one that is too large', async () => {
    const allow = { allowPrivateHosts: [`127.0.0.1:${port}`] };
    await expect(safeFetch(`http://127.0.0.1:${port}/slow`, { ...allow, timeoutMs: 200, maxBytes: 1000 })).rejects.toMatchObject({ code: 'timeout' });
    await expect(safeFetch(`http://127.0.0.1:${port}/big`, { ...allow, timeoutMs: 5000, maxBytes: 1000 })).rejects.toMatchObject({ code: 'too_large' });
    await expect(safeFetch('file:///etc/passwd', { ...allow, ...options })).rejects.toMatchObject({ code: 'bad_url' });
  });
});

describe('ports and IPv6 forms carrying an IPv4 address (issue 15, point 10)', () => {
  it('opens only ports 80 and 443 of an allow-listed host that names no port', async () => {
    await expect(safeFetch(`http://127.0.0.1:${port}/page`, { ...options, allowPrivateHosts: ['127.0.0.1'] })).rejects.toMatchObject({
      code: 'blocked_address',
      message: `127.0.0.1 is allow-listed for other ports than ${port}; add 127.0.0.1:${port} to ALLOWED_PRIVATE_HOSTS to allow it`,
    });
    await expect(safeFetch(`http://localhost:${port}/page`, { ...options, allowPrivateHosts: ['localhost', '127.0.0.0/8'] })).rejects.toMatchObject({ code: 'blocked_address' });
    expect(() => checkAddress('wiki.internal', '10.0.0.5', 80, { allowPrivateHosts: ['wiki.internal'] })).not.toThrow();
    expect(() => checkAddress('wiki.internal', '10.0.0.5', 5432, { allowPrivateHosts: ['wiki.internal'] })).toThrow(
      'wiki.internal (10.0.0.5) is allow-listed for other ports than 5432; add wiki.internal:5432 to ALLOWED_PRIVATE_HOSTS to allow it',
    );
  });

  it('refuses a redirect to another port of an allow-listed host, so its body never comes back', async () => {
    const allow = { ...options, allowPrivateHosts: [`127.0.0.1:${port}`] };
    await expect(safeFetch(`http://127.0.0.1:${port}/other-port`, allow)).rejects.toMatchObject({ code: 'blocked_address', message: expect.stringContaining(`other ports than ${otherPort}`) });
    const both = await safeFetch(`http://127.0.0.1:${port}/other-port`, { ...options, allowPrivateHosts: [`127.0.0.1:${port}`, `127.0.0.1:${otherPort}`] });
    expect(both.body.toString()).toBe('the admin port');
  });

  it('takes host:port, [v6]:port, v6, CIDR:port and :* entries', () => {
    const allowed: Array<[string, string, number, string]> = [
      ['wiki.internal', '10.0.0.5', 8080, 'wiki.internal:8080'],
      ['x', '10.0.0.5', 8443, '10.0.0.5:8443'],
      ['x', 'fd00::5', 8080, '[fd00::5]:8080'],
      ['x', 'fd00::5', 443, 'fd00::5'],
      ['x', 'fd00::5', 443, '[fd00::/8]'],
      ['x', '10.1.2.3', 9000, '10.0.0.0/8:9000'],
      ['x', '10.1.2.3', 6379, '10.0.0.0/8:*'],
      ['x', '::ffff:10.1.2.3', 9000, '10.0.0.0/8:9000'],
    ];
    for (const [host, address, port, entry] of allowed) expect(() => checkAddress(host, address, port, { allowPrivateHosts: [entry] }), entry).not.toThrow();
    const refused: Array<[string, string, number, string]> = [
      ['wiki.internal', '10.0.0.5', 8081, 'wiki.internal:8080'],
      ['x', 'fd00::5', 8081, '[fd00::5]:8080'],
      ['x', '10.1.2.3', 80, '10.0.0.0/8:9000'],
      ['x', '10.1.2.3', 80, '10.0.0.0/8:banana'],
    ];
    for (const [host, address, port, entry] of refused) expect(() => checkAddress(host, address, port, { allowPrivateHosts: [entry] }), entry).toThrow(BlockedAddressError);
  });

  it('judges every IPv6 form that carries an IPv4 address by that address', () => {
    const none = { allowPrivateHosts: [] };
    const blocked = [
      ['::127.0.0.1', 'loopback'], // IPv4-compatible
      ['::7f00:1', 'loopback'],
      ['::10.0.0.1', 'private'],
      ['::ffff:169.254.169.254', 'linkLocal'], // IPv4-mapped
      ['::ffff:0:127.0.0.1', 'loopback'], // SIIT
      ['64:ff9b::127.0.0.1', 'loopback'], // NAT64
      ['64:ff9b::a9fe:a9fe', 'linkLocal'],
      ['64:ff9b:1::10.0.0.1', 'private'], // local-use NAT64
      ['2002:7f00:1::', 'loopback'], // 6to4 of 127.0.0.1
      ['2002:a00:1::1', 'private'], // 6to4 of 10.0.0.1
      ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'], // Teredo, client 127.0.0.1 (inverted)
    ];
    for (const [address, range] of blocked) {
      expect(() => checkAddress(address!, address!, 443, none), address).toThrow(new RegExp(`judged as [0-9.]+\\) is a ${range} address`));
    }
    for (const address of ['64:ff9b::8.8.8.8', '2002:808:808::1', '::ffff:8.8.8.8', '2001:0:4136:e378:8000:63bf:f7f7:f7f7']) {
      expect(() => checkAddress(address, address, 443, none), address).not.toThrow();
    }
    expect(() => checkAddress('::1', '::1', 443, none)).toThrow('::1 is a loopback address');
    expect(() => checkAddress('::', '::', 443, none)).toThrow(':: is a unspecified address');
    // An allow-listed IPv4 address covers its IPv6 forms.
    expect(() => checkAddress('x', '64:ff9b::a00:5', 443, { allowPrivateHosts: ['10.0.0.5'] })).not.toThrow();
  });

  it('refuses [::127.0.0.1] in a URL and after a redirect', async () => {
    await expect(safeFetch(`http://[::127.0.0.1]:${port}/`, { ...options, allowPrivateHosts: [] })).rejects.toMatchObject({
      code: 'blocked_address',
      // The URL parser writes it ::7f00:1.
      message: '::7f00:1 (judged as 127.0.0.1) is a loopback address; add it to ALLOWED_PRIVATE_HOSTS to allow it',
    });
    // "localhost" is allow-listed; the address it redirects to is not (an allow-listed 127.0.0.1 would cover it).
    await expect(safeFetch(`http://localhost:${port}/v4-compatible`, { ...options, allowPrivateHosts: [`localhost:${port}`] })).rejects.toMatchObject({ code: 'blocked_address' });
  });
});
