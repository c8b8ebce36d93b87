// The retrieval quality harness behind `npm run eval`: indexes a knowledge base (one document per
// entry) in a temporary index with the offline embeddings, ranks it for each query with the vector
// index alone, BM25 alone and the hybrid, and scores each side by side:
// - recall@1, recall@5 and MRR@10 over the queries that have a gold document (documents are ranked by
//   their best chunk);
// - precision, recall and F1 of "hand off" (nothing relevant) over all queries, where the queries whose
//   gold_id is null are the ones that should be handed off.
// Each method decides "nothing relevant" with its own calibrated signal: cosine similarity for vector,
// IDF-weighted coverage for BM25, and retrieve()'s rule (score, coverage or similarity, and a shared word)
// for hybrid, which also prefers passages in the query's language, as conversations do.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { KnowledgeIndex } from '../knowledge/knowledge-index.js';
import { OfflineEmbeddings } from '../knowledge/offline-embeddings.js';
import { detectLanguage } from '../knowledge/detect-language.js';
import { DEFAULT_RETRIEVE, rankCandidates, retrieve } from '../knowledge/retrieve.js';
import type { Language } from '../config/settings.js';
import type { ScoredChunk, SearchMode } from '../knowledge/types.js';
import { type Metrics, Tally } from './tally.js';

export type { Metrics } from './tally.js';

export const kbEntrySchema = z.object({ id: z.string().min(1), text: z.string().min(1), title: z.string().optional() });
export const querySchema = z.object({ query: z.string().min(1), gold_id: z.string().min(1).nullable() });
export type KbEntry = z.infer<typeof kbEntrySchema>;
export type EvalQuery = z.infer<typeof querySchema>;

export const MODES: readonly SearchMode[] = ['vector', 'bm25', 'hybrid'];

/**
 * Below this best cosine similarity the vector method hands off. Offline embeddings put unrelated
 * texts near 0 and paraphrases of one topic at 0.3 and above (see offline-embeddings.ts).
 */
export const VECTOR_MIN_SIMILARITY = 0.3;

/** Parses JSON Lines with a schema; an error names the file and the line. */
export function parseJsonl<T>(text: string, schema: z.ZodType<T>, label: string): T[] {
  const rows: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${label} line ${i + 1}: not valid JSON`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${label} line ${i + 1}: ${issue.path.join('.') || 'row'} ${issue.message}`);
    }
    rows.push(parsed.data);
  });
  return rows;
}

/** Document ids in rank order, each once (by its best chunk). */
function rankedIds(chunks: readonly ScoredChunk[]): string[] {
  return [...new Set(chunks.map((chunk) => chunk.metadata.source))];
}

async function abstains(index: KnowledgeIndex, mode: SearchMode, query: string, chunks: readonly ScoredChunk[]): Promise<boolean> {
  const best = chunks[0];
  if (best === undefined) return true;
  if (mode === 'vector') return (best.similarity ?? 0) < VECTOR_MIN_SIMILARITY;
  if (mode === 'bm25') return (best.coverage ?? 0) < DEFAULT_RETRIEVE.minCoverage;
  return !(await retrieve(index, query, languageOf(query))).relevant;
}

/** The hybrid runs as in a conversation: passages in the customer's language first. */
function languageOf(query: string): { language?: Language } {
  const language = detectLanguage(query);
  return language === undefined ? {} : { language };
}

export async function evaluateRetrieval(kb: readonly KbEntry[], queries: readonly EvalQuery[]): Promise<Record<SearchMode, Metrics>> {
  const known = new Set(kb.map((entry) => entry.id));
  const unknownGold = queries.find((query) => query.gold_id !== null && !known.has(query.gold_id));
  if (unknownGold !== undefined) throw new Error(`query "${unknownGold.query}": gold_id "${unknownGold.gold_id}" is not in the knowledge base`);

  const dataDir = await mkdtemp(join(tmpdir(), 'jawab-eval-'));
  try {
    const embeddings = new OfflineEmbeddings();
    const index = await KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: embeddings.id });
    const files = kb.map((entry) => ({
      path: entry.id,
      title: entry.title ?? entry.id,
      text: entry.text,
      format: 'text' as const,
      hash: createHash('sha256').update(`${entry.title ?? ''}\n${entry.text}`).digest('hex'),
    }));
    await index.syncSource('eval', { files, errors: [] });

    const results = {} as Record<SearchMode, Metrics>;
    for (const mode of MODES) {
      const tally = new Tally();
      for (const { query, gold_id: gold } of queries) {
        const found = await index.search(query, 30, { mode });
        const chunks = mode === 'hybrid' ? rankCandidates(found, languageOf(query).language, query) : found;
        tally.add(gold === null ? null : rankedIds(chunks).slice(0, 10).indexOf(gold), await abstains(index, mode, query, chunks));
      }
      results[mode] = tally.metrics();
    }
    return results;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
