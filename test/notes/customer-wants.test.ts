// What the customer wants, as the handoff note says it: the sentences that ask, report trouble or place an order,
// each with the end mark it asks for.
import { describe, expect, it } from 'vitest';
import { customerWants } from '../../src/notes/facts.js';

describe('customerWants', () => {
  it('marks a question by a question word anywhere in it, not only by its mark or its first word', () => {
    expect(customerWants(['kemeja parang bahannya apa kak'])).toEqual(['Kemeja parang bahannya apa?']);
    expect(customerWants(['brp ongkir ke surabaya'])).toEqual(['Brp ongkir ke surabaya?']);
    expect(customerWants(['paket saya belum sampai'])).toEqual(['Paket saya belum sampai.']);
  });

  it('keeps an order placed, though it reads as a remark, and leaves out the remarks', () => {
    expect(customerWants(['kemeja parang ready uk M?', 'ok aku ambil 1 ya kak'])).toEqual(['Kemeja parang ready uk M?', 'Aku ambil 1 ya.']);
    expect(customerWants(['kemeja parang ready uk M?', 'oke noted'])).toEqual(['Kemeja parang ready uk M?']);
  });
});
