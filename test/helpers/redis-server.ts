// A redis-server of one's own (a benchmark's, a test that stops it) on a free loopback port, without persistence;
// undefined when redis-server is not installed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './child.js';

export interface RedisServer {
  url: string;
  port: number;
  client: Redis;
  /** Memory Redis uses for its data, in MiB. */
  usedMiB(): Promise<number>;
  stop(): Promise<void>;
}

/** `port`: start again where a stopped one listened (a Redis that comes back, empty). */
export async function startRedisServer(port?: number): Promise<RedisServer | undefined> {
  if (spawnSync('redis-server', ['--version']).error) return undefined;
  port ??= await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { retryStrategy: (times) => (times > 50 ? null : 100) });
  client.on('error', () => undefined); // refused until the server listens; ping() fails if it never does
  await client.ping();
  return {
    url,
    port,
    client,
    usedMiB: async () => Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1] ?? 0) / 2 ** 20,
    stop: async () => {
      client.disconnect();
      child.kill('SIGTERM');
      await exited;
    },
  };
}
