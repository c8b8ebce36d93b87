// Slow clients (issue 15, point 11), against a real `src/main.ts` over real sockets: a client that stalls in its
// headers or its body is cut off after the configured timeouts, connections beyond the cap are closed at once (so
// stalled clients cannot exhaust the open files and starve the deliveries), and keep-alive connections end after a
// number of requests or a short idle time. Deliveries keep being answered meanwhile.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, type JawabProcess, REPO_DIR, startJawabProcess } from '../helpers/child.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const dirs = tempDirs('jawab-http-');
let jawab: JawabProcess | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await jawab?.stop();
  jawab = undefined;
});

async function start(env: Record<string, string>): Promise<{ port: number }> {
  const port = await freePort();
  jawab = await startJawabProcess({ DATA_DIR: await dirs(), KNOWLEDGE_DIR: `${REPO_DIR}knowledge`, ADMIN_TOKEN: 'an-admin-token-0123456789', ...env }, port);
  return { port };
}

interface Stalled {
  socket: Socket;
  /** What the server sent before closing, and when it closed (ms after opening); undefined while open. */
  closed: Promise<{ afterMs: number; received: string }>;
}

/** A connection that sends `text` and then nothing more. */
function stall(port: number, text: string): Stalled {
  const opened = Date.now();
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  socket.on('data', (data: Buffer) => (received += data.toString()));
  socket.on('error', () => undefined);
  if (text) socket.write(text);
  return { socket, closed: new Promise((resolve) => socket.once('close', () => resolve({ afterMs: Date.now() - opened, received }))) };
}

const isOpen = async (s: Stalled, withinMs: number) => Promise.race([s.closed.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), withinMs))]);

describe('slow connections', () => {
  it('cuts off a client that stalls in its headers, or sends nothing, after HTTP_HEADERS_TIMEOUT_MS', async () => {
    const { port } = await start({ HTTP_HEADERS_TIMEOUT_MS: '800', HTTP_REQUEST_TIMEOUT_MS: '5000' });
    const half = stall(port, 'POST /webhooks/chatwoot HTTP/1.1\r\nHost: jawab\r\nContent-Type: application/json\r\n');
    const silent = stall(port, '');
    for (const s of [half, silent]) {
      const { afterMs, received } = await s.closed;
      expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(afterMs).toBeGreaterThanOrEqual(700);
      expect(afterMs).toBeLessThan(4000);
    }
  });

  it('cuts off a client that dribbles its body after HTTP_REQUEST_TIMEOUT_MS', async () => {
    const { port } = await start({ HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '1500' });
    const slow = stall(port, 'POST /webhooks/chatwoot HTTP/1.1\r\nHost: jawab\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    const drip = setInterval(() => slow.socket.write(' '), 100);
    const { afterMs, received } = await slow.closed;
    clearInterval(drip);
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(afterMs).toBeGreaterThanOrEqual(1400);
    expect(afterMs).toBeLessThan(5000);
  });

  it('closes connections beyond HTTP_MAX_CONNECTIONS at once, and answers again once the stalled ones are cut off', async () => {
    const { port } = await start({ HTTP_MAX_CONNECTIONS: '20', HTTP_HEADERS_TIMEOUT_MS: '1500', HTTP_REQUEST_TIMEOUT_MS: '5000' });
    const stalled = Array.from({ length: 60 }, () => stall(port, 'GET /healthz HTTP/1.1\r\n'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const open = await Promise.all(stalled.map((s) => isOpen(s, 0)));
    expect(open.filter(Boolean).length).toBeLessThanOrEqual(20);
    expect(open.filter(Boolean).length).toBeGreaterThanOrEqual(15);
    // The refused ones got nothing: they were closed before a request was read.
    const refused = await Promise.all(stalled.filter((_, i) => !open[i]).map((s) => s.closed));
    expect(refused.every((r) => r.received === '' && r.afterMs < 400)).toBe(true);
    // Once the headers timeout has cut the stalled ones off, a delivery gets in again.
    await Promise.all(stalled.map((s) => s.closed));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('ends a keep-alive connection after HTTP_MAX_REQUESTS_PER_SOCKET requests, and an idle one after HTTP_KEEP_ALIVE_TIMEOUT_MS', async () => {
    const { port } = await start({ HTTP_MAX_REQUESTS_PER_SOCKET: '2', HTTP_KEEP_ALIVE_TIMEOUT_MS: '500' });
    const request = 'GET /healthz HTTP/1.1\r\nHost: jawab\r\n\r\n';
    const many = stall(port, request.repeat(3));
    const { received } = await many.closed;
    const answers = received.match(/HTTP\/1\.1 \d+/g);
    expect(answers).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 503']);
    expect(received.split('HTTP/1.1 200')[2]).toMatch(/\r\nConnection: close\r\n/i);

    const idle = stall(port, request);
    const ended = await idle.closed;
    expect(ended.received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(ended.afterMs).toBeLessThan(4000);
  });
});
