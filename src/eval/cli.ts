// `npm run eval`: answers you can measure.
//   --kb KB.jsonl --queries Q.jsonl [--json]  retrieval and hand-off metrics of the vector index, BM25 and the hybrid
//                                            side by side (src/eval/retrieval-eval.ts)
//   --classifier [SET.jsonl]                 precision, recall and F1 per condition of the offline classifier: on SET, or
//                                            out of sample on the chat test split, IndoNLU SmSA validation and a custom
//                                            intent's paraphrases (src/eval/classifier-eval.ts)
//   --conversations SET.jsonl [--knowledge DIR]  scripted multi-turn conversations replayed through the engine
//                                            (src/eval/conversation-eval.ts), against DIR (default: knowledge/)
//   --faq SET.jsonl [--knowledge DIR]        FAQ retrieval by section and the hand-off decision with the fitted
//                                            thresholds (src/eval/faq-eval.ts)
//   --fit SET.jsonl [--knowledge DIR]        fits the "nothing relevant" thresholds of the offline embeddings on a tuning
//                                            split and writes them into src/knowledge/calibration.ts
//   no arguments                             the shipped sets in test/eval/ on the sample knowledge (the FAQ held-out
//                                            splits: test, fresh, blind, blind2, blind3, blind4; README "Knowledge figures")
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SearchMode } from '../knowledge/types.js';
import { classifierTable, evaluate, loadSet, outOfSampleReport } from './classifier-eval.js';
import { conversationTable, evaluateConversations } from './conversation-eval.js';
import { parseConversations } from './conversation-set.js';
import { writeCalibration } from './calibration-file.js';
import { evaluateFaq, faqTable, fitThresholds, parseFaq } from './faq-eval.js';
import { metricsTable } from './tally.js';
import { thresholdsFor } from '../knowledge/calibration.js';
import { OfflineEmbeddings } from '../knowledge/offline-embeddings.js';
import type { Metrics } from './retrieval-eval.js';
import { evaluateRetrieval, kbEntrySchema, MODES, parseJsonl, querySchema } from './retrieval-eval.js';

const USAGE =
  'usage: npm run eval [-- --kb KB.jsonl --queries QUERIES.jsonl [--json]] [-- --classifier [SET.jsonl]] [-- --conversations SET.jsonl | --faq SET.jsonl | --fit SET.jsonl [--knowledge DIR]]';
const shipped = (name: string) => fileURLToPath(new URL(`../../test/eval/${name}`, import.meta.url));
const SAMPLE_KNOWLEDGE = fileURLToPath(new URL('../../knowledge/', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

function table(results: Record<SearchMode, Metrics>): string {
  return metricsTable(MODES.map((mode) => [mode, results[mode]]));
}

async function retrieval(kbPath: string, queriesPath: string, json: boolean): Promise<string> {
  const kb = parseJsonl(await readFile(kbPath, 'utf8'), kbEntrySchema, kbPath);
  const queries = parseJsonl(await readFile(queriesPath, 'utf8'), querySchema, queriesPath);
  const results = await evaluateRetrieval(kb, queries);
  if (json) return JSON.stringify(results);
  const handOff = queries.filter((query) => query.gold_id === null).length;
  return `Retrieval: ${kb.length} documents, ${queries.length} queries (${queries.length - handOff} answerable, ${handOff} to hand off), offline embeddings\n\n${table(results)}`;
}

async function conversations(setPath: string, knowledgeDir: string, json: boolean): Promise<string> {
  const set = parseConversations(await readFile(setPath, 'utf8'), setPath);
  const report = await evaluateConversations(set, { knowledgeDir });
  return json ? JSON.stringify(report) : conversationTable(report);
}

async function faq(setPath: string, knowledgeDir: string, json: boolean): Promise<string> {
  const set = parseFaq(await readFile(setPath, 'utf8'), setPath);
  const embeddingsId = new OfflineEmbeddings().id;
  const metrics = await evaluateFaq(set, knowledgeDir, thresholdsFor(embeddingsId), setPath);
  if (json) return JSON.stringify(metrics);
  const answerable = set.filter((query) => query.gold !== null).length;
  return `FAQ retrieval, ${relative(REPO, setPath)}: ${set.length} questions (${answerable} answerable, ${set.length - answerable} to hand off), offline hybrid, thresholds of ${embeddingsId}\n\n${faqTable(metrics)}`;
}

async function fit(setPath: string, knowledgeDir: string): Promise<string> {
  const set = parseFaq(await readFile(setPath, 'utf8'), setPath);
  const embeddingsId = new OfflineEmbeddings().id;
  const result = await fitThresholds(set, knowledgeDir, setPath);
  const file = await writeCalibration(embeddingsId, { ...result.thresholds, fittedOn: relative(REPO, setPath), fittedAt: new Date().toISOString().slice(0, 10) });
  return `Fitted on ${setPath} (${set.length} questions): ${JSON.stringify(result.thresholds)}, written to ${relative(REPO, file)}\n\n${faqTable(result.metrics)}`;
}

function classifier(setPath: string): string {
  const set = loadSet(setPath);
  return `Offline classifier: ${set.length} labelled messages (${setPath})\n\n${classifierTable(evaluate(set))}`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      kb: { type: 'string' },
      queries: { type: 'string' },
      json: { type: 'boolean', default: false },
      classifier: { type: 'boolean', default: false },
      conversations: { type: 'string' },
      faq: { type: 'string' },
      fit: { type: 'string' },
      knowledge: { type: 'string' },
    },
  });
  if ((values.kb === undefined) !== (values.queries === undefined)) throw new Error(USAGE);
  // Only `--classifier` takes an optional set, given after it.
  if (positionals.length > (values.classifier ? 1 : 0)) throw new Error(USAGE);
  if (values.knowledge !== undefined && values.conversations === undefined && values.faq === undefined && values.fit === undefined) throw new Error(USAGE);
  const reports: string[] = [];
  if (values.kb !== undefined && values.queries !== undefined) reports.push(await retrieval(values.kb, values.queries, values.json));
  if (values.classifier) reports.push(positionals[0] === undefined ? outOfSampleReport() : classifier(positionals[0]));
  if (values.conversations !== undefined) reports.push(await conversations(values.conversations, values.knowledge ?? SAMPLE_KNOWLEDGE, values.json));
  if (values.fit !== undefined) reports.push(await fit(values.fit, values.knowledge ?? SAMPLE_KNOWLEDGE));
  if (values.faq !== undefined) reports.push(await faq(values.faq, values.knowledge ?? SAMPLE_KNOWLEDGE, values.json));
  if (!reports.length) {
    reports.push(
      await retrieval(shipped('kb.jsonl'), shipped('queries.jsonl'), false),
      outOfSampleReport(),
      await faq(shipped('faq-test.jsonl'), SAMPLE_KNOWLEDGE, false),
      await faq(shipped('faq-fresh.jsonl'), SAMPLE_KNOWLEDGE, false),
      await faq(shipped('faq-blind.jsonl'), SAMPLE_KNOWLEDGE, false),
      await faq(shipped('faq-blind2.jsonl'), SAMPLE_KNOWLEDGE, false),
      await faq(shipped('faq-blind3.jsonl'), SAMPLE_KNOWLEDGE, false),
      await faq(shipped('faq-blind4.jsonl'), SAMPLE_KNOWLEDGE, false),
      await conversations(shipped('conversations.jsonl'), SAMPLE_KNOWLEDGE, false),
    );
  }
  process.stdout.write(`${reports.join('\n\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run eval failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
