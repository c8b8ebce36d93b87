// The FAQ retrieval set: questions asked the way customers ask, each labelled with the sections of a knowledge folder
// that answer it (`path#heading`, as the chunker names them) or with null when the knowledge does not answer it and
// Jawab should hand off. Two things are done with it:
// - evaluate: rank the knowledge for each question as a conversation does (hybrid, the customer's language first) and
//   score recall@1, recall@5 and MRR@10 by section, and the hand-off decision (tally.ts);
// - fit: choose the "nothing relevant" thresholds (minScore, minCoverage, minSimilarity) on a tuning split: the ones
//   with the best hand-off F1 among those that hand off at most MAX_FALSE_HANDOFF of the answerable questions, in
//   every fold of it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { RelevanceThresholds } from '../knowledge/calibration.js';
import { detectLanguage } from '../knowledge/detect-language.js';
import { chunkDocument } from '../knowledge/chunker.js';
import { KnowledgeIndex } from '../knowledge/knowledge-index.js';
import { loadKnowledgeFolder } from '../knowledge/loader.js';
import { OfflineEmbeddings } from '../knowledge/offline-embeddings.js';
import { withoutProductName } from '../knowledge/owned-product.js';
import { passesThresholds, passagesFitting, rankCandidates, searchCandidates, sharedTerms, unanswerable, withRegions } from '../knowledge/retrieve.js';
import { askingClause, readMessages } from '../dialogue/acts.js';
import type { ScoredChunk } from '../knowledge/types.js';
import { sectionOf } from '../answer/question-resolution.js';
import { parseJsonl } from './retrieval-eval.js';
import { type Metrics, metricsTable, Tally } from './tally.js';

export const faqQuerySchema = z.strictObject({ query: z.string().min(1), gold: z.array(z.string().min(1)).min(1).nullable() });
export type FaqQuery = z.infer<typeof faqQuerySchema>;

/** The most answerable questions a fit may hand off. */
export const MAX_FALSE_HANDOFF = 0.05;
/** Passages an answer is made of, as retrieve()'s default k: it looks at twice as many candidates. */
const ANSWERS = 4;

export function parseFaq(text: string, label: string): FaqQuery[] {
  return parseJsonl(text, faqQuerySchema, label);
}

/** One reading of a question, searched once and judged under any thresholds. */
interface Reading {
  candidates: ScoredChunk[];
  /** Per candidate, whether it shares a content word with the question and is not another place's row (the thresholds do not change that). */
  shares: boolean[];
  /** About a subject no shop covers, or a brand the knowledge never names: handed off whatever the thresholds (retrieve.ts). */
  unanswerable: boolean;
}

/**
 * A labelled message read as a conversation reads it (answerer.ts): its greeting peeled and its questions apart
 * (dialogue/acts.ts), each question read whole, then without the name of a product whose row does not answer it, then
 * as its last asking clause, then that without the product's name; the first reading with a relevant passage answers.
 */
interface Ranked {
  query: string;
  gold: Set<string> | null;
  /** Per question of the message, its readings in the order they are tried. */
  questions: Reading[][];
}

async function readingsOf(index: KnowledgeIndex, question: string): Promise<Reading[]> {
  const read = async (asked: string): Promise<{ reading: Reading; fits: (passage: ScoredChunk) => boolean }> => {
    const query = withRegions(asked, index);
    const candidates = rankCandidates(await searchCandidates(index, query, ANSWERS), detectLanguage(asked), query);
    const fits = passagesFitting(query, asked);
    const shares = candidates.map((passage) => sharedTerms(query, passage).length > 0 && fits(passage));
    return { reading: { candidates, shares, unanswerable: unanswerable(index, query, candidates, asked) }, fits };
  };
  const readings: Reading[] = [];
  const clause = askingClause(question);
  for (const text of clause === undefined ? [question] : [question, clause]) {
    const whole = await read(text);
    readings.push(whole.reading);
    const strip = whole.reading.unanswerable ? undefined : withoutProductName(text, whole.reading.candidates, whole.fits);
    if (strip !== undefined) readings.push((await read(strip(text))).reading);
  }
  return readings;
}

