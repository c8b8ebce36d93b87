// The note an agent finds when Jawab hands over, against the fake Chatwoot: why in plain words, what the customer
// wants, what Jawab answered, the details and the customer's language, in the team language, within six lines.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';
import { customerMessage } from '../helpers/payloads.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const notes = (harness: Harness) => harness.fake!.conversation(1, 42).messages.filter((m) => m.private).map((m) => m.content);

describe('the handoff note (offline)', () => {
  it('an Indonesian conversation, in the default team language (Indonesian)', async () => {
    h = await startHarness();
    const budi = { name: 'Budi Santoso', email: null, phone_number: null };
    await h.deliver(customerMessage({ id: 5001, text: 'halo kak, brp ongkir ke surabaya?', contact: budi }));
    await h.settle();
    await h.deliver(customerMessage({ id: 5002, text: 'paket saya belum sampai udah 5 hari. email saya budi@contoh.id', contact: budi }));
    await h.settle();
    await h.deliver(customerMessage({ id: 5003, text: 'mau bicara dengan CS aja deh', contact: budi }));
    await h.settle();
    expect(notes(h)).toEqual([
      [
        'Diserahkan ke tim: pelanggan minta bicara dengan orang.',
        'Pelanggan ingin: Brp ongkir ke surabaya? Paket saya belum sampai udah 5 hari.',
        'Sudah dijawab: Surabaya — ongkos kirim per kg: Rp 19.000; lama pengiriman: 2–3 hari kerja. / Jika status pelacakan tidak berubah selama 3 hari kerja, atau paket melewati estimasi waktu…',
        'Data: nama Budi Santoso · email budi@contoh.id.',
        'Bahasa pelanggan: Indonesia.',
      ].join('\n'),
    ]);
    h.fake!.assertNoViolations();
  });

  it('an order placed after a list of sizes: the order is what the customer wants, the list what was answered', async () => {
    h = await startHarness();
    const sari = { name: 'Sari', email: null, phone_number: null };
    await h.deliver(customerMessage({ id: 5201, text: 'kak kemeja parang ready uk M?', contact: sari }));
    await h.settle();
    await h.deliver(customerMessage({ id: 5202, text: 'ok aku ambil 1 ya kak', contact: sari }));
    await h.settle();
    expect(notes(h)).toEqual([
      [
        'Diserahkan ke tim: pelanggan mau memesan.',
        'Pelanggan ingin: Kemeja parang ready uk M? Aku ambil 1 ya.',
        'Sudah dijawab: Ukuran M ada untuk: Kemeja Batik Parang Slim Fit — harga Rp 289.000 — varian S, M, L, XL — stok…',
        'Data: nama Sari.',
        'Bahasa pelanggan: Indonesia.',
      ].join('\n'),
    ]);
    h.fake!.assertNoViolations();
  });

  it('an English conversation, in English as the team language', async () => {
    h = await startHarness({ teamLanguage: 'en' });
    await h.deliver(customerMessage({ id: 5101, text: 'Hi! How long does delivery to Surabaya take?' }));
    await h.settle();
    await h.deliver(customerMessage({ id: 5102, text: 'Thanks. And do you sell gift cards for Steam games?' }));
    await h.settle();
    expect(notes(h)).toEqual([
      [
        'Handed over: the knowledge has no answer to the question.',
        'Customer wants: How long does delivery to Surabaya take? And do you sell gift cards for Steam games?',
        'Jawab answered: Jakarta, Surabaya and the rest of Java: 2–3 working days.',
        'Details: name Maria Silva · email maria.silva@example.com · phone +351912345678.',
        "Customer's language: English.",
        'Searched in the knowledge: Frequently asked questions (0.35), Payment methods (0.21), Tanya jawab (0.18).',
      ].join('\n'),
    ]);
    h.fake!.assertNoViolations();
  });
});
