// The build worker's entry (started by build-runner.ts): runs one task at a time (a sync job, or the migration of an
// index written before generations) and answers with its result. Offline embeddings are computed here; a model's are
// asked of the server, batch by batch.
import { parentPort } from 'node:worker_threads';
import type { BuildJob } from './build-job.js';
import { runBuildJob } from './build-job.js';
import type { FromWorker, ToWorker } from './build-runner.js';
import { migrateLegacyIndex } from './legacy-index.js';
import { OfflineEmbeddings } from './offline-embeddings.js';

const port = parentPort!;
const send = (message: FromWorker): void => port.postMessage(message);
/** Kept between jobs: its cache of token features stays warm while the worker lives. */
let offline: OfflineEmbeddings | undefined;
let nextRequest = 0;
const waiting = new Map<number, { resolve: (vectors: number[][]) => void; reject: (error: Error) => void }>();
/** A job whose documents are still arriving. */
let receiving: BuildJob | undefined;

function askServer(texts: string[]): Promise<number[][]> {
  const request = nextRequest++;
  return new Promise((resolve, reject) => {
    waiting.set(request, { resolve, reject });
    send({ type: 'embed', request, texts });
  });
}

async function answer(task: () => Promise<unknown>): Promise<void> {
  try {
    send({ type: 'done', result: await task() });
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

function runJob(job: BuildJob): Promise<void> {
  const spec = job.embeddings;
  if (spec.kind === 'offline' && offline?.dimensions !== spec.dimensions) offline = new OfflineEmbeddings({ dimensions: spec.dimensions });
  const embedder = spec.kind === 'offline' ? offline : undefined;
  return answer(() =>
    runBuildJob(job, {
      embed: (texts) => (embedder === undefined ? askServer(texts) : embedder.embedDocuments(texts)),
      progress: (done, total) => send({ type: 'progress', done, total }),
    }),
  );
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'job':
      if (message.job.input.kind === 'documents') receiving = message.job;
      else void runJob(message.job);
      return;
    case 'files':
      if (receiving?.input.kind === 'documents') receiving.input.documents.files.push(...message.files);
      return;
    case 'start':
      if (receiving !== undefined) void runJob(receiving);
      receiving = undefined;
      return;
    case 'migrate':
      void answer(() => migrateLegacyIndex(message.directory, message.folder, new Set(message.owned)));
      return;
    default: {
      const waiter = waiting.get(message.request);
      waiting.delete(message.request);
      if (message.type === 'vectors') waiter?.resolve(message.vectors);
      else waiter?.reject(new Error(message.message));
    }
  }
});