async function rankAll(queries: readonly FaqQuery[], knowledgeDir: string): Promise<Ranked[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jawab-faq-'));
  try {
    const embeddings = new OfflineEmbeddings();
    const index = await KnowledgeIndex.open({ dataDir, embeddings, embeddingsId: embeddings.id });
    const sync = await index.sync(knowledgeDir);
    if (sync.errors.length) throw new Error(`unreadable knowledge files: ${sync.errors.map((e) => e.path).join(', ')}`);
    const ranked: Ranked[] = [];
    for (const { query, gold } of queries) {
      const { questions } = readMessages([query]);
      const readings = await Promise.all((questions.length > 0 ? questions : [query]).map((question) => readingsOf(index, question)));
      ranked.push({ query, gold: gold === null ? null : new Set(gold), questions: readings });
    }
    return ranked;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Whether a reading finds a relevant passage under these thresholds. */
function answers(reading: Reading, thresholds: RelevanceThresholds): boolean {
  return !reading.unanswerable && reading.candidates.some((passage, i) => reading.shares[i] && passesThresholds(passage, thresholds));
}

/** Hands off when a question of the message has no reading with a relevant passage under these thresholds. */
function handsOff(item: Ranked, thresholds: RelevanceThresholds): boolean {
  return item.questions.some((readings) => !readings.some((reading) => answers(reading, thresholds)));
}

/** The candidates the answer is made of: the first question's first reading that answers, or its first reading. */
function answering(item: Ranked, thresholds: RelevanceThresholds): ScoredChunk[] {
  const readings = item.questions[0]!;
  return (readings.find((reading) => answers(reading, thresholds)) ?? readings[0]!).candidates;
}

function score(ranked: readonly Ranked[], thresholds: RelevanceThresholds): Metrics {
  const tally = new Tally();
  for (const item of ranked) {
    const sections = [...new Set(answering(item, thresholds).map(sectionOf))];
    tally.add(item.gold === null ? null : sections.findIndex((section) => item.gold!.has(section)), handsOff(item, thresholds));
  }
  return tally.metrics();
}

/** Checks that every gold section exists in the knowledge folder (a typo would silently count as a miss). */
function checkGold(ranked: readonly Ranked[], sections: ReadonlySet<string>, label: string): void {
  for (const item of ranked) {
    const missing = [...(item.gold ?? [])].find((section) => !sections.has(section));
    if (missing !== undefined) throw new Error(`${label}: "${item.query}": no section ${missing} in the knowledge folder`);
  }
}

async function sectionsOf(knowledgeDir: string): Promise<Set<string>> {
  const sections = new Set<string>();
  for (const file of (await loadKnowledgeFolder(knowledgeDir)).files) {
    for (const chunk of await chunkDocument(file)) sections.add(`${chunk.metadata.source}#${chunk.metadata.heading ?? ''}`);
  }
  return sections;
}

export async function evaluateFaq(queries: readonly FaqQuery[], knowledgeDir: string, thresholds: RelevanceThresholds, label = 'faq'): Promise<Metrics> {
  const ranked = await rankAll(queries, knowledgeDir);
  checkGold(ranked, await sectionsOf(knowledgeDir), label);
  return score(ranked, thresholds);
}

/** A grid of n + 1 values from `from` to `to`, in thousandths. */
const grid = (from: number, to: number, n: number): number[] => Array.from({ length: n + 1 }, (_, i) => Math.round((from + ((to - from) * i) / n) * 1000) / 1000);

export interface Fit {
  thresholds: RelevanceThresholds;
  metrics: Metrics;
}

/** Folds the fit holds its constraint on: a tuning set of ~100 questions is small, and one fold's luck is not a fit. */
const FOLDS = 4;

/**
 * The thresholds with the best mean hand-off F1 over FOLDS folds of `queries` among those that hand off at most
 * MAX_FALSE_HANDOFF of the answerable questions of every fold, not only of the whole set (a fit at the edge of the
 * whole set hands off more of new questions). Many thresholds tie on a tuning set of a few hundred questions. The
 * coverage and similarity floors only catch a passage that scores well on one signal alone, so they stay as low as
 * the tie allows (answering more); the combined score decides, and of its tied values the fit takes the middle, as
 * far as it can from both edges: an edge is where one tuning question flips, and a threshold on it flips new
 * questions like it. The metrics returned are the whole set's.
 */
export async function fitThresholds(queries: readonly FaqQuery[], knowledgeDir: string, label = 'faq'): Promise<Fit> {
  const ranked = await rankAll(queries, knowledgeDir);
  checkGold(ranked, await sectionsOf(knowledgeDir), label);
  const folds = Array.from({ length: FOLDS }, (_, fold) => ranked.filter((_, i) => i % FOLDS === fold));
  let best: { tied: RelevanceThresholds[]; meanF1: number } | undefined;
  for (const minScore of grid(0.1, 0.5, 40)) {
    for (const minCoverage of grid(0.2, 0.8, 30)) {
      for (const minSimilarity of grid(0.2, 0.8, 30)) {
        const thresholds = { minScore, minCoverage, minSimilarity };
        const perFold = folds.map((fold) => score(fold, thresholds));
        if (perFold.some((metrics) => metrics.falseHandoff > MAX_FALSE_HANDOFF)) continue;
        const meanF1 = perFold.reduce((total, metrics) => total + metrics.handoffF1, 0) / FOLDS;
        if (best === undefined || meanF1 > best.meanF1) best = { tied: [thresholds], meanF1 };
        else if (meanF1 === best.meanF1) best.tied.push(thresholds);
      }
    }
  }
  if (best === undefined) throw new Error(`${label}: no thresholds hand off at most ${MAX_FALSE_HANDOFF * 100}% of the answerable questions of every fold`);
  const floors = (t: RelevanceThresholds) => t.minCoverage + t.minSimilarity;
  const lowest = Math.min(...best.tied.map(floors));
  // The grid visits minScore in ascending order, so the tied points at the lowest floors come sorted by it.
  const atLowest = best.tied.filter((thresholds) => floors(thresholds) === lowest);
  const thresholds = atLowest[Math.floor((atLowest.length - 1) / 2)]!;
  return { thresholds, metrics: score(ranked, thresholds) };
}

export function faqTable(metrics: Metrics): string {
  return metricsTable([['hybrid', metrics]]);
}
