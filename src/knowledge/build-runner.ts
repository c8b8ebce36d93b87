// Runs sync jobs (build-job.ts) on a worker thread, so chunking, offline embedding, tokenising and HNSW insertion
// never hold up the server's event loop: webhooks, replies and the admin API keep their latency while any amount of
// knowledge is built. One worker serves the process, one job at a time; it is started on the first job and stopped as
// soon as no other job follows in the same turn (its memory is returned then), and never keeps the process alive.
//
// With a model's embeddings the worker sends the texts back here in batches and this side calls the model (network
// I/O, which does not block): the embeddings object, its keys and its retries stay where they were configured.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import type { BuildJob, BuildResult } from './build-job.js';
import type { LoadedFile } from './loader.js';
import { startThread } from './thread.js';

/**
 * Messages to the worker. A job's documents follow it in batches of about BATCH_BYTES of text, each posted in its
 * own turn of the event loop: copying a few megabytes of pages into the worker at once would stall it.
 */
export type ToWorker =
  | { type: 'job'; job: BuildJob }
  | { type: 'files'; files: LoadedFile[] }
  | { type: 'start' }
  | { type: 'migrate'; directory: string; folder: string; owned: string[] }
  | { type: 'vectors'; request: number; vectors: number[][] }
  | { type: 'vectors-failed'; request: number; message: string };

/** Messages from the worker. */
export type FromWorker =
  | { type: 'embed'; request: number; texts: string[] }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; message: string };

const BATCH_BYTES = 256 * 1024;

export interface JobHandlers {
  /** Embeds texts for a job whose embedder is the caller's. */
  embed?: (texts: string[]) => Promise<number[][]>;
  progress?: (done: number, total: number) => void;
}

/**
 * How long an idle worker is kept for the next job. A worker holds about 50 MiB (its own heap, LangChain's text
 * splitter): kept 10 s, it was a third of a first start's memory at ready (BENCHMARKS.md). The jobs of one reconcile
 * are queued together and still share it; a sync that comes later pays a new worker's start (~0.5 s) on top of a
 * build that takes longer anyway.
 */
const IDLE_MS = 0;

let worker: Worker | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let queue: Promise<unknown> = Promise.resolve();

function stopWorker(): void {
  void worker?.terminate();
  worker = undefined;
}

/** Runs one task on the worker: `send` posts its messages; resolves with the worker's result. */
function run(send: (post: (message: ToWorker) => void) => Promise<void>, handlers: JobHandlers): Promise<unknown> {
  clearTimeout(idleTimer);
  const thread = (worker ??= startThread(import.meta.url, 'build-worker'));
  thread.ref();
  return new Promise<unknown>((resolve, reject) => {
    let finished = false;
    const finish = (error: Error | undefined, result?: unknown): void => {
      if (finished) return;
      finished = true;
      thread.off('message', onMessage);
      thread.off('error', onError);
      thread.off('exit', onExit);
      if (worker === thread) {
        thread.unref();
        idleTimer = setTimeout(stopWorker, IDLE_MS).unref();
      }
      if (error === undefined) resolve(result);
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
    send((message) => thread.postMessage(message)).catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
  });
}

function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const result = queue.then(task);
  queue = result.catch(() => undefined);
  return result;
}

/** Runs a sync job on the build worker after the tasks before it. */
export function runBuild(job: BuildJob, handlers: JobHandlers = {}): Promise<BuildResult> {
  const send = async (post: (message: ToWorker) => void): Promise<void> => {
    if (job.input.kind !== 'documents') return post({ type: 'job', job });
    const { files, ...documents } = job.input.documents;
    post({ type: 'job', job: { ...job, input: { kind: 'documents', documents: { ...documents, files: [] } } } });
    for (let start = 0; start < files.length; ) {
      let bytes = 0;
      let end = start;
      while (end < files.length && (end === start || bytes < BATCH_BYTES)) bytes += files[end++]!.text.length;
      await nextTurn();
      post({ type: 'files', files: files.slice(start, end) });
      start = end;
    }
    post({ type: 'start' });
  };
  return enqueue(() => run(send, handlers) as Promise<BuildResult>);
}

/** Migrates an index written before generations (legacy-index.ts) into `folder`; resolves with its number of chunks. */
export function runMigration(directory: string, folder: string, owned: string[]): Promise<number> {
  return enqueue(() => run(async (post) => post({ type: 'migrate', directory, folder, owned }), {}) as Promise<number>);
}
