// Model mode: the handoff note written by the model (the fake OpenAI-compatible server), from the facts and the
// conversation it is given, in the team language; the offline note when the model fails.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ChatMessage, type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

const MODEL_NOTE = [
  'Pelanggan minta bicara dengan CS.',
  'Paketnya belum sampai setelah 5 hari; dia ingin dicek.',
  '',
  'Jawab belum menjawab apa pun.',
  'Data: Budi Santoso.',
  'Bahasa pelanggan: Indonesia.',
  'Baris ketujuh yang harus dipotong.',
  'Baris kedelapan.',
].join('\n');

let openai: FakeOpenAI;
let h: Harness | undefined;
const prompts: ChatMessage[][] = [];

beforeAll(async () => {
  openai = await startFakeOpenAI({
    responder: (messages) => {
      prompts.push(messages);
      return MODEL_NOTE;
    },
  });
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  prompts.length = 0;
});
afterAll(async () => openai?.close());

const env = () => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.url, OPENAI_MODEL: 'fake-chat-1', OPENAI_EMBEDDING_MODEL: 'fake-embed-1', OPENAI_TIMEOUT_MS: '1500' });
const notes = (harness: Harness) => harness.fake!.conversation(1, 42).messages.filter((m) => m.private).map((m) => m.content);
const budi = { name: 'Budi Santoso', email: null, phone_number: null };

describe('the handoff note with a model', () => {
  it('posts the note the model wrote, in at most six lines, from the facts and the conversation it was given', async () => {
    h = await startHarness({ env: env() });
    await h.deliver(customerMessage({ id: 8001, text: 'paket saya belum sampai udah 5 hari. mau bicara dengan CS aja deh', contact: budi }));
    await h.settle();
    expect(notes(h)).toEqual([
      ['Pelanggan minta bicara dengan CS.', 'Paketnya belum sampai setelah 5 hari; dia ingin dicek.', 'Jawab belum menjawab apa pun.', 'Data: Budi Santoso.', 'Bahasa pelanggan: Indonesia.', 'Baris ketujuh yang harus dipotong.'].join('\n'),
    ]);
    expect(prompts).toHaveLength(1);
    const [system, human] = prompts[0]!;
    expect(system!.role).toBe('system');
    expect(system!.content).toContain('Write in Indonesian (Bahasa Indonesia), whatever language the customer used');
    expect(system!.content).toContain('At most 6 short lines');
    expect(human!.content).toBe(
      [
        '<facts>',
        'Diserahkan ke tim: pelanggan minta bicara dengan orang.',
        'Pelanggan ingin: Paket saya belum sampai udah 5 hari.',
        'Sudah dijawab: belum ada.',
        'Data: nama Budi Santoso.',
        'Bahasa pelanggan: Indonesia.',
        '</facts>',
        '<conversation_history>',
        'Customer: paket saya belum sampai udah 5 hari. mau bicara dengan CS aja deh',
        '</conversation_history>',
      ].join('\n'),
    );
    h.fake!.assertNoViolations();
  });

  it('posts the note written from the conversation when the model fails', async () => {
    h = await startHarness({ env: env(), teamLanguage: 'en' });
    openai.failNext('status500', 2, 'chat');
    await h.deliver(customerMessage({ id: 8101, text: 'I want to talk to a human', contact: budi }));
    await h.settle(20_000);
    expect(notes(h)).toEqual([
      ['Handed over: the customer asked to talk to a person.', 'Customer wants: not said yet.', 'Jawab answered: nothing yet.', 'Details: name Budi Santoso.', "Customer's language: English."].join('\n'),
    ]);
  });
});
