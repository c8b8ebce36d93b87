// Configuration errors that stop the start with one line naming the variable (SPEC 2): a webhook secret is required
// with CHATWOOT_URL (unless unsigned deliveries are allowed), and PORT must be a port number. In-process through the
// loader, and through a real `src/main.ts` whose whole stderr is that one line.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { defaultSettings } from '../../src/config/settings.js';
import { freePort, REPO_DIR, runScript, startJawabProcess } from '../helpers/child.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const CHATWOOT = { CHATWOOT_URL: 'http://127.0.0.1:9', CHATWOOT_BOT_TOKEN: 'bot', CHATWOOT_API_TOKEN: 'user' };
const NO_SECRET = 'configuration error: CHATWOOT_WEBHOOK_SECRET is required with CHATWOOT_URL (or set ALLOW_UNSIGNED_WEBHOOKS=true to accept unsigned deliveries)';
const BAD_PORT = 'configuration error: PORT must be a port number';

describe('the webhook secret', () => {
  it('is required with CHATWOOT_URL', () => {
    expect(() => loadConfig(CHATWOOT)).toThrow(new Error(NO_SECRET));
    expect(() => loadConfig({ ...CHATWOOT, CHATWOOT_WEBHOOK_SECRET: '' })).toThrow(new Error(NO_SECRET));
    expect(() => loadConfig({ ...CHATWOOT, ALLOW_UNSIGNED_WEBHOOKS: 'false' })).toThrow(new Error(NO_SECRET));
  });

  it('may be left out when unsigned deliveries are allowed, or without Chatwoot', () => {
    expect(loadConfig({ ...CHATWOOT, ALLOW_UNSIGNED_WEBHOOKS: 'true' })).toMatchObject({ webhookSecret: undefined, allowUnsignedWebhooks: true });
    expect(loadConfig({ ...CHATWOOT, ALLOW_UNSIGNED_WEBHOOKS: '1' }).allowUnsignedWebhooks).toBe(true);
    expect(loadConfig({})).toMatchObject({ chatwoot: undefined, webhookSecret: undefined, allowUnsignedWebhooks: false });
  });

  it('names ALLOW_UNSIGNED_WEBHOOKS when its value is not a boolean', () => {
    expect(() => loadConfig({ ...CHATWOOT, ALLOW_UNSIGNED_WEBHOOKS: 'yes' })).toThrow(/^configuration error: ALLOW_UNSIGNED_WEBHOOKS /);
  });
});

describe('PORT', () => {
  it.each(['abc', '70000', '65536', '-1', '3000.5', ' ', '0x10', '1e3', '80 80'])('refuses %j', (PORT) => {
    expect(() => loadConfig({ PORT })).toThrow(new Error(BAD_PORT));
  });

  it.each([
    [{}, 3000],
    [{ PORT: '' }, 3000],
    [{ PORT: '8080' }, 8080],
    [{ PORT: ' 8081 ' }, 8081],
    [{ PORT: '0' }, 0],
    [{ PORT: '65535' }, 65_535],
  ])('takes %o as %i', (env, port) => {
    expect(loadConfig(env).port).toBe(port);
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    [{}, false],
    [{ TRUST_PROXY: 'false' }, false],
    [{ TRUST_PROXY: 'true' }, true],
    [{ TRUST_PROXY: '2' }, 2],
    [{ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.168.1.4' }, ['loopback', '10.0.0.0/8', 'fd00::/8', '192.168.1.4']],
  ])('takes %o as %o', (env, trust) => {
    expect(loadConfig(env).trustProxy).toEqual(trust);
  });

  it.each([
    ['yes', ''],
    ['10.0.0.300', '; "10.0.0.300" is none of these'],
    ['10.0.0.0/33', '; "10.0.0.0/33" is none of these'],
    ['loopback,proxy.internal', '; "proxy.internal" is none of these'],
    [',', ''],
  ])('refuses %j with one line', (TRUST_PROXY, bad) => {
    const why = 'must be true, false, a number of proxies, or addresses and CIDR ranges separated by commas (loopback, linklocal and uniquelocal name the usual ones)';
    expect(() => loadConfig({ TRUST_PROXY })).toThrow(new Error(`configuration error: TRUST_PROXY ${why}${TRUST_PROXY === 'yes' ? '; "yes" is none of these' : bad}`));
  });
});

describe('ALLOWED_PRIVATE_HOSTS', () => {
  it('takes hosts, addresses and ranges with an optional port, and names an entry it cannot read', () => {
    expect(loadConfig({ ALLOWED_PRIVATE_HOSTS: 'wiki.internal:8080, 10.0.0.0/8:*,[fd00::5]:443,fd00::/8' }).allowPrivateHosts).toEqual(['wiki.internal:8080', '10.0.0.0/8:*', '[fd00::5]:443', 'fd00::/8']);
    expect(() => loadConfig({ ALLOWED_PRIVATE_HOSTS: 'wiki.internal:http' })).toThrow(
      new Error('configuration error: ALLOWED_PRIVATE_HOSTS has "wiki.internal:http", which is not a host, address or CIDR range with an optional :port (e.g. wiki.internal:8080, [fd00::5]:443, 10.0.0.0/8:*)'),
    );
    expect(() => loadConfig({ ALLOWED_PRIVATE_HOSTS: '10.0.0.0/40' })).toThrow(/ALLOWED_PRIVATE_HOSTS has "10.0.0.0\/40"/);
  });
});

describe('the HTTP limits', () => {
  it('default to sizes for webhooks, and refuse a head timeout longer than the request timeout', () => {
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 5_000, maxConnections: 500, maxRequestsPerSocket: 1_000 });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toThrow(
      new Error('configuration error: HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS (the head is part of the request)'),
    );
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: '0' })).toThrow(/^configuration error: HTTP_MAX_CONNECTIONS /);
  });
});

