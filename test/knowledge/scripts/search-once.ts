// Run by lexical-thread.test.ts as a command would be: opens an index whose BM25 ranks on its thread, searches until
// the thread answers, prints what it found and ends by itself (no process.exit): the thread must neither keep the
// process alive after the last search nor let it exit while a search waits for it.
import { KnowledgeIndex } from '../../../src/knowledge/knowledge-index.js';
import { OfflineEmbeddings } from '../../../src/knowledge/offline-embeddings.js';

const [dataDir, knowledgeDir] = process.argv.slice(2) as [string, string];
const embeddings = new OfflineEmbeddings();
const index = await KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: embeddings.id, lexicalThreadFrom: 0 });
await index.sync(knowledgeDir);
for (let i = 0; i < 200 && index.searchesOnThread === 0; i += 1) {
  await index.search('ongkir ke surabaya', 4);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const found = await index.search('ongkir ke surabaya', 1);
console.log(JSON.stringify({ onThread: index.searchesOnThread, first: found[0]?.id }));
