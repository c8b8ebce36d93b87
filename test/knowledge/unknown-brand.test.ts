import { describe, expect, it } from 'vitest';
import { unknownBrands } from '../../src/knowledge/unknown-brand.js';

// What a shop's knowledge names, as the index would answer knows().
const NAMED = new Set(['bca', 'mandiri', 'gopay', 'ovo', 'jne', 'sicepat', 'gosend', 'surabaya', 'bayar', 'kirim']);
const knows = (term: string) => NAMED.has(term);

describe('unknownBrands', () => {
  it('lists the banks, wallets, pay-laters and couriers the question names and the knowledge does not', () => {
    expect(unknownBrands('bisa bayar pake BSI atau Kredivo?', knows)).toEqual(['bsi', 'kredivo']);
    expect(unknownBrands('kirim pake Grab Express bisa?', knows)).toEqual(['grabexpress']);
    expect(unknownBrands('can I pay with PayPal', knows)).toEqual(['paypal']);
  });

  it('lists a country or town abroad the knowledge does not name, not one it does', () => {
    const abroad = (term: string) => term === 'malaysia' || knows(term);
    expect(unknownBrands('kirim ke brunei bisa ga', abroad)).toEqual(['brunei']);
    expect(unknownBrands("Hi, I'm in Sydney, can you send a parcel to Australia?", abroad)).toEqual(['sydney', 'australia']);
    expect(unknownBrands('ship to malaysia?', abroad)).toEqual([]);
    // "bahasa inggris" is the English language, not England.
    expect(unknownBrands('ada CS yg bisa bahasa inggris?', abroad)).toEqual([]);
  });

  it('knows a brand by its service\'s other name (Gojek delivers with GoSend)', () => {
    expect(unknownBrands('bisa kirim pake gojek?', knows)).toEqual([]);
  });

  it('leaves named brands, places, sizes and other words alone', () => {
    expect(unknownBrands('bayar pake BCA, kirim JNE ke Surabaya', knows)).toEqual([]);
    expect(unknownBrands('ongkir ke Kupang? ada size XXL?', knows)).toEqual([]);
    expect(unknownBrands('bisa bayar pakai paylater? (tanpa merek)', () => true)).toEqual([]);
  });
});
