// `npm run eval`: answers you can measure.
//   --kb KB.jsonl --queries Q.jsonl [--json]  retrieval and hand-off metrics of the vector index, BM25 and the hybrid
//                                            side by side (src/eval/retrieval-eval.ts)
//   --classifier SET.jsonl                   precision and recall per condition of the offline classifier
//   --conversations SET.jsonl [--knowledge DIR]  scripted multi-turn conversations replayed through the engine
//                                            (src/eval/conversation-eval.ts), against DIR (default: knowledge/)
//   no arguments                             all three, on the sets shipped in test/eval/ and the sample knowledge
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SearchMode } from '../knowledge/types.js';
import { classifierTable, evaluate, loadSet } from './classifier-eval.js';
import { conversationTable, evaluateConversations } from './conversation-eval.js';
import { parseConversations } from './conversation-set.js';
import type { Metrics } from './retrieval-eval.js';
import { evaluateRetrieval, kbEntrySchema, MODES, parseJsonl, querySchema } from './retrieval-eval.js';

const USAGE =
  'usage: npm run eval [-- --kb KB.jsonl --queries QUERIES.jsonl [--json]] [-- --classifier SET.jsonl] [-- --conversations SET.jsonl [--knowledge DIR]]';
const shipped = (name: string) => fileURLToPath(new URL(`../../test/eval/${name}`, import.meta.url));
const SAMPLE_KNOWLEDGE = fileURLToPath(new URL('../../knowledge/', import.meta.url));

function table(results: Record<SearchMode, Metrics>): string {
  const columns: [keyof Metrics, string][] = [
    ['recall1', 'recall@1'],
    ['recall5', 'recall@5'],
    ['mrr10', 'MRR@10'],
    ['abstainPrecision', 'hand-off P'],
    ['abstainRecall', 'hand-off R'],
    ['abstainF1', 'hand-off F1'],
  ];
  const header = ['method', ...columns.map(([, name]) => name)];
  const rows = MODES.map((mode) => [mode, ...columns.map(([key]) => results[mode][key].toFixed(3))]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
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

function classifier(setPath: string): string {
  const set = loadSet(setPath);
  return `Offline classifier: ${set.length} labelled messages (${setPath})\n\n${classifierTable(evaluate(set))}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kb: { type: 'string' },
      queries: { type: 'string' },
      json: { type: 'boolean', default: false },
      classifier: { type: 'string' },
      conversations: { type: 'string' },
      knowledge: { type: 'string' },
    },
  });
  if ((values.kb === undefined) !== (values.queries === undefined)) throw new Error(USAGE);
  if (values.knowledge !== undefined && values.conversations === undefined) throw new Error(USAGE);
  const reports: string[] = [];
  if (values.kb !== undefined && values.queries !== undefined) reports.push(await retrieval(values.kb, values.queries, values.json));
  if (values.classifier !== undefined) reports.push(classifier(values.classifier));
  if (values.conversations !== undefined) reports.push(await conversations(values.conversations, values.knowledge ?? SAMPLE_KNOWLEDGE, values.json));
  if (!reports.length) {
    reports.push(
      await retrieval(shipped('kb.jsonl'), shipped('queries.jsonl'), false),
      classifier(shipped('classifier-set.jsonl')),
      await conversations(shipped('conversations.jsonl'), SAMPLE_KNOWLEDGE, false),
    );
  }
  process.stdout.write(`${reports.join('\n\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run eval failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
