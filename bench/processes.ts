// Starts the servers under test as separate processes, so the load generator does not share their event loop.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings } from '../src/config/settings.js';
import { freePort, REPO_DIR } from '../test/helpers/child.js';

export const BENCH_SECRET = 'bench-secret';
export const BENCH_ADMIN_TOKEN = 'bench-admin-token-00000000';

export interface Served {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface JawabServed extends Served {
  dataDir: string;
}

async function waitUntil(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited during start`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} did not start`);
}

function served(child: ChildProcess, url: string): Served {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { url, child, stop: async () => { child.kill('SIGTERM'); await exited; } };
}

export async function startBare(): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], { cwd: REPO_DIR, env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(`${url}/healthz`, child);
  return served(child, url);
}

/**
 * `nodeArgs`: e.g. `--cpu-prof` to profile the server under load; `replying: false` turns the global switch off;
 * `dataDir`: start on an existing one (a restart); `untilReady: false` returns once it listens (`/healthz`), before
 * the knowledge is indexed.
 */
export async function startJawab(
  chatwootUrl: string,
  options: { env?: Record<string, string>; nodeArgs?: string[]; replying?: boolean; replyDelaySeconds?: number; dataDir?: string; untilReady?: boolean } = {},
): Promise<JawabServed> {
  const { env: extraEnv = {}, nodeArgs = [], replying = true, replyDelaySeconds = 0 } = options;
  const port = await freePort();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'jawab-bench-')));
  const settings = defaultSettings();
  settings.defaultProfile.replyDelaySeconds = replyDelaySeconds;
  settings.enabled = replying;
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
  // The compiled build, as in production (`npm run bench` builds it first): no TypeScript loader at run time.
  const child = spawn(process.execPath, [...nodeArgs, 'dist/main.js'], { cwd: REPO_DIR, env: jawabEnv(port, dataDir, chatwootUrl, extraEnv), stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(`${url}${options.untilReady === false ? '/healthz' : '/readyz'}`, child);
  return { ...served(child, url), dataDir };
}

/** The environment of a benchmarked Jawab: the bench's Chatwoot stand-in, no model key (offline), quiet logs. */
export function jawabEnv(port: number, dataDir: string, chatwootUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CHATWOOT_URL: chatwootUrl,
    CHATWOOT_BOT_TOKEN: 'bench-bot',
    CHATWOOT_API_TOKEN: 'bench-user',
    CHATWOOT_WEBHOOK_SECRET: BENCH_SECRET,
    CHATWOOT_MAX_RPS: '100000',
    ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    LOG_LEVEL: 'error',
    ...extra,
  };
}
