// lowdb rewrites a whole file on every write: a conversation's file must stay the same size however long it runs.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJawab } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { silentLogger } from '../src/log.js';
import { fixedAnswerer } from '../test/helpers/answerers.js';

const fixed = fixedAnswerer('A fixed answer of ordinary length for this measurement.');

export async function measureHotFile(): Promise<string[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jawab-hot-'));
  const jawab = await createJawab(loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: 'bench-admin-token-00000000' }), silentLogger, { answerer: fixed });
  await jawab.settings.put({ defaultProfile: { replyDelaySeconds: 0 } });
  await jawab.ready;
  const sandbox = jawab.sandbox!;
  const c = sandbox.startConversation({ name: 'Long talker' });
  const file = join(dataDir, 'conversations', `${c.inboxId}-${c.id}.json`);
  const rows = ['| messages in the conversation | file size (bytes) | ms per message since the row before |', '| ---: | ---: | ---: |'];
  let sent = 0;
  for (const mark of [10, 100, 1000, 3000]) {
    const from = sent;
    const started = performance.now();
    while (sent < mark) {
      await sandbox.customerSays(c.id, `Message number ${sent} with some words in it`);
      // Wait for the reply and its echo webhook, as a customer waiting for an answer would.
      do {
        await sandbox.settled();
        await jawab.engine.idle();
      } while (jawab.engine.busy || sandbox.deliveriesInFlight);
      sent++;
    }
    rows.push(`| ${mark} | ${(await stat(file)).size} | ${((performance.now() - started) / (mark - from)).toFixed(2)} |`);
  }
  await jawab.close();
  await rm(dataDir, { recursive: true, force: true });
  rows.push('', 'Each message is a customer message and a bot reply (two webhooks, several writes). The file is bounded by the transcript (30 lines), the audit trail (60 entries) and the ids seen in the last 24 h.');
  return rows;
}
