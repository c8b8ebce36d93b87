// Small talk through a turn: a reply and no search, never a handoff or an unanswered question in Analytics, not counted
// as an answer, and a goodbye that stops the follow-ups.
import { describe, expect, it } from 'vitest';
import { factsOf } from '../../src/analytics/facts.js';
import type { Answerer, AnswerRequest } from '../../src/answer/types.js';
import { defaultSettings, type Profile } from '../../src/config/settings.js';
import { initialState, type ConversationState, type PendingMessage } from '../../src/engine/state.js';
import { applyTurn, decideTurn } from '../../src/engine/turn.js';

const NOW = 1_700_000_000_000;
const ref = { accountId: 1, inboxId: 3, conversationId: 42 };

/** Records what the knowledge was asked; it knows nothing. */
function recordingAnswerer(): Answerer & { asked: AnswerRequest[] } {
  const asked: AnswerRequest[] = [];
  return { asked, answer: async (request) => (asked.push(request), { kind: 'no_answer', tried: [], mode: 'offline' }) };
}

function profile(changes: Partial<Profile> = {}): Profile {
  return { ...defaultSettings().defaultProfile, ...changes };
}

function withMessages(state: ConversationState, texts: string[]): { state: ConversationState; messages: PendingMessage[] } {
  const messages = texts.map((text, i) => ({ messageId: 100 + i, text, at: NOW, attachmentCount: 0 }));
  const transcript = [...state.transcript, ...messages.map((m) => ({ role: 'customer' as const, text: m.text, at: NOW }))];
  return { state: { ...state, pending: messages, transcript }, messages };
}

