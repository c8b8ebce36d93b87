// When an event cannot be stored (here: a real ENOSPC from /dev/full), the webhook answers 500 so Chatwoot
// retries the agent-bot delivery, instead of 200 and a silent loss; the retry is not mistaken for a duplicate.
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { AcceptedEvent } from '../../src/engine/events.js';
import { Intake } from '../../src/intake/intake.js';
import { intakeRouter } from '../../src/intake/router.js';
import { silentLogger } from '../../src/log.js';
import { JournalQueue } from '../../src/store/journal-queue.js';
import { fixture, signDelivery } from '../helpers/fixtures.js';
import { SECRET } from '../helpers/harness.js';

let dataDir: string;
let queue: JournalQueue | undefined;
afterEach(async () => {
  await queue?.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

describe('a store that cannot write', () => {
  it('answers 500 and hands nothing to the engine, and answers 500 again to the retry', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'jawab-full-'));
    // One entry per journal segment; the second segment is a full disk.
    await mkdir(join(dataDir, 'journal'));
    queue = await JournalQueue.open(dataDir, 1);
    await symlink('/dev/full', join(dataDir, 'journal', '00000002.jsonl'));
    const accepted: AcceptedEvent[] = [];
    await queue.start(async (e) => void accepted.push(e));
    const intake = new Intake({ queue, secret: SECRET, allowUnsigned: false });
    const app = express().use(intakeRouter(intake, silentLogger));
    const post = (payload: unknown, deliveryId: string) => {
      const signed = signDelivery(SECRET, payload, { deliveryId });
      return request(app).post('/webhooks/chatwoot').set(signed.headers).send(signed.body);
    };
    const message = fixture('message_created.incoming_contact.json');

    expect((await post(message, 'a0000000-0000-0000-0000-000000000001')).body).toEqual({ result: 'accepted' });
    const second = { ...message, id: 77_001 };
    const refused = await post(second, 'a0000000-0000-0000-0000-000000000002');
    expect(refused.status).toBe(500);
    expect(refused.body).toEqual({ error: { code: 'store_failed', message: 'the event could not be stored; retry later' } });
    const retried = await post(second, 'a0000000-0000-0000-0000-000000000002');
    expect(retried.status).toBe(500);
    expect(accepted.map((e) => e.event.kind === 'message' && e.event.messageId)).toEqual([(message as { id: number }).id]);
  });
});
