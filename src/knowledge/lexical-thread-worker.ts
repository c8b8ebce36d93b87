// The search thread's entry (started by lexical-thread.ts): opens the lexical index of the generations it is sent,
// views of the same shared bytes the main thread reads (only the lists of strings are decoded here), and answers
// top-k requests with what LexicalIndex.top() returns on the main thread, to the bit.
import { parentPort } from 'node:worker_threads';
import { parseGenerationData } from './chunks-file.js';
import { LexicalIndex } from './lexical-index.js';
import type { FromLexicalThread, ToLexicalThread } from './lexical-thread.js';

const port = parentPort!;
const send = (message: FromLexicalThread): void => port.postMessage(message);
const indexes = new Map<number, LexicalIndex>();

port.on('message', (message: ToLexicalThread) => {
  switch (message.type) {
    case 'open':
      try {
        const data = parseGenerationData(message.file, 'chunks.bin');
        indexes.set(message.key, new LexicalIndex(data.lexical, data.chunks));
        send({ type: 'opened', key: message.key });
      } catch (error) {
        send({ type: 'open-failed', key: message.key, message: error instanceof Error ? error.message : String(error) });
      }
      break;
    case 'close':
      indexes.delete(message.key);
      break;
    case 'top': {
      const index = indexes.get(message.key);
      if (index === undefined) send({ type: 'failed', request: message.request, message: `generation ${message.key} is not open here` });
      else send({ type: 'hits', request: message.request, hits: index.top(message.query, message.wanted, message.sources ? new Set(message.sources) : undefined) });
      break;
    }
  }
});
