// A customer's photo, voice note, video or file without a model to read it (the attachment webhook fixture, against
// the fake Chatwoot): a short reply in the customer's language asking them to type, or a handoff when the profile
// says so; never "not found", never an unanswered question in Analytics.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixtures.js';
import { ADMIN_TOKEN, type Harness, startHarness } from '../helpers/harness.js';

const MESSAGES = '/api/v1/accounts/1/conversations/42/messages';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const posted = (harness: Harness) => harness.fake!.requests.filter((r) => r.method === 'POST' && r.path === MESSAGES).map((r) => r.body as { content: string; private: boolean });

/** The attachment fixture with its text and attachment kind changed. */
function withAttachment(id: number, content: string, fileType: string): Record<string, unknown> {
  const base = fixture('message_created.incoming_contact_with_attachment.json') as Record<string, unknown> & { attachments: Array<Record<string, unknown>> };
  return { ...base, id, content, attachments: base.attachments.map((a) => ({ ...a, message_id: id, file_type: fileType })) };
}

describe('media without a model', () => {
  it('asks in English to type the question about a screenshot, and counts no unanswered question', async () => {
    h = await startHarness();
    await h.deliver(fixture('message_created.incoming_contact_with_attachment.json'));
    await h.settle();
    expect(posted(h)).toEqual([
      expect.objectContaining({ content: 'Thank you, I have received your photo. I can only read text here: could you type your question?', private: false }),
    ]);
    const conversation = h.fake!.conversation(1, 42);
    expect(conversation.status).toBe('pending');
    const report = (await request(h.jawab.http).get('/api/analytics?days=7').set({ authorization: `Bearer ${ADMIN_TOKEN}` }).expect(200)).body as { topUnanswered: unknown[] };
    expect(report.topUnanswered).toEqual([]);
    h.fake!.assertNoViolations();
  });

  it('asks in Indonesian after an Indonesian conversation, for a voice note that has no text', async () => {
    h = await startHarness();
    await h.deliver({ ...fixture('message_created.incoming_contact.json'), id: 6001, content: 'halo kak, brp ongkir ke surabaya?' });
    await h.settle();
    await h.deliver(withAttachment(6002, '', 'audio'));
    await h.settle();
    expect(posted(h).at(-1)).toEqual(
      expect.objectContaining({ content: 'Terima kasih, pesan suara Anda sudah kami terima. Saya hanya bisa membaca teks: boleh diketik pertanyaannya?', private: false }),
    );
    h.fake!.assertNoViolations();
  });

  it('hands off with a note when the profile says so', async () => {
    h = await startHarness({ teamLanguage: 'en', profile: { media: { onFile: 'handoff', describeImages: false } } });
    await h.deliver(withAttachment(6101, 'Here is the invoice', 'file'));
    await h.settle();
    expect(posted(h).map((m) => m.content)).toEqual([
      'Thank you, I have received your file. I am passing you to a member of our team now. They will reply here shortly.',
      [
        'Handed over: the customer sent a file Jawab cannot read.',
        'Customer wants: Here is the invoice.',
        'Jawab answered: nothing yet.',
        'Details: name Maria Silva · email maria.silva@example.com · phone +351912345678.',
        "Customer's language: English.",
      ].join('\n'),
    ]);
    expect(h.fake!.conversation(1, 42).status).toBe('open');
    h.fake!.assertNoViolations();
  });
});