describe('a turn of small talk', () => {
  it('greets back without searching, and counts as no answer and no knowledge gap', async () => {
    const answerer = recordingAnswerer();
    const { state, messages } = withMessages(initialState(ref, NOW), ['P']);
    const decision = await decideTurn({ state, messages, profile: profile(), now: NOW, teamLanguage: 'en' }, answerer);
    expect(answerer.asked).toEqual([]);
    expect(decision).toMatchObject({ what: 'small talk', smallTalk: true, actions: [{ type: 'reply', content: 'Halo kak! Saya Jawab, asisten virtual di sini. Ada yang bisa saya bantu?' }] });
    expect(decision.handoff).toBeUndefined();
    const after = applyTurn(state, decision, NOW);
    expect(after.botReplies).toBe(0);
    expect(factsOf({ before: state, after, decision, messages, at: NOW })?.facts).not.toContainEqual(expect.objectContaining({ kind: 'unanswered' }));
  });

  it('asks the knowledge only the question of "halo kak, mau tanya, brp ongkir ke sby?", and greets back before the answer', async () => {
    const asked: AnswerRequest[] = [];
    const answerer: Answerer = { answer: async (request) => (asked.push(request), { kind: 'answer', text: 'Rp 19.000 per kg.', sources: [], mode: 'offline' }) };
    const { state, messages } = withMessages(initialState(ref, NOW), ['halo kak', 'mau tanya', 'brp ongkir ke sby?']);
    const decision = await decideTurn({ state, messages, profile: profile(), now: NOW, teamLanguage: 'en' }, answerer);
    expect(asked.map((request) => request.questions)).toEqual([['brp ongkir ke sby']]);
    expect(decision.actions).toEqual([{ type: 'reply', content: 'Halo kak! Rp 19.000 per kg.' }]);
  });

  it('stays quiet for "ok" after an answer, and a goodbye stops the follow-ups but not an idle resolve', async () => {
    const answered: ConversationState = { ...initialState(ref, NOW), transcript: [{ role: 'bot', text: 'Rp 19.000 per kg.', at: NOW }] };
    const withFollowUps = profile({ followUps: [{ afterSeconds: 3600, message: 'Masih ada yang bisa dibantu?', then: 'none' }], idle: { action: 'resolve', afterSeconds: 7200, message: '' } } as Partial<Profile>);
    const ok = withMessages(answered, ['ok']);
    const quiet = await decideTurn({ ...ok, profile: withFollowUps, now: NOW, teamLanguage: 'en' }, recordingAnswerer());
    expect(quiet).toMatchObject({ what: 'quiet', actions: [] });
    const bye = withMessages(answered, ['oke makasih, udah cukup']);
    const goodbye = await decideTurn({ ...bye, profile: withFollowUps, now: NOW, teamLanguage: 'en' }, recordingAnswerer());
    expect(goodbye.actions).toEqual([{ type: 'reply', content: 'Terima kasih sudah menghubungi kami, kak. Sampai jumpa!' }]);
    expect(goodbye.changes?.timers).toEqual({ idle: NOW + 7_200_000 });
  });

  it('hands off a question nothing answers, naming only the question as unanswered', async () => {
    const { state, messages } = withMessages(initialState(ref, NOW), ['halo kak', 'jual voucher steam ga?']);
    const decision = await decideTurn({ state, messages, profile: profile(), now: NOW, teamLanguage: 'en' }, recordingAnswerer());
    expect(decision).toMatchObject({ handoff: 'no_answer', unanswered: ['jual voucher steam ga'] });
    const after = applyTurn(state, decision, NOW);
    expect(factsOf({ before: state, after, decision, messages, at: NOW })?.facts).toContainEqual({ kind: 'unanswered', question: 'jual voucher steam ga' });
    expect(decision.actions[0]).toEqual({ type: 'reply', content: 'Maaf, saya belum menemukan jawabannya di informasi kami. Saya sambungkan Anda dengan tim kami sekarang ya. Mereka akan membalas di sini sebentar lagi.' });
  });

  it('hands off trouble with an apology and a request plainly: neither asked for something that was "not found"', async () => {
    const trouble = withMessages(initialState(ref, NOW), ['kak paket aku dateng tp isinya kurang 1']);
    const sorry = await decideTurn({ ...trouble, profile: profile(), now: NOW, teamLanguage: 'en' }, recordingAnswerer());
    expect(sorry).toMatchObject({ handoff: 'no_answer' });
    expect(sorry.actions[0]).toEqual({ type: 'reply', content: 'Mohon maaf atas kendalanya. Saya sambungkan Anda dengan tim kami sekarang ya. Mereka akan membalas di sini sebentar lagi.' });
    const request = withMessages(initialState(ref, NOW), ['please check my order status']);
    const plain = await decideTurn({ ...request, profile: profile(), now: NOW, teamLanguage: 'en' }, recordingAnswerer());
    expect(plain.actions[0]).toEqual({ type: 'reply', content: 'I am passing you to a member of our team now. They will reply here shortly.' });
    // An order number the knowledge cannot look up is noted and handed on, and is no knowledge gap.
    const reference = withMessages(initialState(ref, NOW), ['order number is 10023']);
    const noted = await decideTurn({ ...reference, profile: profile(), now: NOW, teamLanguage: 'en' }, recordingAnswerer());
    expect(noted.handoff).toBe('lookup');
    expect(noted.actions[0]).toEqual({ type: 'reply', content: 'Thank you, noted. I am passing you to a member of our team now. They will reply here shortly.' });
  });

  it('hands an order being placed to a person before the knowledge is searched, as an order and no knowledge gap', async () => {
    const answered: ConversationState = { ...initialState(ref, NOW), transcript: [{ role: 'bot', text: 'Kemeja Batik Mega Mendung — harga Rp 259.000.', at: NOW }] };
    const answerer = recordingAnswerer();
    const order = withMessages(answered, ['ok kak aku order 1 ya']);
    const decision = await decideTurn({ ...order, profile: profile(), now: NOW, teamLanguage: 'id' }, answerer);
    expect(answerer.asked).toEqual([]);
    expect(decision).toMatchObject({ handoff: 'order', why: 'the customer is placing an order, which a person takes (aku order 1 ya)' });
    expect(decision.unanswered).toBeUndefined();
    expect(decision.actions[0]).toEqual({ type: 'reply', content: 'Saya sambungkan Anda dengan tim kami sekarang ya. Mereka akan membalas di sini sebentar lagi.' });
    expect(decision.actions).toContainEqual(expect.objectContaining({ type: 'note', content: expect.stringMatching(/^Diserahkan ke tim: pelanggan mau memesan\./) }));
    const after = applyTurn(order.state, decision, NOW);
    expect(factsOf({ before: order.state, after, decision, messages: order.messages, at: NOW })?.facts).not.toContainEqual(expect.objectContaining({ kind: 'unanswered' }));
    // "my order hasn't arrived" names an order; it does not place one.
    const late = withMessages(initialState(ref, NOW), ["My order hasn't arrived yet, it's been 6 days"]);
    expect((await decideTurn({ ...late, profile: profile(), now: NOW, teamLanguage: 'en' }, recordingAnswerer())).handoff).toBe('no_answer');
  });
});
