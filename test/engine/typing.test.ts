// Typing while Jawab prepares a reply (actions/typing.ts): shown with the bot's token when preparing takes long
// enough to be seen, stopped after the reply went out; a Chatwoot that refuses the bot token for it (before 4.13) is
// asked once, logged once, and the replies go out as before.
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerResult, Answerer } from '../../src/answer/types.js';
import { TYPING_AFTER_MS } from '../../src/actions/typing.js';
import type { Logger } from '../../src/log.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { calls, type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

let h: Harness;
afterEach(async () => h?.close());

const CONV = '/api/v1/accounts/1/conversations/42';

/** An answer that takes as long as a model's: well past the moment typing shows. */
const slowAnswerer: Answerer = {
  answer: async (): Promise<AnswerResult> => {
    await new Promise((resolve) => setTimeout(resolve, TYPING_AFTER_MS + 700));
    return { kind: 'answer', text: 'Slow answer.', sources: [], mode: 'offline' };
  },
};

function recordingLog(lines: string[]): Logger {
  const keep = (level: string) => (msg: string, fields?: Record<string, unknown>) => lines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  return { debug: () => undefined, info: keep('info'), warn: keep('warn'), error: keep('error') };
}

describe('typing while a reply is prepared', () => {
  it('shows typing with the bot token while a slow answer is prepared, and stops it after the reply', async () => {
    h = await startHarness({ answerer: slowAnswerer });
    await h.deliver(customerMessage({ id: 1, text: 'berapa ongkir ke Medan?' }));
    await h.settle();
    await h.fake!.waitFor((requests) => requests.length === 3);
    expect(calls(h.fake!)).toEqual([`POST ${CONV}/toggle_typing_status bot`, `POST ${CONV}/messages bot`, `POST ${CONV}/toggle_typing_status bot`]);
    expect(h.fake!.requests.map((r) => r.body)).toEqual([{ typing_status: 'on' }, expect.objectContaining({ content: 'Slow answer.' }), { typing_status: 'off' }]);
    h.fake!.assertNoViolations();
  });

  it('shows nothing when the answer is ready at once: a plain answer stays one request', async () => {
    h = await startHarness({ answerer: fixedAnswerer() });
    await h.deliver(customerMessage({ id: 1, text: 'berapa ongkir ke Medan?' }));
    await h.settle();
    await new Promise((resolve) => setTimeout(resolve, TYPING_AFTER_MS + 200));
    expect(calls(h.fake!)).toEqual([`POST ${CONV}/messages bot`]);
  });

  it('asks a Chatwoot that refuses the bot token once, says so in one log line, and still replies every time', async () => {
    const lines: string[] = [];
    h = await startHarness({ answerer: slowAnswerer, log: recordingLog(lines) });
    h.fake!.inject({ path: /toggle_typing_status$/ }, { kind: 'status', status: 401 }, 10);
    for (const [id, text] of ['berapa ongkir ke Medan?', 'bisa bayar COD?', 'berapa lama pengiriman ke Surabaya?'].entries()) {
      await h.deliver(customerMessage({ id: id + 1, text }));
      await h.settle();
    }
    expect(calls(h.fake!)).toEqual([
      `POST ${CONV}/toggle_typing_status bot`,
      `POST ${CONV}/messages bot`,
      `POST ${CONV}/messages bot`,
      `POST ${CONV}/messages bot`,
    ]);
    expect(h.fake!.requests.map((r) => r.status)).toEqual([401, 200, 200, 200]);
    expect(lines.filter((l) => l.includes('typing'))).toEqual([
      'info typing is not shown: Chatwoot refuses the agent-bot token for toggle_typing_status (Chatwoot 4.13 accepts it) {"status":401}',
    ]);
    expect(lines.filter((l) => l.startsWith('error') || l.startsWith('warn'))).toEqual([]);
  });
});
