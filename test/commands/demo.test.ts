// `npm run demo` as a user runs it: a child process through the full engine against the sandbox helpdesk. The
// transcript shows a greeting with a question answered from knowledge, a follow-up, the question it cannot answer
// handed off with a note, thanks answered, and the request for a human handed off; the exit code is 0.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_DIR, runScript } from '../helpers/child.js';

describe('npm run demo', () => {
  it('is wired to src/demo.ts', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.demo).toBe('tsx src/demo.ts');
  });

  it('answers, hands off what it cannot answer, hands off on request, and exits 0', async () => {
    const run = await runScript('src/demo.ts', [], {}, 55_000);
    expect(run.code, run.stderr).toBe(0);
    // The header, then one block per scripted step.
    const [header, answered, followUp, unanswered, indonesian, thanks, human, ...rest] = run.stdout.trimEnd().split('\n\n');
    expect(rest).toEqual([]);
    expect(header).toBe('Jawab demo: offline mode (no OPENAI_API_KEY), sandbox helpdesk, reply delay 1 s');

    expect(answered).toContain('  Maria (web chat, English) #1: Hi!\n  Maria (web chat, English) #1: How long does delivery to Surabaya take?\n');
    expect(answered).toContain('  Jawab: Hi! Jakarta, Surabaya and the rest of Java: 2–3 working days.');
    expect(answered!.split('\n').at(-1)).toBe('  -> status pending, labels [], assignee none');

    expect(followUp).toContain('  Jawab: Medan — shipping cost per kg: Rp 35.000; delivery time: 3–5 working days.\n');

    expect(unanswered).toContain('  Maria (web chat, English) #1: Do you sell gift cards for Steam games?\n');
    expect(unanswered).toContain("  Jawab: Sorry, I couldn't find the answer to that in our information. I am passing you to a member of our team now.");
    expect(unanswered).toContain('  [private note for the agent]\n      Diserahkan ke tim: jawabannya tidak ada di pengetahuan.\n');
    expect(unanswered).toContain('      action  setLabels(["jawab-handoff"])\n');
    expect(unanswered!.split('\n').at(-1)).toBe('  -> status open, labels [jawab-handoff], assignee 1');

    expect(indonesian).toContain('  Jawab: Halo kak!\n1. Kirimkan nomor pesanan dan alasan pengembalian melalui WhatsApp atau email.\n2. Kami membalas');
    expect(indonesian!.split('\n').at(-1)).toBe('  -> status pending, labels [], assignee none');

    expect(thanks).toContain('  Jawab: Sama-sama, kak! Kalau ada yang ingin ditanyakan lagi, silakan chat saja ya.\n');

    expect(human).toContain('  Budi (WhatsApp, Indonesian) #2: mau bicara dengan CS aja deh\n');
    expect(human).toContain('  Jawab: Saya sambungkan Anda dengan tim kami sekarang ya.');
    expect(human).toContain('  [private note for the agent]\n      Diserahkan ke tim: pelanggan minta bicara dengan orang.\n');
    expect(human!.split('\n').at(-1)).toBe('  -> status open, labels [jawab-handoff], assignee 2');
  }, 60_000);
});
