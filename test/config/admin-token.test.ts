// The admin token (SPEC 2): without ADMIN_TOKEN, the first start generates one, prints it once and keeps it in
// DATA_DIR/admin-token for the owner only; the next start reuses it and prints nothing. Real `src/main.ts` processes.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAdminToken } from '../../src/config/admin-token.js';
import { freePort, startJawabProcess } from '../helpers/child.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs('jawab-token-');

/** A knowledge folder of one file, so each start indexes quickly. */
async function tinyKnowledge(): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'hours.md'), '# Opening hours\n\nThe shop is open from 9:00 to 17:00, Monday to Friday.\n');
  return dir;
}

const PRINTED = /Admin token \(keep it; shown once\): ([A-Za-z0-9_-]+)\n/;

async function settingsStatus(url: string, token: string): Promise<number> {
  return (await fetch(`${url}/api/settings`, { headers: { authorization: `Bearer ${token}` } })).status;
}

describe('the generated admin token', () => {
  it('is printed once on the first start, stored owner-only, and reused silently on the next', async () => {
    const dataDir = join(await tempDir(), 'data');
    const env = { DATA_DIR: dataDir, KNOWLEDGE_DIR: await tinyKnowledge() };

    const first = await startJawabProcess(env, await freePort());
    let token: string;
    try {
      const printed = PRINTED.exec(first.output());
      expect(printed, first.output()).not.toBeNull();
      token = printed![1]!;
      expect(token).toHaveLength(32); // 24 random bytes, base64url
      expect(first.output().match(/Admin token/g)).toHaveLength(1);
      expect(await readFile(join(dataDir, 'admin-token'), 'utf8')).toBe(`${token}\n`);
      expect((await stat(join(dataDir, 'admin-token'))).mode & 0o777).toBe(0o600);
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      expect(await settingsStatus(first.url, token)).toBe(200);
      expect(await settingsStatus(first.url, 'not-the-token-0123456789')).toBe(401);
    } finally {
      await first.stop();
    }

    const second = await startJawabProcess(env, await freePort());
    try {
      expect(second.output()).not.toContain('Admin token');
      expect(second.output()).not.toContain(token);
      expect(await settingsStatus(second.url, token)).toBe(200);
      expect(await readFile(join(dataDir, 'admin-token'), 'utf8')).toBe(`${token}\n`);
    } finally {
      await second.stop();
    }
    expect(second.output()).not.toContain(token);
  });

  it('is not generated, stored or printed when ADMIN_TOKEN is set', async () => {
    const dataDir = await tempDir();
    const child = await startJawabProcess({ DATA_DIR: dataDir, KNOWLEDGE_DIR: await tinyKnowledge(), ADMIN_TOKEN: 'from-the-environment-0123' }, await freePort());
    try {
      expect(child.output()).not.toContain('Admin token');
      expect(await settingsStatus(child.url, 'from-the-environment-0123')).toBe(200);
      await expect(stat(join(dataDir, 'admin-token'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await child.stop();
    }
  });
});

describe('resolveAdminToken', () => {
  it('prefers the environment, then the stored token, and generates one only when neither is there', async () => {
    const dataDir = join(await tempDir(), 'nested', 'data');
    expect(await resolveAdminToken(dataDir, 'env-token-0123456789')).toEqual({ token: 'env-token-0123456789', generated: false });
    const generated = await resolveAdminToken(dataDir, undefined);
    expect(generated).toEqual({ token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), generated: true });
    expect(await resolveAdminToken(dataDir, undefined)).toEqual({ token: generated.token, generated: false });
    // Two starts never share a token by chance.
    const other = await tempDir();
    expect((await resolveAdminToken(other, undefined)).token).not.toBe(generated.token);
  });

  it('replaces an empty token file and keeps it owner-only', async () => {
    const dataDir = await tempDir();
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'admin-token'), '\n', { mode: 0o644 });
    const resolved = await resolveAdminToken(dataDir, undefined);
    expect(resolved.generated).toBe(true);
    expect(await readFile(join(dataDir, 'admin-token'), 'utf8')).toBe(`${resolved.token}\n`);
    expect((await stat(join(dataDir, 'admin-token'))).mode & 0o777).toBe(0o600);
  });
});
