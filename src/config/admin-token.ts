// ADMIN_TOKEN: from the environment, else the one generated on the first start and kept in DATA_DIR (owner-only).
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function resolveAdminToken(dataDir: string, fromEnv: string | undefined): Promise<{ token: string; generated: boolean }> {
  if (fromEnv) return { token: fromEnv, generated: false };
  const file = join(dataDir, 'admin-token');
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored) return { token: stored, generated: false };
  } catch {
    // Not there yet: first start.
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(24).toString('base64url');
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  // `mode` applies only to a new file: an empty one left behind keeps its permissions otherwise.
  await chmod(file, 0o600);
  return { token, generated: true };
}
