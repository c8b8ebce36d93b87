// `npm run index`: builds or updates the knowledge index the way the app does at start, with a progress
// bar on stderr and the report on stdout. Broken files are listed, not fatal; the exit code is non-zero
// only when the index cannot be built at all (a bad configuration, unreadable folder, embeddings service down).
// The configuration goes through the server's loader: the same variables, defaults and one-line errors.
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config/env.js';
import { embeddingsOf } from './embeddings.js';
import { KnowledgeIndex } from './knowledge-index.js';
import type { SyncReport } from './types.js';

const BAR_WIDTH = 30;

/** A one-line progress bar, redrawn in place on a terminal; silent when stderr is a file or pipe. */
function progressBar(stream: NodeJS.WriteStream): { update: (done: number, total: number) => void; end: () => void } {
  let drawn = false;
  return {
    update(done, total) {
      if (!stream.isTTY || total === 0) return;
      const filled = Math.round((done / total) * BAR_WIDTH);
      const percent = Math.floor((done / total) * 100);
      stream.write(`\rembedding [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}% ${done}/${total} chunks`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}

function printReport(report: SyncReport, id: string, directory: string): void {
  const lines = [
    `index: ${directory} (${id})`,
    `files: ${report.added} added, ${report.updated} updated, ${report.removed} removed, ${report.unchanged} unchanged`,
    `chunks in the index: ${report.chunks}`,
  ];
  if (report.errors.length > 0) {
    lines.push(`${report.errors.length} file(s) could not be indexed:`);
    for (const error of report.errors) lines.push(`  ${error.path}: ${error.reason}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const dataDir = resolve(config.dataDir);
  const knowledgeDir = resolve(config.knowledgeDir);
  const choice = embeddingsOf(config);
  const index = await KnowledgeIndex.open({ dataDir, embeddings: choice.embeddings, embeddingsId: choice.id });
  process.stderr.write(`indexing ${knowledgeDir} with ${choice.mode} embeddings (${choice.id})\n`);
  const bar = progressBar(process.stderr);
  try {
    const report = await index.sync(knowledgeDir, bar.update);
    bar.end();
    printReport(report, choice.id, index.directory);
  } catch (error) {
    bar.end();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`npm run index failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
