// The retrieval eval: the shipped English + Indonesian set scores as documented in README, through the
// CLI with --json exactly as a user runs it; and bad input is refused with the file and line.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRetrieval, parseJsonl, querySchema } from '../../src/eval/retrieval-eval.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const KEYS = ['recall1', 'recall5', 'mrr10', 'handoffPrecision', 'handoffRecall', 'handoffF1', 'falseHandoff'];

describe('npm run eval (retrieval)', () => {
  it('prints vector, bm25 and hybrid metrics as one JSON object; the hybrid is the best ranker and hands off every off-topic query', async () => {
    const { stdout } = await run('npx', ['tsx', 'src/eval/cli.ts', '--kb', 'test/eval/kb.jsonl', '--queries', 'test/eval/queries.jsonl', '--json'], { cwd: root });
    const results = JSON.parse(stdout) as Record<string, Record<string, number>>;
    expect(Object.keys(results)).toEqual(['vector', 'bm25', 'hybrid']);
    for (const metrics of Object.values(results)) expect(Object.keys(metrics)).toEqual(KEYS);
    const { vector, bm25, hybrid } = results as Record<'vector' | 'bm25' | 'hybrid', Record<string, number>>;
    expect(hybrid.recall1).toBeGreaterThanOrEqual(0.85);
    expect(hybrid.mrr10).toBeGreaterThanOrEqual(Math.max(vector.mrr10!, bm25.mrr10!));
    expect(hybrid.recall1).toBeGreaterThan(vector.recall1!);
    expect(hybrid.handoffRecall).toBe(1);
    expect(hybrid.handoffF1).toBeGreaterThanOrEqual(0.85);
  }, 60_000);

  it('scores a tiny set exactly', async () => {
    const kb = [
      { id: 'returns', text: 'Items can be returned within 14 days of delivery.' },
      { id: 'pengiriman', text: 'Pengiriman ke Bali memakan waktu 3-5 hari kerja.' },
    ];
    const results = await evaluateRetrieval(kb, [
      { query: 'can I return an item after 10 days', gold_id: 'returns' },
      { query: 'berapa lama pengiriman ke Bali', gold_id: 'pengiriman' },
      { query: 'what is the capital of France', gold_id: null },
    ]);
    expect(results.hybrid).toEqual({ recall1: 1, recall5: 1, mrr10: 1, handoffPrecision: 1, handoffRecall: 1, handoffF1: 1, falseHandoff: 0 });
  });

  it('names the file and line of a bad row, and a gold id that is not in the knowledge base', async () => {
    expect(() => parseJsonl('{"query":"x","gold_id":null}\n{"query":""}\n', querySchema, 'q.jsonl')).toThrow('q.jsonl line 2: query');
    expect(() => parseJsonl('not json', querySchema, 'q.jsonl')).toThrow('q.jsonl line 1: not valid JSON');
    await expect(evaluateRetrieval([{ id: 'a', text: 'text' }], [{ query: 'q', gold_id: 'b' }])).rejects.toThrow('gold_id "b" is not in the knowledge base');
  });
});
