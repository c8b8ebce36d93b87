import { readFileSync } from 'node:fs';
import { KnowledgeIndex } from '/work/main/src/knowledge/knowledge-index.ts';
import { OfflineEmbeddings } from '/work/main/src/knowledge/offline-embeddings.ts';
import { retrieve } from '/work/main/src/knowledge/retrieve.ts';
import { detectLanguage } from '/work/main/src/knowledge/detect-language.ts';
import { mkdtemp } from 'node:fs/promises';
const e = new OfflineEmbeddings();
const index = await KnowledgeIndex.open({ dataDir: await mkdtemp('/tmp/f-'), embeddings: e, embeddingsId: e.id });
await index.sync('/work/main/knowledge');
for (const line of readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)) {
  const { query, gold } = JSON.parse(line);
  const r = await retrieve(index, query, { language: detectLanguage(query) });
  const top = r.passages[0];
  const sec = top ? `${top.metadata.source}#${top.metadata.heading ?? ''}` : '';
  const wrong = gold === null ? r.relevant : !r.relevant || !gold.includes(sec);
  if (wrong) console.log(`${gold === null ? 'FALSE-ANSWER' : r.relevant ? 'WRONG-TOP' : 'FALSE-HANDOFF'} ${query} | ${top?.score.toFixed(2)} cov=${top?.coverage?.toFixed(2)} sim=${top?.similarity?.toFixed(2)} ${sec} | ${top?.text.slice(0,60)}`);
}
