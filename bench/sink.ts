// A minimal Chatwoot stand-in for benchmarks: answers every call at once (no spec checks: those are the tests'
// job) and notes when each conversation's reply arrived.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Sink {
  url: string;
  /** Arrival time (ms, performance.now based on the epoch) of the first reply per conversation id. */
  replies: Map<number, number>;
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const replies = new Map<number, number>();
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const reply = /\/conversations\/(\d+)\/messages$/.exec(url);
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && reply) {
        const id = Number(reply[1]);
        if (!replies.has(id)) replies.set(id, performance.timeOrigin + performance.now());
        res.end(JSON.stringify({ id: nextId++, content: '', message_type: 'outgoing', created_at: Math.floor(Date.now() / 1000) }));
      } else if (url.endsWith('/labels')) res.end('{"payload":[]}');
      else if (url.includes('/agents') || url.includes('/reports/')) res.end('[]');
      else res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    replies,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