describe('the start stops with the one line', () => {
  it.each([
    ['no webhook secret', { ...CHATWOOT, ADMIN_TOKEN: 'an-admin-token-0123456789' }, NO_SECRET],
    ['a bad PORT', { PORT: 'eighty', ADMIN_TOKEN: 'an-admin-token-0123456789' }, BAD_PORT],
  ])('%s', async (_what, env, line) => {
    const run = await runScript('src/main.ts', [], { ...env, DATA_DIR: '/nonexistent/jawab-never-created' });
    expect(run).toEqual({ code: 1, stdout: '', stderr: `${line}\n` });
  });
});

describe('a settings.json that cannot be used stops the start with one line naming it, and is never replaced by defaults', () => {
  const dirs = tempDirs('jawab-start-');
  const env = (dataDir: string) => ({ DATA_DIR: dataDir, KNOWLEDGE_DIR: join(REPO_DIR, 'knowledge'), ADMIN_TOKEN: 'an-admin-token-0123456789', PORT: '0' });
  const HINT = 'fix it, or put back the last published version with: npm run restore-settings';

  it.each([
    // Node's own words for the JSON error (its later versions add the line and column).
    ['cut in half', '{"enabled": true, "defaultProf', (file: string) => expect.stringMatching(new RegExp(`^${escape(file)} is not valid JSON \\(Unterminated string in JSON at position 30.*\\); ${escape(HINT)}$`))],
    ['empty', '', (file: string) => `${file} is not valid JSON (the file is empty); ${HINT}`],
    ['a field at the wrong level', '{"persona": {"tone": "casual"}}', (file: string) => `${file} is not valid settings: persona: unknown field; ${HINT}`],
    ['a wrong value', '{"defaultProfile": {"persona": {"tone": "rude"}}}', (file: string) => `${file} is not valid settings: defaultProfile.persona.tone: Invalid option: expected one of "casual"|"friendly"|"professional"; ${HINT}`],
  ])('%s', async (_what, content, line) => {
    const dataDir = await dirs();
    const file = join(dataDir, 'settings.json');
    await writeFile(file, content);
    const run = await runScript('src/main.ts', [], env(dataDir));
    expect(run).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/^Jawab could not start: [^\n]*\n$/) });
    expect(run.stderr.slice('Jawab could not start: '.length, -1)).toEqual(line(file));
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('a missing settings.json where Jawab kept settings before, and restore-settings puts back the last good version', async () => {
    const dataDir = await dirs();
    const settings = defaultSettings();
    settings.defaultProfile.persona.dontMention = ['competitor'];
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
    const first = await startJawabProcess(env(dataDir), await freePort());
    await first.stop();
    await rm(join(dataDir, 'settings.json'));

    const run = await runScript('src/main.ts', [], env(dataDir));
    const file = join(dataDir, 'settings.json');
    const marker = join(dataDir, 'settings.kept');
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `Jawab could not start: ${file} is missing, but Jawab kept its settings there before (${marker}); put back the last published version with: npm run restore-settings, or delete ${marker} to start on the defaults\n`,
    });

    const restored = await runScript('src/store/restore-settings-cli.ts', [], env(dataDir));
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(new RegExp(`^restored version 1 \\(published \\S+ via found at start\\) into ${escape(file)}\\n$`));
    const again = await startJawabProcess(env(dataDir), await freePort());
    await again.stop();
    expect(JSON.parse(await readFile(file, 'utf8')).defaultProfile.persona.dontMention).toEqual(['competitor']);
    // Two or three starts of a real process: slow on a loaded machine.
  }, 60_000);

  it('restore-settings keeps the broken file beside the restored one', async () => {
    const dataDir = await dirs();
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify(defaultSettings()));
    const first = await startJawabProcess(env(dataDir), await freePort());
    await first.stop();
    await writeFile(join(dataDir, 'settings.json'), '{"enabled": tru');
    const restored = await runScript('src/store/restore-settings-cli.ts', [], env(dataDir));
    expect(restored.stdout).toMatch(/; the file it replaced is kept as .*settings\.json\.broken-\S+\n$/);
    const aside = (await readdir(dataDir)).filter((name) => name.startsWith('settings.json.broken-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dataDir, aside[0]!), 'utf8')).toBe('{"enabled": tru');
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual(defaultSettings());
    // Two or three starts of a real process: slow on a loaded machine.
  }, 60_000);
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a derived or rebuildable file that cannot be used is moved aside with a warning, and the start goes on', () => {
  const dirs = tempDirs('jawab-side-');
  const env = (dataDir: string) => ({ DATA_DIR: dataDir, KNOWLEDGE_DIR: join(REPO_DIR, 'knowledge'), ADMIN_TOKEN: 'an-admin-token-0123456789' });

  it.each([
    ['analytics.json', '{"days": {"2026-01-01": {"3": {"taken": "many"}}}', 'is not valid JSON', 'the analytics start again from empty counters'],
    ['analytics.json', '{"days": []}', 'is not an analytics file: days: Invalid input: expected record, received array', 'the analytics start again from empty counters'],
    ['round-robin.json', 'garbage', 'is not valid JSON', 'round robin starts again from the first online agent'],
    ['round-robin.json', '{"1:all": "seven"}', 'is not a round-robin file: 1:all: Invalid input: expected number, received string', 'round robin starts again from the first online agent'],
    ['settings-draft.json', '{"draft": {"enabled": "yes"}}', 'is not a valid draft: draft.enabled: Invalid input: expected boolean, received string', 'starting without a draft'],
    ['settings-history.json', '{"versions": 3}', 'is not a settings history: versions: Invalid input: expected array, received number', 'the history starts again from the settings found at start'],
  ])('%s holding %s', async (name, content, problem, outcome) => {
    const dataDir = await dirs();
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify(defaultSettings()));
    await writeFile(join(dataDir, name), content);
    const jawab = await startJawabProcess(env(dataDir), await freePort());
    await jawab.stop();
    const file = join(dataDir, name);
    const aside = (await readdir(dataDir)).filter((n) => n.startsWith(`${name}.broken-`));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dataDir, aside[0]!), 'utf8')).toBe(content);
    const warning = jawab.output().split('\n').find((line) => line.includes(file));
    expect(JSON.parse(warning!)).toMatchObject({ level: 'warn', msg: expect.stringMatching(new RegExp(`^${escape(`${file} ${problem}`)}.*: moved aside to ${escape(join(dataDir, aside[0]!))}; ${outcome}$`)) });
  });

  it('a {} line in the journal', async () => {
    const dataDir = await dirs();
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify(defaultSettings()));
    await mkdir(join(dataDir, 'journal'));
    await writeFile(join(dataDir, 'journal', '00000001.jsonl'), '{}\n');
    const jawab = await startJawabProcess(env(dataDir), await freePort());
    await jawab.stop();
    const file = join(dataDir, 'journal', '00000001.jsonl');
    expect(jawab.output()).toContain(`${file} line 1 is not an accepted event (event: Invalid input: expected object, received undefined): moved aside to ${file}.rejected`);
    expect(await readFile(`${file}.rejected`, 'utf8')).toBe('{}\n');
  });
});
