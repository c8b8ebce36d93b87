// Builds the shipped sample knowledge (knowledge/) into a fresh temporary index, once per test file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { OfflineEmbeddings } from '../../src/knowledge/offline-embeddings.js';

export const SAMPLE_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));

export async function openSampleIndex(): Promise<{ index: KnowledgeIndex; cleanup: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jawab-sample-'));
  const embeddings = new OfflineEmbeddings();
  const index = await KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: embeddings.id });
  await index.sync(SAMPLE_KNOWLEDGE_DIR);
  return { index, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}
