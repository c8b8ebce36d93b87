// BM25 on a thread of its own, beside the vector search on the main one: a hybrid search asks both sides for
// candidates, and one after the other its time (and its worst case) was their sum; with the lexical side here it is
// the larger of the two. Worth a thread only for a large index (below LEXICAL_THREAD_FROM chunks BM25 takes well
// under a millisecond, and an idle thread still holds some megabytes), so the thread is started when such a
// generation comes into force and stopped when a smaller one replaces it.
//
// The thread opens the generation's chunks.bin from the same shared memory (no copy of the postings), once per
// generation. Until it says the generation is open, and if it ever fails, searches rank on the main thread as before:
// a search never waits for the thread to open an index, and the results are the same either way.
import type { Worker } from 'node:worker_threads';
import type { Snapshot } from './generation.js';
import type { LexicalHit, PreparedQuery } from './lexical-index.js';
import { startThread } from './thread.js';

/** Chunks from which BM25 runs on the thread by default (at 10k chunks its p99 is about 3 ms, BENCHMARKS.md). */
export const LEXICAL_THREAD_FROM = 20_000;

export type ToLexicalThread =
  | { type: 'open'; key: number; file: Uint8Array }
  | { type: 'close'; key: number }
  | { type: 'top'; request: number; key: number; query: PreparedQuery; wanted: number; sources?: string[] };

export type FromLexicalThread =
  | { type: 'opened'; key: number }
  | { type: 'open-failed'; key: number; message: string }
  | { type: 'hits'; request: number; hits: LexicalHit[] }
  | { type: 'failed'; request: number; message: string };

interface Pending {
  resolve: (hits: LexicalHit[]) => void;
  reject: (error: Error) => void;
}

export class LexicalThread {
  private worker: Worker | undefined;
  /** The generation the thread searches: its key, and whether the thread has opened it. */
  private current: { snapshot: Snapshot; key: number; open: boolean } | undefined;
  private nextKey = 1;
  private nextRequest = 1;
  private readonly pending = new Map<number, Pending>();
  /** Searches the thread answered (for stats and tests: that the work did move). */
  answered = 0;

  constructor(
    private readonly from: number,
    private readonly warn: (message: string) => void,
  ) {}

  /** Makes `snapshot` the generation searched on the thread, starting or stopping the thread as its size asks. */
  use(snapshot: Snapshot): void {
    if (this.current?.snapshot === snapshot) return;
    const previous = this.current;
    this.current = undefined;
    if (snapshot.file === undefined || snapshot.chunks.size < this.from) {
      this.stop();
      return;
    }
    const worker = (this.worker ??= this.start());
    const key = this.nextKey++;
    this.current = { snapshot, key, open: false };
    // Requests for the previous generation already posted are answered first: the thread reads its messages in order.
    if (previous !== undefined) worker.postMessage({ type: 'close', key: previous.key } satisfies ToLexicalThread);
    worker.postMessage({ type: 'open', key, file: snapshot.file } satisfies ToLexicalThread);
  }

  /**
   * The best `wanted` chunks by BM25, ranked on the thread; undefined when the thread does not have this generation
   * open (the caller ranks them itself). The promise rejects if the thread fails meanwhile.
   */
  top(snapshot: Snapshot, query: PreparedQuery, wanted: number, sources?: ReadonlySet<string>): Promise<LexicalHit[]> | undefined {
    const current = this.current;
    if (this.worker === undefined || current === undefined || current.snapshot !== snapshot || !current.open) return undefined;
    const request = this.nextRequest++;
    const message: ToLexicalThread = { type: 'top', request, key: current.key, query, wanted, ...(sources ? { sources: [...sources] } : {}) };
    this.worker.postMessage(message);
    // Held while a search waits for it (a command that searches must not exit meanwhile), let go when none does.
    this.worker.ref();
    return new Promise((resolve, reject) => this.pending.set(request, { resolve, reject }));
  }

  private start(): Worker {
    const worker = startThread(import.meta.url, 'lexical-thread-worker');
    worker.on('message', (message: FromLexicalThread) => this.receive(message));
    worker.on('error', (error) => this.failed(worker, error));
    worker.on('exit', (code) => this.failed(worker, new Error(`the lexical search thread stopped (exit code ${code})`)));
    // Not what keeps the process alive while no search waits for it (unref'd after the listeners, which ref it again).
    worker.unref();
    return worker;
  }

  private receive(message: FromLexicalThread): void {
    switch (message.type) {
      case 'opened':
        if (this.current?.key === message.key) this.current.open = true;
        break;
      case 'open-failed':
        this.warn(`the lexical search thread could not open the index (${message.message}); searches rank on the main thread`);
        break;
      case 'hits':
        this.answered += 1;
        this.settle(message.request)?.resolve(message.hits);
        break;
      case 'failed':
        this.settle(message.request)?.reject(new Error(message.message));
        break;
    }
  }

  private settle(request: number): Pending | undefined {
    const pending = this.pending.get(request);
    this.pending.delete(request);
    if (this.pending.size === 0) this.worker?.unref();
    return pending;
  }

  /** A thread that crashed fails its searches (they rank on the main thread) and is started again by the next generation. */
  private failed(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.current = undefined;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.warn(`${error.message}; searches rank on the main thread`);
  }

  /** Stops the thread (its memory is returned); searches rank on the main thread. */
  stop(): void {
    const worker = this.worker;
    if (worker === undefined) return;
    this.worker = undefined;
    this.current = undefined;
    for (const pending of this.pending.values()) pending.reject(new Error('the lexical search thread was stopped'));
    this.pending.clear();
    void worker.terminate();
  }
}
