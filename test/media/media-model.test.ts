// Model mode and media (the attachment webhook fixture, the fake OpenAI-compatible server, the fake Chatwoot): a voice
// note is downloaded, transcribed through `/audio/transcriptions` and answered as text; a photo is described by the
// chat model when the profile enables it, then answered; a download to a private address nobody allowed is refused.
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerFromPassages, type ChatMessage, type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { fixture } from '../helpers/fixtures.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const MESSAGES = '/api/v1/accounts/1/conversations/42/messages';
const VOICE = Buffer.from('OggS fake voice note');
const PHOTO = Buffer.from('\x89PNG fake photo');
const DESCRIPTION = 'Kemeja batik mega mendung warna biru, label ukuran XL.';

let openai: FakeOpenAI;
let files: Server;
let filesUrl = '';
const fileHits: string[] = [];
const chats: ChatMessage[][] = [];
let h: Harness | undefined;

beforeAll(async () => {
  openai = await startFakeOpenAI({
    transcriber: () => 'Berapa ongkos kirim ke Surabaya?',
    responder: (messages, body) => {
      chats.push(messages);
      if (messages.some((m) => m.images?.length)) return DESCRIPTION;
      return answerFromPassages(messages, body);
    },
  });
  const app = express();
  app.get('/blobs/:name', (req, res) => {
    fileHits.push(req.params.name);
    res.type(req.params.name.endsWith('.ogg') ? 'audio/ogg' : 'image/png').send(req.params.name.endsWith('.ogg') ? VOICE : PHOTO);
  });
  files = await new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
  const address = files.address();
  filesUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  chats.length = 0;
  fileHits.length = 0;
  openai.requests.length = 0;
  openai.transcriptions.length = 0;
});
afterAll(async () => {
  await openai?.close();
  await new Promise((resolve) => files?.close(resolve));
});

function env(allowFiles = true): Record<string, string> {
  return {
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: openai.url,
    OPENAI_MODEL: 'fake-chat-1',
    OPENAI_EMBEDDING_MODEL: 'fake-embed-1',
    OPENAI_TRANSCRIPTION_MODEL: 'fake-whisper-1',
    OPENAI_TIMEOUT_MS: '3000',
    ...(allowFiles ? { ALLOWED_PRIVATE_HOSTS: new URL(filesUrl).host } : {}),
  };
}

/** The attachment fixture as a voice note, a photo or a video served by the test's file server. */
function withAttachment(id: number, content: string, fileType: 'audio' | 'image' | 'video', name: string, contentType: string): Record<string, unknown> {
  const base = fixture('message_created.incoming_contact_with_attachment.json') as Record<string, unknown> & { attachments: Array<Record<string, unknown>> };
  const attachments = base.attachments.map((a) => ({ ...a, message_id: id, file_type: fileType, content_type: contentType, data_url: `${filesUrl}/blobs/${name}`, file_size: 20 }));
  return { ...base, id, content, attachments };
}

const replies = (harness: Harness) => harness.fake!.requests.filter((r) => r.method === 'POST' && r.path === MESSAGES).map((r) => (r.body as { content: string }).content);

describe('media with a model', () => {
  it('transcribes a voice note through /audio/transcriptions and answers the transcript', async () => {
    h = await startHarness({ env: env() });
    await h.deliver(withAttachment(9001, '', 'audio', 'note.ogg', 'audio/ogg'));
    await h.settle(20_000);
    expect(fileHits).toEqual(['note.ogg']);
    expect(openai.transcriptions).toEqual([{ model: 'fake-whisper-1', fields: { response_format: 'json' }, file: { name: 'note.ogg', type: 'audio/ogg', bytes: VOICE } }]);
    const upload = openai.requests.find((r) => r.path === '/v1/audio/transcriptions')!;
    expect(upload.headers.authorization).toBe('Bearer sk-test');
    expect(String(upload.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    // The model answered the transcript: it is the customer's message in the prompt.
    expect(chats.at(-1)!.at(-1)!.content).toContain('Berapa ongkos kirim ke Surabaya?');
    expect(replies(h)).toEqual(['Surabaya — ongkos kirim per kg: Rp 19.000; lama pengiriman: 2–3 hari kerja']);
    h.fake!.assertNoViolations();
  });

  it('describes a photo with the chat model when the profile enables it, and answers what it shows', async () => {
    h = await startHarness({ env: env(), profile: { media: { onFile: 'ask_to_type', describeImages: true } } });
    await h.deliver(withAttachment(9101, 'ready kak?', 'image', 'shirt.png', 'image/png'));
    await h.settle(20_000);
    const vision = openai.requests.find((r) => JSON.stringify(r.body).includes('image_url'))!;
    const body = vision.body as { model: string; messages: Array<{ role: string; content: unknown }> };
    expect(body.model).toBe('fake-chat-1');
    expect(body.messages[0]!.content).toContain('In one or two sentences in Indonesian (Bahasa Indonesia)');
    expect(body.messages[1]!.content).toEqual([{ type: 'image_url', image_url: { url: `data:image/png;base64,${PHOTO.toString('base64')}` } }]);
    expect(chats.at(-1)!.at(-1)!.content).toContain(`ready kak?\n${DESCRIPTION}`);
    expect(replies(h)).toEqual([
      'Kemeja Batik Mega Mendung: kemeja pria lengan pendek batik cap motif mega mendung — harga Rp\u00a0259.000 — varian M, L, XL, XXL — stok tersedia (9) — https://batiksekar.id/p/kemeja-mega-mendung',
    ]);
    h.fake!.assertNoViolations();
  });

  it('asks to type about a photo when the profile does not enable descriptions, and about a video', async () => {
    h = await startHarness({ env: env() });
    await h.deliver(withAttachment(9201, '', 'image', 'shirt.png', 'image/png'));
    await h.settle(20_000);
    await h.deliver(withAttachment(9202, '', 'video', 'clip.mp4', 'video/mp4'));
    await h.settle(20_000);
    expect(replies(h)).toEqual([
      'Terima kasih, foto Anda sudah kami terima. Saya hanya bisa membaca teks: boleh diketik pertanyaannya?',
      'Terima kasih, video Anda sudah kami terima. Saya hanya bisa membaca teks: boleh diketik pertanyaannya?',
    ]);
    expect(fileHits).toEqual([]);
    expect(openai.requests.filter((r) => r.path !== '/v1/embeddings')).toEqual([]);
  });

  it('does not download from a private address nobody allowed: the customer is asked to type', async () => {
    h = await startHarness({ env: env(false) });
    await h.deliver(withAttachment(9301, '', 'audio', 'note.ogg', 'audio/ogg'));
    await h.settle(20_000);
    expect(fileHits).toEqual([]);
    expect(openai.transcriptions).toEqual([]);
    expect(replies(h)).toEqual(['Terima kasih, pesan suara Anda sudah kami terima. Saya hanya bisa membaca teks: boleh diketik pertanyaannya?']);
  });
});
