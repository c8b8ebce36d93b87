// Runs sync jobs (build-job.ts) on a worker thread, so chunking, offline embedding, tokenising and HNSW insertion
// never hold up the server's event loop: webhooks, replies and the admin API keep their latency while any amount of
// knowledge is built. One worker serves the process, one job at a time; it is started on the first job and stopped
// after IDLE_MS without one (its memory is returned then), and never keeps the process alive while idle.
//
// With a model's embeddings the worker sends the texts back here in batches and this side calls the model (network
// I/O, which does not block): the embeddings object, its keys and its retries stay where they were configured.
import { Worker } from 'node:worker_threads';
import type { BuildJob, BuildResult } from './build-job.js';

/** Messages to the worker. */
export type ToWorker =
  | { type: 'job'; job: BuildJob }
  | { type: 'vectors'; request: number; vectors: number[][] }
  | { type: 'vectors-failed'; request: number; message: string };

/** Messages from the worker. */
export type FromWorker =
  | { type: 'embed'; request: number; texts: string[] }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: BuildResult }
  | { type: 'failed'; message: string };

export interface JobHandlers {
  /** Embeds texts for a job whose embedder is the caller's. */
  embed?: (texts: string[]) => Promise<number[][]>;
  progress?: (done: number, total: number) => void;
}

const IDLE_MS = 2_000;

/**
 * The worker's entry: compiled JavaScript beside this file in production; in a TypeScript run (tsx, vitest) the
 * worker registers tsx's loader first, as the process it belongs to did.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./build-worker.js', here));
  const entry = new URL('./build-worker.ts', here).href;
  const loader = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(loader)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
}

let worker: Worker | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let queue: Promise<unknown> = Promise.resolve();

function stopWorker(): void {
  void worker?.terminate();
  worker = undefined;
}

function run(job: BuildJob, handlers: JobHandlers): Promise<BuildResult> {
  clearTimeout(idleTimer);
  const thread = (worker ??= startWorker());
  thread.ref();
  return new Promise<BuildResult>((resolve, reject) => {
    const finish = (error: Error | undefined, result?: BuildResult): void => {
      thread.off('message', onMessage);
      thread.off('error', onError);
      thread.off('exit', onExit);
      if (worker === thread) {
        thread.unref();
        idleTimer = setTimeout(stopWorker, IDLE_MS).unref();
      }
      if (error === undefined) resolve(result!);
      else reject(error);
    };
    const onMessage = (message: FromWorker): void => {
      switch (message.type) {
        case 'embed': {
          const reply = (answer: ToWorker): void => thread.postMessage(answer);
          if (handlers.embed === undefined) reply({ type: 'vectors-failed', request: message.request, message: 'no embeddings for this job' });
          else {
            handlers.embed(message.texts).then(
              (vectors) => reply({ type: 'vectors', request: message.request, vectors }),
              (error: unknown) => reply({ type: 'vectors-failed', request: message.request, message: error instanceof Error ? error.message : String(error) }),
            );
          }
          break;
        }
        case 'progress':
          handlers.progress?.(message.done, message.total);
          break;
        case 'done':
          finish(undefined, message.result);
          break;
        case 'failed':
          finish(new Error(message.message));
          break;
      }
    };
    // A crashed worker (out of memory, a native error) fails its job; the next job starts a fresh one.
    const onError = (error: Error): void => {
      if (worker === thread) worker = undefined;
      finish(error);
    };
    const onExit = (code: number): void => {
      if (worker === thread) worker = undefined;
      finish(new Error(`the index build worker stopped (exit code ${code})`));
    };
    thread.on('message', onMessage);
    thread.on('error', onError);
    thread.on('exit', onExit);
    thread.postMessage({ type: 'job', job } satisfies ToWorker);
  });
}

/** Runs a job on the build worker after the jobs before it. */
export function runBuild(job: BuildJob, handlers: JobHandlers = {}): Promise<BuildResult> {
  const result = queue.then(() => run(job, handlers));
  queue = result.catch(() => undefined);
  return result;
}
