// A fake OpenAI-compatible server on 127.0.0.1 for tests: the real ChatOpenAI and OpenAIEmbeddings code
// paths run against it. It records every request, answers chat completions with a responder (by
// default: the first sentence of the first passage in the prompt, or NO_ANSWER; the customer's messages unchanged
// to the condensing prompt; a fixed greeting to the small-talk prompt), computes embeddings
// with OfflineEmbeddings so retrieval through it is meaningful, and can fail on demand. Image content parts reach the
// responder as `images`; `/audio/transcriptions` takes multipart as OpenAI's does and answers with a transcriber.
import type { Server, Socket } from 'node:net';
import express from 'express';
import type { Request, Response } from 'express';
import { OfflineEmbeddings } from '../../src/knowledge/offline-embeddings.js';

export interface ChatMessage {
  role: string;
  content: string;
  /** The URLs of the message's image content parts (data: URLs as sent). */
  images?: string[];
}

/** A file posted to `/audio/transcriptions`, with the form's other fields. */
export interface TranscriptionUpload {
  model: string;
  fields: Record<string, string>;
  file: { name: string; type: string; bytes: Buffer };
}
export type Transcriber = (upload: TranscriptionUpload) => string;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A reply, or tool calls the model asks for (answered with finish_reason "tool_calls"). */
export type ResponderReply = string | { toolCalls: { name: string; arguments: Record<string, unknown> }[] };
export type Responder = (messages: ChatMessage[], body: Record<string, unknown>) => ResponderReply | Promise<ResponderReply>;
export type FailureKind = 'status500' | 'timeout';
/** Which endpoint a queued failure applies to. */
export type FailureRoute = 'chat' | 'embeddings' | 'any';

export interface FakeOpenAIOptions {
  responder?: Responder;
  /** The transcript of an uploaded audio file (default: "transcript of <file name>"). */
  transcriber?: Transcriber;
  /** Dimensions of the embeddings when a request does not ask for some (default: OfflineEmbeddings'). */
  dimensions?: number;
}

export interface FakeOpenAI {
  /** Base URL to give the SDK, e.g. http://127.0.0.1:54321/v1 */
  url: string;
  requests: RecordedRequest[];
  setResponder(responder: Responder): void;
  /** Every upload to `/audio/transcriptions`, in order (its `requests` entry holds the same, without the bytes). */
  transcriptions: TranscriptionUpload[];
  /**
   * The next `times` requests to `route` fail this way: a 500, or no answer at all (the client times
   * out). The route defaults to chat completions, so that embedding the question does not use up a
   * failure meant for the model call.
   */
  failNext(kind: FailureKind, times?: number, route?: FailureRoute): void;
  /** Embedding requests wait (a start still indexing its knowledge) until the returned function is called. */
  holdEmbeddings(): () => void;
  close(): Promise<void>;
}

/** Text of a message content: a string, or OpenAI content parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) => (typeof part === 'object' && part !== null && 'text' in part ? String((part as { text: unknown }).text) : ''))
      .join('');
  }
  return '';
}

/** The URLs of the image parts of a message content. */
function contentImages(content: unknown): string[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((part: unknown) => {
    const url = (part as { type?: unknown; image_url?: { url?: unknown } }).image_url?.url;
    return (part as { type?: unknown }).type === 'image_url' && typeof url === 'string' ? [url] : [];
  });
}

/** The default responder: the first sentence of the first passage in the last user message. */
export const answerFromPassages: Responder = (messages) => {
  const system = messages.find((message) => message.role === 'system')?.content ?? '';
  const user = [...messages].reverse().find((message) => message.role === 'user');
  // The condensing step of history-aware retrieval: a fake that leaves the customer's messages as they are.
  if (system.includes('standalone questions')) return /<customer_messages>\n?([\s\S]*?)\n?<\/customer_messages>/.exec(user?.content ?? '')?.[1]?.trim() ?? 'NONE';
  if (system.includes('making small talk')) return 'Hello! How can I help you today?';
  const passage = /<passage\b[^>]*>\n?([\s\S]*?)<\/passage>/.exec(user?.content ?? '')?.[1]?.trim();
  if (passage === undefined || passage.length === 0) return 'NO_ANSWER';
  const firstLine = passage.split('\n').find((line) => line.trim().length > 0) ?? passage;
  return (/^.*?[.!?](?=\s|$)/.exec(firstLine.trim())?.[0] ?? firstLine).replace(/^\s*(?:[-*]|\d+\.)\s+/, '').trim();
};

