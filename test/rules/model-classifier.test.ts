// The classifier with a model: one structured-output call per turn (json_schema) through the real ChatOpenAI code
// against the fake OpenAI server, its signals firing rules; patterns keep the exact parts; a failure falls back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { classificationPrompt, ModelClassifier } from '../../src/rules/model-classifier.js';
import { classifyOffline } from '../../src/rules/offline-classifier.js';
import { shows } from '../../src/rules/signals.js';
import { type FakeOpenAI, startFakeOpenAI, withStructured } from '../fakes/fake-openai.js';
import { fixedAnswerer } from '../helpers/answerers.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

let openai: FakeOpenAI;
let h: Harness;
const signals = { wants: ['get_help'], asksAbout: ['troubleshooting'], custom: [0], sentiment: 'frustrated', name: null, address: 'Jl. Kenanga 7, Bandung' };

beforeAll(async () => {
  openai = await startFakeOpenAI({ responder: withStructured(() => signals) });
  h = await startHarness({
    answerer: fixedAnswerer('Try restarting the app.'),
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.url, OPENAI_MODEL: 'fake-chat-1', OPENAI_EMBEDDING_MODEL: 'fake-embed-1' },
    profile: {
      rules: [
        {
          name: 'angry app user',
          enabled: true,
          match: 'all',
          conditions: [
            { type: 'sentiment', value: 'frustrated' },
            { type: 'asks_about', value: 'custom', custom: 'mobile app' },
          ],
          actions: [{ type: 'private_note', text: 'Frustrated about the app.' }],
        },
      ],
    },
  });
});
afterAll(async () => {
  await h?.close();
  await openai?.close();
});

describe('model classifier', () => {
  it('asks once per turn with a JSON schema and acts on the signals', async () => {
    openai.requests.splice(0);
    await h.deliver(customerMessage({ id: 9501, text: 'the thing does not open. again. call me 0812 3456 7890', contact: { phone_number: null } }));
    await h.settle();
    const chat = openai.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(chat).toHaveLength(1);
    const body = chat[0]!.body as { response_format: { type: string; json_schema: { name: string } }; messages: Array<{ content: string }> };
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.name).toBe('signals');
    expect(body.messages.at(-1)!.content).toContain('0: mobile app');

    const conv = h.fake!.conversation(1, 42);
    expect(conv.messages.map((m) => [m.content, m.private])).toEqual([
      ['Try restarting the app.', false],
      ['Frustrated about the app.', true],
    ]);
    // The phone by pattern, the address from the model; both saved to the contact.
    const update = h.fake!.requests.find((r) => r.method === 'PUT')!;
    expect(update.body).toEqual({ phone_number: '+6281234567890', custom_attributes: { address: 'Jl. Kenanga 7, Bandung' } });
    h.fake!.assertNoViolations();
  });

  it('falls back to the offline classifier when the call fails, and a human request never depends on it', async () => {
    const failing = new ModelClassifier(async () => {
      throw new Error('model down');
    });
    const result = await failing.classify({ texts: ['saya kecewa, mau bicara dengan admin'], custom: [] });
    expect(result.wants).toEqual(['human']);
    expect(result.moods).toEqual(classifyOffline({ texts: ['saya kecewa, mau bicara dengan admin'], custom: [] }).moods);
    // "kecewa" plus a demand for a person: upset, which the offline model reads as frustrated.
    expect(shows(result, defaultSettings().defaultProfile.sentimentThresholds, 'frustrated')).toBe(true);
    const wrong = new ModelClassifier(async () => ({ ...signals, wants: [], custom: [] }) as never);
    expect((await wrong.classify({ texts: ['I want to talk to a human'], custom: [] })).wants).toEqual(['human']);
    expect(classificationPrompt({ texts: ['a\nb'], custom: [] })).toContain('- a b');
  });
});
