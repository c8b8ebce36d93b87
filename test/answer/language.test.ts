import { describe, expect, it } from 'vitest';
import { detectLanguage, replyLanguage } from '../../src/answer/language.js';
import { personaSchema } from '../../src/config/settings.js';

describe('detectLanguage', () => {
  it.each([
    ['Hi, I was charged twice for my April invoice.', 'en'],
    ['How long does shipping to Surabaya take?', 'en'],
    ['saya mau pengembalian barang', 'id'],
    ['kak paket saya belum sampai nih', 'id'],
    ['Saya nak tanya, boleh hantar ke Kuala Lumpur?', 'ms'],
    ['boleh tak saya tukar saiz?', 'ms'],
    ['Hola, ¿cuándo llega mi pedido?', 'es'],
    ['Olá, quero saber do meu pedido', 'pt'],
    // Chat spellings make Indonesian of a question whose nouns are English.
    ['invoice reseller dikirim tanggal brp?', 'id'],
    ['size chart yg L brp', 'id'],
    ['udh tf tp blm dikonfirmasi', 'id'],
    // A short English question of a price ceiling, no grammar word.
    ['anything under 350k?', 'en'],
    ['something cheaper?', 'en'],
  ] as const)('%s -> %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it.each([
    ['halo kak', 'id'],
    ['gan', 'id'],
    ['min', 'id'],
    ['makasih kak', 'id'],
    ['selamat pagi', 'id'],
    ['hi', 'en'],
    ['hello', 'en'],
    ['good morning', 'en'],
    ['hola', 'es'],
    ['oi', 'pt'],
  ] as const)('short greeting %s -> %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it.each(['', 'ok', '123', '👍', 'INV-2024-0042'])('is unsure about %j', (text) => {
    expect(detectLanguage(text)).toBeUndefined();
  });
});

describe('replyLanguage', () => {
  const auto = personaSchema.parse({ language: 'auto', fallbackLanguage: 'id' });

  it('uses a fixed persona language whatever the customer writes', () => {
    expect(replyLanguage(personaSchema.parse({ language: 'en' }), ['halo kak, paket saya belum sampai'])).toBe('en');
  });

  it("detects the customer's language with auto", () => {
    expect(replyLanguage(auto, ['Hi, I was charged twice for my April invoice.'])).toBe('en');
    expect(replyLanguage(auto, ['halo kak', 'mau tanya ongkir ke Bali'])).toBe('id');
  });

  it('falls back when unsure', () => {
    expect(replyLanguage(auto, ['ok', '👍'])).toBe('id');
    expect(replyLanguage(personaSchema.parse({ fallbackLanguage: 'en' }), [])).toBe('en');
  });

  it("takes the conversation's earlier messages when this turn cannot tell, and only then", () => {
    const earlier = ['can i pay by bank transfer', 'which banks?', 'ok thx'];
    expect(replyLanguage(auto, ['ok thx'], earlier)).toBe('en');
    expect(replyLanguage(auto, ['makasih kak'], earlier)).toBe('id');
    expect(replyLanguage(auto, ['ok'], ['ok', 'sip'])).toBe('id');
  });

  it('lets the latest message weigh more when the customer switches language', () => {
    expect(replyLanguage(auto, ['halo kak', 'actually, could you answer in English please? where is my order'])).toBe('en');
  });
});