/**
 * Answers structured-output requests (`response_format: json_schema`) with `structured(name)`'s JSON, and
 * everything else with `otherwise`: one fake serving both the classifier and the answerer.
 */
export function withStructured(structured: (schemaName: string, messages: ChatMessage[]) => unknown, otherwise: Responder = answerFromPassages): Responder {
  return (messages, body) => {
    const format = body.response_format as { type?: string; json_schema?: { name?: string } } | undefined;
    if (format?.type === 'json_schema') return JSON.stringify(structured(format.json_schema?.name ?? '', messages));
    return otherwise(messages, body);
  };
}

/** Little-endian float32 bytes in base64: what the SDK decodes when it asked for `encoding_format: base64`. */
function toBase64(vector: number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => buffer.writeFloatLE(value, i * 4));
  return buffer.toString('base64');
}

function embeddingInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input)) {
    // Strings, token arrays, or an array of token arrays: tokens are embedded as their decimal text.
    if (input.every((item) => typeof item === 'number')) return [input.join(' ')];
    return input.map((item: unknown) => (Array.isArray(item) ? item.join(' ') : String(item)));
  }
  return [];
}

const roughTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const transcriptions: TranscriptionUpload[] = [];
  const transcriber: Transcriber = options.transcriber ?? ((upload) => `transcript of ${upload.file.name}`);
  let responder: Responder = options.responder ?? answerFromPassages;
  const failures: { kind: FailureKind; route: FailureRoute }[] = [];
  const sockets = new Set<Socket>();
  const embedders = new Map<number, OfflineEmbeddings>();
  const embedderFor = (dimensions: number | undefined): OfflineEmbeddings => {
    const size = dimensions ?? options.dimensions ?? new OfflineEmbeddings().dimensions;
    let embedder = embedders.get(size);
    if (embedder === undefined) {
      embedder = new OfflineEmbeddings({ dimensions: size });
      embedders.set(size, embedder);
    }
    return embedder;
  };

  const app = express();
  app.use(express.json({ limit: '20mb' }));
  app.use((request, _response, next) => {
    requests.push({ method: request.method, path: request.path, headers: { ...request.headers }, body: request.body as unknown });
    next();
  });
  /** Applies the first failure queued for this route; true when the request was consumed by it. */
  const failed = (route: Exclude<FailureRoute, 'any'>, response: Response): boolean => {
    const at = failures.findIndex((failure) => failure.route === route || failure.route === 'any');
    if (at < 0) return false;
    const [failure] = failures.splice(at, 1);
    if (failure?.kind === 'status500') {
      // retry-after-ms would make the OpenAI SDK's own retry quick; LangChain turns that one off and
      // retries with its own backoff (about a second), which is why fallback tests take ~2 s.
      response.status(500).set('retry-after-ms', '10').json({ error: { message: 'fake server error', type: 'server_error', code: null } });
    }
    // 'timeout': never answer; the client gives up and close() destroys the socket.
    return true;
  };

  app.get('/v1/models', (_request, response) => {
    response.json({ object: 'list', data: [{ id: 'fake-chat', object: 'model', created: 0, owned_by: 'fake' }, { id: 'fake-embed', object: 'model', created: 0, owned_by: 'fake' }] });
  });

  let embeddingsHeld: Promise<void> | undefined;
  app.post('/v1/embeddings', async (request: Request, response: Response) => {
    await embeddingsHeld;
    if (failed('embeddings', response)) return;
    const body = request.body as { input?: unknown; model?: string; encoding_format?: string; dimensions?: number };
    const inputs = embeddingInputs(body.input);
    const embedder = embedderFor(body.dimensions);
    const base64 = body.encoding_format === 'base64';
    const tokens = inputs.reduce((sum, input) => sum + roughTokens(input), 0);
    response.json({
      object: 'list',
      model: body.model ?? 'fake-embed',
      data: inputs.map((input, index) => {
        const vector = embedder.embed(input);
        return { object: 'embedding', index, embedding: base64 ? toBase64(vector) : vector };
      }),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  });

  app.post('/v1/chat/completions', async (request: Request, response: Response) => {
    if (failed('chat', response)) return;
    const body = request.body as Record<string, unknown>;
    const messages = (Array.isArray(body.messages) ? body.messages : []).map((message: unknown) => {
      const { role, content } = message as { role?: unknown; content?: unknown };
      const images = contentImages(content);
      return images.length ? { role: String(role), content: contentText(content), images } : { role: String(role), content: contentText(content) };
    });
    const answer = await responder(messages, body);
    const text = typeof answer === 'string' ? answer : '';
    const model = typeof body.model === 'string' ? body.model : 'fake-chat';
    const id = `chatcmpl-fake-${requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    const promptTokens = messages.reduce((sum, message) => sum + roughTokens(message.content), 0);
    const usage = { prompt_tokens: promptTokens, completion_tokens: roughTokens(text), total_tokens: promptTokens + roughTokens(text) };
    if (typeof answer !== 'string') {
      const toolCalls = answer.toolCalls.map((call, i) => ({ id: `call_${requests.length}_${i}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }));
      response.json({
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: toolCalls, refusal: null }, finish_reason: 'tool_calls', logprobs: null }],
        usage,
      });
      return;
    }
    if (body.stream === true) {
      response.set({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      const send = (data: unknown): void => {
        response.write(`data: ${JSON.stringify(data)}\n\n`);
      };
      const chunk = (delta: Record<string, unknown>, finish: string | null): Record<string, unknown> => ({
        id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      });
      send(chunk({ role: 'assistant', content: '' }, null));
      for (const piece of text.match(/\S+\s*/g) ?? []) send(chunk({ content: piece }, null));
      send(chunk({}, 'stop'));
      const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
      if (streamOptions?.include_usage === true) send({ id, object: 'chat.completion.chunk', created, model, choices: [], usage });
      response.write('data: [DONE]\n\n');
      response.end();
      return;
    }
    response.json({
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage,
    });
  });

  // Multipart, as the OpenAI SDK and plain fetch send it; parsed with the web Request's own form-data reader.
  app.post('/v1/audio/transcriptions', express.raw({ type: 'multipart/form-data', limit: '30mb' }), async (request: Request, response: Response) => {
    const form = await new globalThis.Request('http://fake/', { method: 'POST', headers: { 'content-type': String(request.headers['content-type']) }, body: new Uint8Array(request.body as Buffer) }).formData();
    const fields: Record<string, string> = {};
    let file: TranscriptionUpload['file'] | undefined;
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') fields[key] = value;
      else file = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
    }
    const { model = '', ...rest } = fields;
    if (!file || !model) return void response.status(400).json({ error: { message: 'file and model are required', type: 'invalid_request_error' } });
    const upload = { model, fields: rest, file };
    transcriptions.push(upload);
    const recorded = requests.at(-1);
    if (recorded) recorded.body = { model, fields: rest, file: { name: file.name, type: file.type, size: file.bytes.length } };
    response.json({ text: transcriber(upload) });
  });

  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake OpenAI: no port');

  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    requests,
    transcriptions,
    setResponder(next) {
      responder = next;
    },
    failNext(kind, times = 1, route = 'chat') {
      for (let i = 0; i < times; i += 1) failures.push({ kind, route });
    },
    holdEmbeddings() {
      let release = () => {};
      embeddingsHeld = new Promise((resolve) => (release = resolve));
      return () => {
        embeddingsHeld = undefined;
        release();
      };
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
