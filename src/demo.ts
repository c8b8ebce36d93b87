// npm run demo: a scripted conversation through the full engine against the sandbox helpdesk, printing the
// transcript and every action Jawab takes. An English and an Indonesian customer as they write in chat: greetings,
// a question answered from knowledge and its follow-up, a question it cannot answer, thanks, and a request for a human.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJawab, type Jawab } from './app.js';
import type { HelpdeskPort } from './chatwoot/port.js';
import { SandboxHelpdesk } from './chatwoot/sandbox.js';
import { loadConfig } from './config/env.js';
import { defaultSettings } from './config/settings.js';
import { createLogger } from './log.js';

const SCRIPT: Array<{ customer: string; says: string[] }> = [
  { customer: 'Maria (web chat, English)', says: ['Hi!', 'How long does delivery to Surabaya take?'] },
  { customer: 'Maria (web chat, English)', says: ['and to Medan?'] },
  { customer: 'Maria (web chat, English)', says: ['Do you sell gift cards for Steam games?'] },
  { customer: 'Budi (WhatsApp, Indonesian)', says: ['P', 'halo kak mau tanya', 'cara pengembalian barang gimana ya?'] },
  { customer: 'Budi (WhatsApp, Indonesian)', says: ['oke makasih kak'] },
  { customer: 'Budi (WhatsApp, Indonesian)', says: ['mau bicara dengan CS aja deh'] },
];

/** Wraps the helpdesk port so every call Jawab makes is printed as it happens. */
function printing(port: HelpdeskPort): HelpdeskPort {
  return new Proxy(port, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        const shown = args.filter((a) => a !== undefined && !(typeof a === "object" && a && "conversationId" in a)).map((a) => JSON.stringify(a instanceof Map ? [...a] : a));
        console.log(`      action  ${name}(${shown.join(', ')})`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function quiet(jawab: Jawab, sandbox: SandboxHelpdesk): Promise<void> {
  // Quiet: no webhook in flight, nothing processing, no timer waiting, all checked at one moment.
  for (;;) {
    await sandbox.settled();
    await jawab.engine.idle();
    await new Promise((r) => setTimeout(r, 50));
    if (!jawab.engine.busy && jawab.engine.pendingTimers === 0 && !sandbox.deliveriesInFlight) return;
  }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jawab-demo-'));
  const settings = defaultSettings();
  settings.defaultProfile.replyDelaySeconds = 1;
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(settings));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, CHATWOOT_URL: undefined, ADMIN_TOKEN: 'demo-admin-token-0000000' });
  const sandbox = new SandboxHelpdesk();
  const jawab = await createJawab(config, createLogger('warn'), { helpdesk: printing(sandbox) });
  sandbox.connect((body, id) => jawab.intake.receive(body, id));
  await jawab.ready;
  console.log(`Jawab demo: ${config.openai ? `model ${config.openai.model}` : 'offline mode (no OPENAI_API_KEY)'}, sandbox helpdesk, reply delay 1 s\n`);

  const conversations = new Map<string, number>();
  for (const step of SCRIPT) {
    const id = conversations.get(step.customer) ?? sandbox.startConversation({ name: step.customer.split(' ')[0]! }).id;
    conversations.set(step.customer, id);
    const seen = sandbox.conversation(id).messages.length;
    for (const text of step.says) {
      console.log(`  ${step.customer} #${id}: ${text}`);
      await sandbox.customerSays(id, text);
    }
    await quiet(jawab, sandbox);
    const c = sandbox.conversation(id);
    for (const m of c.messages.slice(seen + step.says.length)) {
      console.log(m.private ? `  [private note for the agent]\n${indent(m.content)}` : `  Jawab: ${m.content}`);
    }
    console.log(`  -> status ${c.status}, labels [${c.labels.join(', ')}], assignee ${c.assigneeId ?? 'none'}\n`);
  }
  await jawab.close();
  await rm(dataDir, { recursive: true, force: true });
}

const indent = (text: string) => text.split('\n').map((l) => `      ${l}`).join('\n');

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
