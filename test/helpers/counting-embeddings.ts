// Offline embeddings behind a model's interface (so the index asks for them from the server, as it does a model's),
// counting what they embed: a test proves a sync embeds only what changed. `failNext` fails the next request.
import { Embeddings } from '@langchain/core/embeddings';
import { OfflineEmbeddings } from '../../src/knowledge/offline-embeddings.js';

export class CountingEmbeddings extends Embeddings {
  readonly inner = new OfflineEmbeddings({ dimensions: 256 });
  documents: string[] = [];
  failNext = false;
  constructor() {
    super({});
  }
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('embeddings service down');
    }
    this.documents.push(...texts);
    return this.inner.embedDocuments(texts);
  }
  override async embedQuery(text: string): Promise<number[]> {
    return this.inner.embedQuery(text);
  }
}
