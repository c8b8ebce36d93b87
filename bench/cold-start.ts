// Cold start of the compiled server as the image runs it (`node dist/main.js`, offline: no model key, the bench's
// Chatwoot stand-in), and of `npm start`: time to /healthz and /readyz and the memory at ready, against a bare
// Express server written in plain JavaScript (the floor for any Node web server) in the same run, in turns.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings } from '../src/config/settings.js';
import { freePort, REPO_DIR } from '../test/helpers/child.js';
import { imageEnv } from './image-env.js';
import { jawabEnv } from './processes.js';
import { startSink } from './sink.js';
import { medians, type StartTiming, timeStart } from './start-timing.js';

const ROUNDS = 5;
const BARE_EXPRESS = `import express from 'express';
const app = express();
app.get(['/healthz', '/readyz'], (_req, res) => res.json({ ok: true }));
app.listen(Number(process.env.PORT), '127.0.0.1');`;

async function freshDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jawab-bench-start-'));
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(defaultSettings()));
  return dataDir;
}

export async function measureColdStart(): Promise<string[]> {
  const sink = await startSink();
  const runs: Record<string, StartTiming[]> = { bare: [], first: [], restart: [], npm: [], firstDefaultArenas: [] };
  // The image's allocator setting (Dockerfile); `npm start` and the row without it run as a clone does.
  const { MALLOC_ARENA_MAX } = imageEnv();
  if (MALLOC_ARENA_MAX === undefined) throw new Error('the Dockerfile no longer sets MALLOC_ARENA_MAX: update this bench');
  const on = async (command: string, args: string[], env: (port: number) => Record<string, string>, key: string) => {
    const port = await freePort();
    runs[key]!.push(await timeStart(() => spawn(command, args, { cwd: REPO_DIR, env: env(port), stdio: 'ignore', detached: true }), `http://127.0.0.1:${port}`));
  };
  // In turns, so a burst of other work on the machine falls on every row alike.
  for (let round = 0; round < ROUNDS; round++) {
    await on(process.execPath, ['--input-type=module', '-e', BARE_EXPRESS], (port) => ({ PATH: process.env.PATH ?? '', PORT: String(port) }), 'bare');
    const dataDir = await freshDataDir();
    const jawab = (port: number) => jawabEnv(port, dataDir, sink.url);
    const image = (port: number) => ({ ...jawab(port), MALLOC_ARENA_MAX });
    await on(process.execPath, ['dist/main.js'], image, 'first');
    await on(process.execPath, ['dist/main.js'], image, 'restart');
    await on('npm', ['start'], (port) => ({ ...jawab(port), HOME: process.env.HOME ?? '' }), 'npm');
    const otherDataDir = await freshDataDir();
    await on(process.execPath, ['dist/main.js'], (port) => jawabEnv(port, otherDataDir, sink.url), 'firstDefaultArenas');
  }
  await sink.close();
  const [bare, first, restart, npm, firstDefaultArenas] = [runs.bare!, runs.first!, runs.restart!, runs.npm!, runs.firstDefaultArenas!].map(medians);
  const row = (name: string, t: StartTiming) =>
    `| ${name} | ${t.healthMs.toFixed(0)} | ${(t.healthMs / bare!.healthMs).toFixed(2)} | ${t.readyMs.toFixed(0)} | ${t.rssMiB.toFixed(0)} |`;
  return [
    `| server (median of ${ROUNDS} starts, in turns) | to /healthz, ms | × bare Express | to /readyz, ms | RSS at ready, MiB |`,
    '| --- | ---: | ---: | ---: | ---: |',
    row('bare Express, plain JavaScript (baseline)', bare!),
    row(`\`node dist/main.js\`, first start (indexes ./knowledge), the image's MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX}`, first!),
    row(`\`node dist/main.js\`, restart (unchanged knowledge), MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX}`, restart!),
    row('`npm start`, restart (dist/ up to date; RSS: npm, sh and the server), glibc\'s default arenas', npm!),
    row("`node dist/main.js`, first start, glibc's default arenas (a clone run without the image's setting)", firstDefaultArenas!),
    '',
    `Cold start of \`node dist/main.js\` offline: **${first!.healthMs.toFixed(0)} ms** to /healthz on a first start, **${restart!.healthMs.toFixed(0)} ms** on a ` +
      `restart (target ≤ 1,500 ms); RSS at ready **${first!.rssMiB.toFixed(0)} MiB** / **${restart!.rssMiB.toFixed(0)} MiB** (target ≤ 120 MiB). ` +
      `\`npm start\` adds npm's own start to the same server: ${(npm!.healthMs - restart!.healthMs).toFixed(0)} ms.`,
  ];
}
