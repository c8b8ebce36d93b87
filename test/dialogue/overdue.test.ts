// Waited longer than Jawab said: the times a reply promises, the time a customer says they waited, and the page's
// own word for that case.
import { describe, expect, it } from 'vitest';
import { conditionMet, saysWaited, statedWait, waitedLonger, waitedPastAnswer } from '../../src/dialogue/overdue.js';

const CONFIRMED = 'Pembayaran lewat virtual account, dompet digital dan QRIS terkonfirmasi otomatis dalam 15 menit; Anda tidak perlu mengirim bukti transfer.';
const REFUND = 'Dana dikembalikan ke metode pembayaran awal dalam 3–7 hari kerja. Refund untuk pesanan COD dikirim melalui transfer bank.';
const HOUR = 60;
const DAY = 24 * HOUR;

describe('statedWait', () => {
  it('is the longest time a reply names, a working day counted as 7/5 of a day', () => {
    expect(statedWait(CONFIRMED)).toEqual({ minutes: 15, text: '15 menit' });
    expect(statedWait(REFUND)).toEqual({ minutes: 7 * DAY * 1.4, text: '3–7 hari kerja' });
    expect(statedWait('Delivery takes 7–14 working days.')?.text).toBe('7–14 working days');
    expect(statedWait('Showroom buka setiap hari pukul 09.00–21.00 WIB.')).toBeUndefined();
    // "the next working day" is one.
    expect(statedWait('Pesanan yang dibayar setelah itu dikirim pada hari kerja berikutnya.')).toEqual({ minutes: DAY * 1.4, text: 'hari kerja berikutnya' });
  });
});

describe('saysWaited', () => {
  it.each([
    ['udh 2 jam lho', 2 * HOUR],
    ['udh 2 minggu blm masuk dananya', 14 * DAY],
    ['sudah seminggu kak', 7 * DAY],
    ["it's been a week", 7 * DAY],
    // A time of day past, at the least the hours since.
    ['udh tf td pagi tp blm dikonfirmasi', 3 * HOUR],
    ['aku transfer kemarin kok blm masuk', DAY],
    ['I paid last night and it still says unpaid', 8 * HOUR],
    ['kirim 2 kemeja ke medan', undefined],
    ['blm masuk', undefined],
  ])('%s: %s minutes', (message, minutes) => expect(saysWaited(message)).toBe(minutes));
});

describe('waitedLonger and conditionMet', () => {
  it('is longer than the reply promised, not as long', () => {
    expect(waitedLonger('udh 2 jam lho', CONFIRMED)?.text).toBe('15 menit');
    expect(waitedLonger('udah 10 menit', CONFIRMED)).toBeUndefined();
    expect(waitedLonger('udh 5 hari kerja belum masuk', REFUND)).toBeUndefined();
    expect(waitedLonger('udh 2 minggu blm masuk dananya', REFUND)?.text).toBe('3–7 hari kerja');
  });

  it('finds the page’s own word for a wait that long: a sentence that says what to do after it', () => {
    const after = 'Jika 1 jam setelah membayar status pesanan masih "Menunggu pembayaran", kirimkan nomor pesanan dan bukti transfer ke WhatsApp kami.';
    expect(conditionMet('udh 2 jam lho', after)).toBe(true);
    expect(conditionMet('udah 30 menit', after)).toBe(false);
    // Four days meet "3 working days" as the customer counts them.
    expect(conditionMet("it hasn't moved for 4 days", 'If the tracking status has not changed for 3 working days, send us your order number.')).toBe(true);
    expect(conditionMet('udh 2 jam lho', CONFIRMED)).toBe(false);
  });
});

describe('waitedPastAnswer', () => {
  const MEDAN = 'Medan — ongkos kirim per kg: Rp 35.000; lama pengiriman: 3–5 hari kerja.';
  it('is the time the answer gives when the customer has waited longer for what has not come', () => {
    expect(waitedPastAnswer('paket aku udh 10 hari blm sampe, ke medan', MEDAN)?.text).toBe('3–5 hari kerja');
    expect(waitedPastAnswer('kok pesanan aku blm dikirim2 sih udh 3 hari', 'Pesanan yang dibayar setelah itu dikirim pada hari kerja berikutnya.')?.text).toBe('hari kerja berikutnya');
    expect(waitedPastAnswer('refund aku udh 2 minggu blm masuk', REFUND)?.text).toBe('3–7 hari kerja');
  });

  it('is nothing for a question about a time limit, or a wait shorter than the answer gives', () => {
    expect(waitedPastAnswer('udh 3 minggu, masih bisa retur?', 'Barang dapat dikembalikan dalam 14 hari setelah pesanan diterima.')).toBeUndefined();
    expect(waitedPastAnswer('paket aku udh 3 hari blm sampe, ke medan', MEDAN)).toBeUndefined();
  });
});
