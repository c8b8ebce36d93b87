// A start with many stored conversations: 300,000 conversation files (resolved, nothing left to do) against 1,000,
// each data folder with the same 10 conversations that have work (a reply timer), restarted in turns: time to
// /healthz and /readyz and RSS at ready, as ratios of the 1,000-conversation start in the same run. A start reads
// only the conversations with work, so the files of the others should cost it nothing.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings } from '../src/config/settings.js';
import { initialState, type ConversationState } from '../src/engine/state.js';
import type { ConversationRecord } from '../src/store/types.js';
import { freePort, REPO_DIR } from '../test/helpers/child.js';
import { jawabEnv } from './processes.js';
import { startSink } from './sink.js';
import { medians, type StartTiming, timeStart } from './start-timing.js';

const SIZES = [1_000, 300_000];
const ACTIVE = 10;
const ROUNDS = 3;
/** Files written at once while the folders are made. */
const WRITING = 64;

/** A resolved conversation as Jawab leaves it: a short exchange, its audit trail, no work. */
function resolvedRecord(conversationId: number, at: number): ConversationRecord {
  const state: ConversationState = {
    ...initialState({ accountId: 1, inboxId: 3, conversationId }, at),
    status: 'resolved',
    botReplies: 1,
    transcript: [
      { role: 'customer', text: 'Halo kak, kemeja batik mega mendung ukuran XL masih ada?', at },
      { role: 'bot', text: 'Halo kak! Kemeja batik mega mendung ukuran XL masih tersedia, harganya Rp 285.000.', at: at + 1500 },
      { role: 'customer', text: 'Oke makasih kak', at: at + 60_000 },
    ],
    audit: [
      { at: at + 1500, what: 'reply', why: 'answered from knowledge (offline)' },
      { at: at + 1700, what: 'applied reply', why: 'message 101' },
      { at: at + 3_600_000, what: 'session ended', why: 'resolved' },
    ],
  };
  return { state, outbox: [], seen: {}, nextActionId: 2, touchedAt: at + 3_600_000 };
}

async function dataFolder(conversations: number): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), `jawab-bench-stored-${conversations}-`));
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(defaultSettings()));
  const folder = join(dataDir, 'conversations');
  await mkdir(folder);
  await mkdir(join(dataDir, 'active'));
  const at = Date.now() - 24 * 60 * 60 * 1000;
  for (let first = 1; first <= conversations; first += WRITING) {
    const ids = Array.from({ length: Math.min(WRITING, conversations - first + 1) }, (_, i) => first + i);
    await Promise.all(ids.map((id) => writeFile(join(folder, `3-${id}.json`), JSON.stringify(resolvedRecord(id, at)))));
  }
  // The conversations a restart must resume: a customer message waiting on a day-long reply delay.
  for (let id = conversations + 1; id <= conversations + ACTIVE; id++) {
    const record = resolvedRecord(id, at);
    record.state = { ...record.state!, status: 'pending', timers: { reply: Date.now() + 24 * 60 * 60 * 1000 } };
    await writeFile(join(folder, `3-${id}.json`), JSON.stringify(record));
    await writeFile(join(dataDir, 'active', `3-${id}`), '');
  }
  return dataDir;
}

export async function measureStoredConversations(): Promise<string[]> {
  const sink = await startSink();
  const folders = new Map<number, string>();
  for (const size of SIZES) folders.set(size, await dataFolder(size));
  const start = async (size: number) => {
    const port = await freePort();
    const env = jawabEnv(port, folders.get(size)!, sink.url);
    return timeStart(() => spawn(process.execPath, ['dist/main.js'], { cwd: REPO_DIR, env, stdio: 'ignore', detached: true }), `http://127.0.0.1:${port}`);
  };
  // A first start on each builds its knowledge index; the restarts after it are measured, in turns.
  for (const size of SIZES) await start(size);
  const runs = new Map<number, StartTiming[]>(SIZES.map((size) => [size, []]));
  for (let round = 0; round < ROUNDS; round++) for (const size of SIZES) runs.get(size)!.push(await start(size));
  await sink.close();
  for (const folder of folders.values()) await rm(folder, { recursive: true, force: true });

  const base = medians(runs.get(SIZES[0]!)!);
  const rows = SIZES.map((size) => {
    const t = medians(runs.get(size)!);
    return `| ${size.toLocaleString('en')} | ${t.healthMs.toFixed(0)} | ${t.readyMs.toFixed(0)} | ${(t.readyMs / base.readyMs).toFixed(2)} | ${t.rssMiB.toFixed(0)} | ${(t.rssMiB / base.rssMiB).toFixed(2)} |`;
  });
  const big = medians(runs.get(SIZES.at(-1)!)!);
  return [
    `| stored conversations (+${ACTIVE} with work) | to /healthz, ms | to /readyz, ms | × ${SIZES[0]!.toLocaleString('en')} | RSS at ready, MiB | × ${SIZES[0]!.toLocaleString('en')} |`,
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `With ${SIZES.at(-1)!.toLocaleString('en')} stored conversations a restart takes **${(big.readyMs / base.readyMs).toFixed(2)}×** the time to /readyz and ` +
      `**${(big.rssMiB / base.rssMiB).toFixed(2)}×** the memory of one with ${SIZES[0]!.toLocaleString('en')} (target ≤ 1.1× each); median of ${ROUNDS} restarts each, in turns.`,
  ];
}
