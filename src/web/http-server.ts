// The HTTP server Jawab listens with, sized for webhooks rather than Node's defaults (a slow client held for up to 300 s,
// no cap on connections): Chatwoot gives a delivery about 5 s, so a client that has not sent its headers within a few
// seconds, or its whole request within half a minute, is cut off; connections are capped below the open-files limit,
// so stalled clients cannot exhaust it (EMFILE) and starve the deliveries; idle keep-alive connections are closed
// after a short while and after a number of requests. Configured by the HTTP_* variables (config/env.ts).
import { createServer, type RequestListener, type Server } from 'node:http';

export interface HttpLimits {
  /** The whole request head must arrive within this (ms). */
  headersTimeoutMs: number;
  /** The whole request, head and body, must arrive within this (ms). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (ms). */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are closed at once. */
  maxConnections: number;
  /** A keep-alive connection is closed after this many requests (0: no limit). */
  maxRequestsPerSocket: number;
}

export function createHttpServer(app: RequestListener, limits: HttpLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often the timeouts above are checked (Node's default, 30 s, would let a stalled client stay that long).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    app,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
  return server;
}
