// `npm run install-plugin -- --account N --url https://jawab.example.com [--inboxes 1,2] [--reset-secret]`
// with CHATWOOT_URL and CHATWOOT_API_TOKEN (an administrator's) in the environment; ADMIN_TOKEN (or the one kept in
// DATA_DIR) signs the dashboard app link. Prints what it did and the values Jawab needs.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ChatwootAdminClient } from '../chatwoot/admin-client.js';
import { resolveAdminToken } from '../config/admin-token.js';
import { AppLinks } from '../web/app-link.js';
import { install } from './install.js';

const USAGE = 'usage: npm run install-plugin -- --account <id> --url <Jawab public URL> [--inboxes 1,2] [--reset-secret]\n' +
  'environment: CHATWOOT_URL, CHATWOOT_API_TOKEN (administrator), ADMIN_TOKEN or DATA_DIR';

export async function main(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { account: { type: 'string' }, url: { type: 'string' }, inboxes: { type: 'string' }, 'reset-secret': { type: 'boolean' } } });
  const account = Number(values.account);
  const jawabUrl = values.url ?? env['JAWAB_URL'];
  const inboxIds = (values.inboxes ?? '').split(',').filter(Boolean).map(Number);
  const problems = [
    !Number.isSafeInteger(account) || account <= 0 ? '--account must be a Chatwoot account id' : '',
    !jawabUrl || !/^https?:\/\/[^/]+/.test(jawabUrl) ? '--url must be the URL Chatwoot reaches Jawab at, e.g. https://jawab.example.com' : '',
    inboxIds.some((id) => !Number.isSafeInteger(id) || id <= 0) ? '--inboxes must be inbox ids separated by commas' : '',
    env['CHATWOOT_URL'] ? '' : 'CHATWOOT_URL is not set',
    env['CHATWOOT_API_TOKEN'] ? '' : "CHATWOOT_API_TOKEN is not set (an administrator's access token)",
  ].filter(Boolean);
  if (problems.length) {
    for (const p of problems) out(`install-plugin: ${p}`);
    out(USAGE);
    return 2;
  }
  const adminToken = await resolveAdminToken(env['DATA_DIR'] ?? './data', env['ADMIN_TOKEN']);
  const base = jawabUrl!.replace(/\/$/, '');
  const client = new ChatwootAdminClient(env['CHATWOOT_URL']!, env['CHATWOOT_API_TOKEN']!, account);
  const report = await install(client, {
    jawabUrl: base,
    inboxIds,
    dashboardAppUrl: base + new AppLinks(adminToken.token).accountLinkPath(account),
    resetSecret: values['reset-secret'] === true,
  });
  for (const line of report.lines) out(`- ${line}`);
  out(report.changed ? 'done.' : 'nothing to change.');
  if (report.botToken) out(`CHATWOOT_BOT_TOKEN=${report.botToken}`);
  if (report.secret) out(`CHATWOOT_WEBHOOK_SECRET=${report.secret}   (new: set it where Jawab runs)`);
  if (adminToken.generated) out(`A new admin token was generated and kept in ${env['DATA_DIR'] ?? './data'}/admin-token: start Jawab with the same DATA_DIR.`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`))
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      process.stderr.write(`install-plugin failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
