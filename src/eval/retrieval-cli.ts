// `npm run eval -- --kb KB.jsonl --queries Q.jsonl [--json]`: retrieval and hand-off metrics of the vector
// index, BM25 and the hybrid side by side (src/eval/retrieval-eval.ts). The shipped English and Indonesian
// set is in test/eval/.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { SearchMode } from '../knowledge/types.js';
import type { Metrics } from './retrieval-eval.js';
import { evaluateRetrieval, kbEntrySchema, MODES, parseJsonl, querySchema } from './retrieval-eval.js';

const USAGE = 'usage: npm run eval -- --kb KB.jsonl --queries QUERIES.jsonl [--json]';

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

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { kb: { type: 'string' }, queries: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (values.kb === undefined || values.queries === undefined) throw new Error(USAGE);
  const kb = parseJsonl(await readFile(values.kb, 'utf8'), kbEntrySchema, values.kb);
  const queries = parseJsonl(await readFile(values.queries, 'utf8'), querySchema, values.queries);
  const results = await evaluateRetrieval(kb, queries);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(results)}\n`);
    return;
  }
  const handOff = queries.filter((query) => query.gold_id === null).length;
  process.stdout.write(
    `${kb.length} documents, ${queries.length} queries (${queries.length - handOff} answerable, ${handOff} to hand off), offline embeddings\n\n${table(results)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run eval failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
