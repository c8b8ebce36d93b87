// `npm run eval` as a user runs it (a child process): with no arguments both reports on the shipped sets, with
// --kb/--queries --json the retrieval metrics as JSON, exactly what the evaluation computes in-process.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifierTable, evaluate, loadSet, outOfSampleReport } from '../../src/eval/classifier-eval.js';
import { evaluateRetrieval, kbEntrySchema, parseJsonl, querySchema } from '../../src/eval/retrieval-eval.js';
import { REPO_DIR, runScript } from '../helpers/child.js';

const KEYS = ['recall1', 'recall5', 'mrr10', 'handoffPrecision', 'handoffRecall', 'handoffF1', 'falseHandoff'];
const KB = 'test/eval/kb.jsonl';
const QUERIES = 'test/eval/queries.jsonl';
const CLASSIFIER_SET = join(REPO_DIR, 'test/eval/classifier-tune.jsonl');

async function expectedRetrieval() {
  const kb = parseJsonl(await readFile(join(REPO_DIR, KB), 'utf8'), kbEntrySchema, KB);
  const queries = parseJsonl(await readFile(join(REPO_DIR, QUERIES), 'utf8'), querySchema, QUERIES);
  return evaluateRetrieval(kb, queries);
}

describe('npm run eval', () => {
  it('is wired to src/eval/cli.ts', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.eval).toBe('tsx src/eval/cli.ts');
  });

  it('--kb --queries --json prints vector, bm25 and hybrid, each with the six metrics', async () => {
    const run = await runScript('src/eval/cli.ts', ['--kb', KB, '--queries', QUERIES, '--json'], {}, 45_000);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const printed = JSON.parse(run.stdout) as Record<string, Record<string, number>>;
    expect(Object.keys(printed)).toEqual(['vector', 'bm25', 'hybrid']);
    for (const metrics of Object.values(printed)) {
      expect(Object.keys(metrics)).toEqual(KEYS);
      for (const value of Object.values(metrics)) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
    expect(printed).toEqual(await expectedRetrieval());
  }, 60_000);

  it('with no arguments prints the retrieval table, the classifier table, the FAQ splits and the conversations of the shipped sets', async () => {
    const run = await runScript('src/eval/cli.ts', [], {}, 45_000);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const [retrieval, rest] = run.stdout.split('\n\nOffline classifier, out of sample: ');
    const [classifierAndFaq, conversations] = rest!.split('\n\nConversations: ');
    const [classifier, ...faqs] = classifierAndFaq!.split('\n\nFAQ retrieval, ');
    // The held-out FAQ splits.
    expect(faqs.map((faq) => faq.split(':')[0])).toEqual(['test/eval/faq-test.jsonl', 'test/eval/faq-fresh.jsonl', 'test/eval/faq-blind.jsonl', 'test/eval/faq-blind2.jsonl', 'test/eval/faq-blind3.jsonl', 'test/eval/faq-blind4.jsonl']);
    for (const faq of faqs) expect(faq).toMatch(/^[\w/.-]+: \d+ questions \(\d+ answerable, \d+ to hand off\), offline hybrid, thresholds of offline-hash-v4-dim384\n\nmethod +recall@1/);
    expect(conversations).toMatch(/^\d+ conversations, \d+ turns; \d+ passed \(\d+\.\d%\); replies with Markdown: 0\n/);
    expect(retrieval).toMatch(/^Retrieval: 30 documents, 61 queries \(41 answerable, 20 to hand off\), offline embeddings\n\n/);
    expect(retrieval).toMatch(/^method\s+recall@1\s+recall@5\s+MRR@10\s+hand-off P\s+hand-off R\s+hand-off F1\s+false hand-off$/m);
    for (const [mode, metrics] of Object.entries(await expectedRetrieval())) {
      const cells = KEYS.map((key) => metrics[key as keyof typeof metrics].toFixed(3).replace('.', '\\.'));
      expect(retrieval).toMatch(new RegExp(`^${mode}\\s+${cells.join('\\s+')}$`, 'm'));
    }
    expect(`Offline classifier, out of sample: ${classifier}`).toBe(outOfSampleReport());
  }, 60_000);

  it('--classifier prints the out-of-sample report, and --classifier SET the table of that set', async () => {
    const outOfSample = await runScript('src/eval/cli.ts', ['--classifier'], {}, 45_000);
    expect([outOfSample.code, outOfSample.stderr, outOfSample.stdout]).toEqual([0, '', `${outOfSampleReport()}\n`]);
    expect(outOfSample.stdout).toMatch(/^sentiment frustrated +32 /m);
    const set = loadSet(CLASSIFIER_SET);
    const one = await runScript('src/eval/cli.ts', ['--classifier', CLASSIFIER_SET], {}, 45_000);
    expect([one.code, one.stderr, one.stdout]).toEqual([0, '', `Offline classifier: ${set.length} labelled messages (${CLASSIFIER_SET})\n\n${classifierTable(evaluate(set))}\n`]);
  }, 60_000);

  it('refuses --kb without --queries with the usage line and exit code 1', async () => {
    const run = await runScript('src/eval/cli.ts', ['--kb', KB], {}, 45_000);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'npm run eval failed: usage: npm run eval [-- --kb KB.jsonl --queries QUERIES.jsonl [--json]] [-- --classifier [SET.jsonl]] [-- --conversations SET.jsonl | --faq SET.jsonl | --fit SET.jsonl [--knowledge DIR]]\n',
    });
  }, 60_000);
});
