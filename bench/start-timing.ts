// Times a server's start from outside, as an operator or a health check sees it: from the spawn to /healthz
// answering, then to /readyz, and the memory its processes hold at that moment (Linux: /proc).
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface StartTiming {
  healthMs: number;
  readyMs: number;
  /** Resident memory of the process and its descendants (npm start: npm, the shell and the server) once ready. */
  rssMiB: number;
}

const POLL_MS = 10;

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Waits for `url` to answer 200; throws when the process exits or `timeoutMs` passes first. */
async function until(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(url))) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited during start`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Starts a server with `start` (spawned in a process group of its own, `detached`, so npm and what it runs stop
 * together), times it and stops it again.
 */
export async function timeStart(start: () => ChildProcess, url: string, readyPath = '/readyz', timeoutMs = 120_000): Promise<StartTiming> {
  const started = performance.now();
  const child = start();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await until(`${url}/healthz`, child, timeoutMs);
    const healthMs = performance.now() - started;
    await until(`${url}${readyPath}`, child, timeoutMs);
    const readyMs = performance.now() - started;
    return { healthMs, readyMs, rssMiB: treeRssMiB(child.pid!) };
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

/** The resident memory of a process and all its descendants, in MiB; NaN where /proc cannot tell. */
function treeRssMiB(pid: number): number {
  try {
    const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    return kib / 1024 + children.reduce((sum, child) => sum + treeRssMiB(child), 0);
  } catch {
    return Number.NaN;
  }
}

/** The middle value (the lower middle of an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Medians of several timings of one server. */
export function medians(timings: StartTiming[]): StartTiming {
  return { healthMs: median(timings.map((t) => t.healthMs)), readyMs: median(timings.map((t) => t.readyMs)), rssMiB: median(timings.map((t) => t.rssMiB)) };
}
