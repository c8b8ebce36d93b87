// The intake journal: an append resolves only once its entry is in the file, without a close (a process killed right
// after acknowledging loses nothing), entries appended together share one write, and a restart replays in order.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../src/engine/events.js';
import { silentLogger } from '../../src/log.js';
import { Journal, type JournalEntry, journalEntryShape } from '../../src/store/journal.js';

let dataDir: string;
const open: Journal[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'jawab-journal-'));
});

afterEach(async () => {
  for (const journal of open.splice(0)) await journal.close();
  await rm(dataDir, { recursive: true, force: true });
});

const entry = (messageId: number): JournalEntry => {
  const event: MessageEvent = {
    kind: 'message',
    ref: { accountId: 1, inboxId: 3, conversationId: 42 },
    conversation: { status: 'pending', labels: [], assigneeId: null, teamId: null, updatedAt: 0 },
    messageId,
    author: 'contact',
    private: false,
    text: `message ${messageId}`,
    attachmentCount: 0,
    createdAt: 0,
    dedupeKey: `m:${messageId}`,
  };
  return { event, deliveryId: `d-${messageId}` };
};

const openJournal = async (segmentEntries?: number) => {
  const opened = await Journal.open(dataDir, { segmentEntries, shape: journalEntryShape });
  open.push(opened.journal);
  return opened;
};

const messageIds = (entries: JournalEntry[]) => entries.map((e) => (e.event.kind === 'message' ? e.event.messageId : -1));

describe('the intake journal', () => {
  it('has every entry in its file once its append resolves, and hands them back in order after a restart', async () => {
    const { journal } = await openJournal();
    // Appended in one turn of the event loop, like deliveries read together: one write for all of them.
    await Promise.all([1, 2, 3].map((id) => journal.append(entry(id))));
    await journal.append(entry(4));
    const [file] = await readdir(join(dataDir, 'journal'));
    const lines = (await readFile(join(dataDir, 'journal', file!), 'utf8')).split('\n').filter(Boolean);
    expect(lines.map((l) => (JSON.parse(l) as JournalEntry).deliveryId)).toEqual(['d-1', 'd-2', 'd-3', 'd-4']);

    // No close: the process died after acknowledging.
    const { recovered } = await openJournal();
    expect(messageIds(recovered)).toEqual([1, 2, 3, 4]);
  });

  it('replays only what was not released, across segments, and deletes a segment once all of it is released', async () => {
    const { journal } = await openJournal(2);
    const tickets = await Promise.all([1, 2].map((id) => journal.append(entry(id))));
    await journal.append(entry(3));
    for (const ticket of tickets) journal.release(ticket);
    await new Promise((r) => setTimeout(r, 50));
    expect(await readdir(join(dataDir, 'journal'))).toEqual(['00000002.jsonl']);
    const { recovered } = await openJournal(2);
    expect(messageIds(recovered)).toEqual([3]);
  });

  it('has deleted a released segment once close resolves, so a journal opened next on the folder does not list it', async () => {
    const { journal } = await openJournal(2);
    const tickets = await Promise.all([1, 2].map((id) => journal.append(entry(id))));
    await journal.append(entry(3));
    for (const ticket of tickets) journal.release(ticket);
    await journal.close();
    // No wait: opened right after the close, as a store reopened in the same process is.
    expect(await readdir(join(dataDir, 'journal'))).toEqual(['00000002.jsonl']);
    const { recovered } = await openJournal(2);
    expect(messageIds(recovered)).toEqual([3]);
  });
});

describe('a journal line that is not an event', () => {
  it('is moved aside with a warning naming the file and line, and the events around it are recovered', async () => {
    const first = await openJournal();
    await first.journal.append(entry(1));
    await first.journal.close();
    const [segment] = (await readdir(join(dataDir, 'journal'))).filter((f) => f.endsWith('.jsonl'));
    const file = join(dataDir, 'journal', segment!);
    const { appendFile } = await import('node:fs/promises');
    await appendFile(file, `{}\n{"event": {"kind": "message"}}\n${JSON.stringify(entry(2))}\n`);

    const warnings: string[] = [];
    const log = { ...silentLogger, warn: (msg: string) => warnings.push(msg) };
    const opened = await Journal.open(dataDir, { shape: journalEntryShape, log });
    open.push(opened.journal);
    expect(messageIds(opened.recovered)).toEqual([1, 2]);
    expect(warnings).toEqual([
      `${file} line 2 is not an accepted event (event: Invalid input: expected object, received undefined): moved aside to ${file}.rejected`,
      `${file} line 3 is not an accepted event (event.ref: Invalid input: expected object, received undefined): moved aside to ${file}.rejected`,
    ]);
    expect(await readFile(`${file}.rejected`, 'utf8')).toBe('{}\n{"event": {"kind": "message"}}\n');
  });
});
