// Starts one of this folder's worker threads by its file name: the compiled JavaScript beside the caller in
// production; in a TypeScript run (tsx, vitest) the thread registers tsx's loader first, as its process did.
import { Worker } from 'node:worker_threads';

/** `caller` is the import.meta.url of a module in this folder; `name` the worker's file without its extension. */
export function startThread(caller: string, name: string): Worker {
  if (!caller.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, caller));
  const entry = new URL(`./${name}.ts`, caller).href;
  const loader = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(loader)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
}
