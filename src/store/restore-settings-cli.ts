// `npm run restore-settings [-- <version>]` (in the container: `node dist/store/restore-settings-cli.js`): puts a
// published version from the settings history back into DATA_DIR/settings.json, for when the file was broken or
// deleted by hand and Jawab refuses to start. Without a version: the newest one that is valid. The file it replaces is
// kept beside it. Reads the same environment as Jawab (DATA_DIR; with REDIS_URL, the history shared in Redis).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { ConfigError, loadConfig } from '../config/env.js';
import { settingsSchema } from '../config/settings.js';
import { RedisSettingsHistory } from '../redis/shared-settings.js';
import { readJsonFile } from './json-file.js';
import { HISTORY_FILE, parseVersions } from './settings-history.js';
import { restoreSettingsFile } from './settings-store.js';

export async function main(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const wanted = argv[0] === undefined ? undefined : Number(argv[0]);
  if (wanted !== undefined && !Number.isSafeInteger(wanted)) {
    out('usage: npm run restore-settings [-- <version>]  (without a version: the newest valid one)');
    return 2;
  }
  const config = loadConfig(env);
  const redis = config.redis ? new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 }) : undefined;
  try {
    await redis?.connect();
    // Read only: a history file that cannot be used is reported, not moved aside as a start would.
    const historyFile = join(config.dataDir, HISTORY_FILE);
    const versions = redis ? await new RedisSettingsHistory(redis, config.redis!.prefix).list() : parseVersions((await readJsonFile(historyFile)) ?? { versions: [] }, historyFile);
    const chosen = versions.find((v) => (wanted === undefined ? settingsSchema.safeParse(v.settings).success : v.version === wanted));
    if (!chosen) {
      out(`restore-settings: ${wanted === undefined ? 'the settings history has no valid version' : `the settings history has no version ${wanted}`} (it has ${versions.map((v) => v.version).join(', ') || 'none'})`);
      return 1;
    }
    const { file, aside } = await restoreSettingsFile(config.dataDir, settingsSchema.parse(chosen.settings));
    out(`restored version ${chosen.version} (published ${new Date(chosen.at).toISOString()} via ${chosen.by.via}) into ${file}${aside ? `; the file it replaced is kept as ${aside}` : ''}`);
    return 0;
  } finally {
    redis?.disconnect();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`))
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      process.stderr.write(`restore-settings: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
