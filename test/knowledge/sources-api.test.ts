// /api/knowledge end to end: sources added, changed, disabled, disconnected and deleted through the admin
// API change what the agent answers in a conversation (through the engine, against the sandbox helpdesk),
// broken input shows up in the source's status, and the index survives a restart.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';
import { makePdf } from '../helpers/documents.js';

let dataDir: string;
let h: Harness;
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const api = (path: string) => `/api/knowledge${path}`;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'jawab-sources-api-'));
  h = await startHarness({ helpdesk: 'sandbox', dataDir });
});
afterAll(async () => {
  await h?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A new sandbox conversation with one customer message: the bot's public reply, or undefined when it handed off. */
async function ask(text: string): Promise<string | undefined> {
  const sandbox = h.jawab.sandbox!;
  const conversation = sandbox.startConversation({ name: 'Customer' });
  await sandbox.customerSays(conversation.id, text);
  await h.settle();
  const after = sandbox.conversation(conversation.id);
  return after.status === 'pending' ? after.messages.find((m) => m.from === 'bot' && !m.private)?.content : undefined;
}

describe('/api/knowledge', () => {
  let snippetsId = '';
  let filesId = '';

  it('shows the knowledge folder (KNOWLEDGE_DIR) as a read-only source: its files, passages, and who answers from it', async () => {
    const folder = (await request(h.jawab.http).get(api('/default/folder')).set(auth).expect(200)).body;
    expect(folder.used).toBe(true);
    expect(folder.folder).toMatch(/knowledge\/?$/);
    expect(folder.files).toHaveLength(19);
    expect(folder.files.map((file: { path: string }) => file.path)).toContain('produk.csv');
    expect(folder.files.find((file: { path: string }) => file.path === 'produk.csv')).toMatchObject({ title: expect.any(String), chunks: 6 });
    expect(folder.status).toMatchObject({ documents: 19, chunks: folder.files.reduce((sum: number, file: { chunks: number }) => sum + file.chunks, 0), errors: [] });
    await request(h.jawab.http).get(api('/nope/folder')).set(auth).expect(404);
    await request(h.jawab.http).get(api('/default/folder')).expect(401);
  });

  it('needs the admin token', async () => {
    const response = await request(h.jawab.http).get(api('/default/sources'));
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('adds a Q&A snippet source that the agent answers from at once', async () => {
    expect(await ask('do you sell gift vouchers?')).toBeUndefined();
    const response = await request(h.jawab.http)
      .post(api('/default/sources'))
      .set(auth)
      .send({ type: 'snippets', name: 'Vouchers', snippets: [{ kind: 'qa', question: 'Do you sell gift vouchers?', answer: 'Yes: gift vouchers from Rp 100.000, valid for one year, sent by email.' }] });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ type: 'snippets', name: 'Vouchers', state: 'enabled', status: { documents: 1, chunks: 1, errors: [], syncing: false } });
    expect(response.body.id).toMatch(/^vouchers-[0-9a-f]{4}$/);
    expect(response.body.status.lastSyncAt).toEqual(expect.any(String));
    snippetsId = response.body.id as string;
    expect(await ask('do you sell gift vouchers?')).toContain('gift vouchers from Rp 100.000');
  });

  it('stops using a disabled source, keeps its chunks, and uses it again when enabled', async () => {
    const disabled = await request(h.jawab.http).post(api(`/default/sources/${snippetsId}/disable`)).set(auth);
    expect(disabled.body).toMatchObject({ state: 'disabled', status: { chunks: 1 } });
    expect(await ask('do you sell gift vouchers?')).toBeUndefined();
    await request(h.jawab.http).post(api(`/default/sources/${snippetsId}/enable`)).set(auth).expect(200);
    expect(await ask('do you sell gift vouchers?')).toContain('gift vouchers');
  });

  it('re-indexes a changed snippet, and a disconnected source loses its chunks but keeps its configuration', async () => {
    const changed = await request(h.jawab.http)
      .patch(api(`/default/sources/${snippetsId}`))
      .set(auth)
      .send({ snippets: [{ kind: 'qa', question: 'Do you sell gift vouchers?', answer: 'Gift vouchers are sold out until June.' }] });
    expect(changed.status).toBe(200);
    expect(await ask('do you sell gift vouchers?')).toContain('sold out until June');
    const disconnected = await request(h.jawab.http).post(api(`/default/sources/${snippetsId}/disconnect`)).set(auth);
    expect(disconnected.body).toMatchObject({ state: 'disconnected', status: { chunks: 0, documents: 0 }, snippets: [{ answer: 'Gift vouchers are sold out until June.' }] });
    expect(await ask('do you sell gift vouchers?')).toBeUndefined();
    const sync = await request(h.jawab.http).post(api(`/default/sources/${snippetsId}/sync`)).set(auth);
    expect(sync.status).toBe(422);
    expect(sync.body.error.code).toBe('invalid');
  });

  it('takes file uploads: a catalog with a broken row and an unreadable PDF are reported, the rest is answered', async () => {
    const created = await request(h.jawab.http).post(api('/default/sources')).set(auth).send({ type: 'files', name: 'Catalog' });
    filesId = created.body.id as string;
    const csv = 'nama,harga,ukuran,stok,link,deskripsi\nKemeja Batik Sidomukti,250000,"S, M, L",12,https://toko.test/sidomukti,kemeja formal untuk kondangan\nRusak,abc,,1,,\n';
    const uploaded = await request(h.jawab.http).put(api(`/default/sources/${filesId}/files/produk.csv`)).set(auth).set('content-type', 'text/csv').send(csv);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({ files: [{ name: 'produk.csv', bytes: csv.length }], status: { documents: 1, chunks: 1, errors: [{ path: 'produk.csv', reason: 'row 3: price "abc" is not a number' }] } });

    const pdf = await request(h.jawab.http).put(api(`/default/sources/${filesId}/files/scan.pdf`)).set(auth).set('content-type', 'application/pdf').send(Buffer.from('%PDF-1.4 garbage'));
    expect(pdf.body.status.documents).toBe(1);
    expect(pdf.body.status.errors).toEqual([
      { path: 'produk.csv', reason: 'row 3: price "abc" is not a number' },
      { path: 'scan.pdf', reason: expect.stringMatching(/^unreadable PDF/) },
    ]);
    const good = await request(h.jawab.http).put(api(`/default/sources/${filesId}/files/retur.pdf`)).set(auth).send(makePdf(['Penukaran ukuran gratis dalam 7 hari.']));
    expect(good.body.status).toMatchObject({ documents: 2 });

    const reply = await ask('berapa harga kemeja batik sidomukti?');
    expect(reply).toContain('Rp 250.000');
    expect(reply).toContain('https://toko.test/sidomukti');
    expect(reply).toContain('stok tersedia (12)');
  });

  it('refuses bad requests with clear JSON errors', async () => {
    const cases: [request.Test, number, string][] = [
      [request(h.jawab.http).post(api('/default/sources')).set(auth).send({ type: 'website', name: 'Site', url: 'ftp://x' }), 422, 'invalid'],
      [request(h.jawab.http).post(api('/default/sources')).set(auth).send({ type: 'nope', name: 'x' }), 422, 'invalid'],
      [request(h.jawab.http).get(api('/77/sources')).set(auth), 404, 'not_found'],
      [request(h.jawab.http).get(api('/default/sources/missing')).set(auth), 404, 'not_found'],
      [request(h.jawab.http).put(api(`/default/sources/${filesId}/files/notes.exe`)).set(auth).send('x'), 415, 'unsupported'],
      [request(h.jawab.http).put(api(`/default/sources/${snippetsId}/files/a.md`)).set(auth).send('x'), 415, 'unsupported'],
      [request(h.jawab.http).delete(api(`/default/sources/${filesId}/files/none.md`)).set(auth), 404, 'not_found'],
    ];
    for (const [pending, status, code] of cases) {
      const response = await pending;
      expect([response.status, response.body.error?.code]).toEqual([status, code]);
      expect(response.body.error.message).toEqual(expect.any(String));
    }
  });

  it('deletes a source for good, across a restart', async () => {
    await request(h.jawab.http).delete(api(`/default/sources/${filesId}`)).set(auth).expect(204);
    // The deleted catalog's product is gone: whatever answers now, it is not that product.
    expect((await ask('berapa harga kemeja batik sidomukti?')) ?? '').not.toContain('toko.test/sidomukti');
    const list = await request(h.jawab.http).get(api('/default/sources')).set(auth);
    expect(list.body.sources.map((source: { id: string }) => source.id)).toEqual([snippetsId]);

    // Re-enable the snippets, then restart Jawab on the same DATA_DIR.
    await request(h.jawab.http).post(api(`/default/sources/${snippetsId}/enable`)).set(auth).expect(200);
    await h.close();
    h = await startHarness({ helpdesk: 'sandbox', dataDir, keepSettings: true });
    const status = await request(h.jawab.http).get(api('/status')).set(auth);
    expect(status.body.folder).toMatchObject({ errors: [] });
    // (The sandbox numbers conversations from 1 again, so the knowledge is asked directly.)
    const search = async (q: string) => (await request(h.jawab.http).get(api('/default/search')).query({ q }).set(auth)).body;
    const shirt = await search('berapa harga kemeja batik sidomukti?');
    expect(JSON.stringify(shirt.passages)).not.toContain('toko.test/sidomukti');
    const vouchers = await search('do you sell gift vouchers?');
    expect(vouchers).toMatchObject({ relevant: true, passages: [{ sourceId: `default/${snippetsId}`, title: 'Do you sell gift vouchers?' }] });
    expect(vouchers.passages[0].text).toContain('sold out until June');
  });
});
