// The build worker's entry (started by build-runner.ts): runs one sync job at a time and answers with its result.
// Offline embeddings are computed here; a model's are asked of the server, batch by batch.
import { parentPort } from 'node:worker_threads';
import type { BuildJob } from './build-job.js';
import { runBuildJob } from './build-job.js';
import type { FromWorker, ToWorker } from './build-runner.js';
import { OfflineEmbeddings } from './offline-embeddings.js';

const port = parentPort!;
const send = (message: FromWorker): void => port.postMessage(message);
/** Kept between jobs: its cache of token features stays warm while the worker lives. */
let offline: OfflineEmbeddings | undefined;
let nextRequest = 0;
const waiting = new Map<number, { resolve: (vectors: number[][]) => void; reject: (error: Error) => void }>();

function askServer(texts: string[]): Promise<number[][]> {
  const request = nextRequest++;
  return new Promise((resolve, reject) => {
    waiting.set(request, { resolve, reject });
    send({ type: 'embed', request, texts });
  });
}

async function run(job: BuildJob): Promise<void> {
  const spec = job.embeddings;
  if (spec.kind === 'offline' && offline?.dimensions !== spec.dimensions) offline = new OfflineEmbeddings({ dimensions: spec.dimensions });
  const embedder = spec.kind === 'offline' ? offline : undefined;
  try {
    const result = await runBuildJob(job, {
      embed: (texts) => (embedder === undefined ? askServer(texts) : embedder.embedDocuments(texts)),
      progress: (done, total) => send({ type: 'progress', done, total }),
    });
    send({ type: 'done', result });
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'job') {
    void run(message.job);
    return;
  }
  const waiter = waiting.get(message.request);
  waiting.delete(message.request);
  if (message.type === 'vectors') waiter?.resolve(message.vectors);
  else waiter?.reject(new Error(message.message));
});
