import { describe, expect, it } from 'vitest';
import { kindOverview, listsOfKind, wholeKindAsked } from '../../src/knowledge/which-list.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';

const passage = (source: string, heading: string | undefined, position: number, text: string): ScoredChunk => ({
  id: `${source}#${position}`,
  text,
  score: 0.5,
  metadata: { source, title: source, position, ...(heading === undefined ? {} : { heading }) },
});

const PAGE = 'id/metode-pembayaran.md';
const LEAD = passage(PAGE, undefined, 0, 'Kami menerima metode pembayaran berikut saat checkout.');
const BANKS = passage(PAGE, 'Transfer bank dan virtual account', 1, 'Pembayaran dapat dilakukan melalui virtual account BCA, Mandiri, BNI dan BRI.');
const CONFIRM = passage(PAGE, 'Konfirmasi pembayaran', 2, 'Pembayaran lewat virtual account, dompet digital dan QRIS terkonfirmasi otomatis.');
const WALLETS = passage(PAGE, 'Dompet digital dan QRIS', 3, 'Kami menerima GoPay, OVO, DANA dan ShopeePay, serta QRIS.');
const COD = passage(PAGE, 'Bayar di tempat (COD)', 4, 'COD tersedia di Pulau Jawa.');
const TRACKING = passage('id/lacak-pesanan.md', 'Cara melacak paket', 1, 'Masukkan nomor resi di situs kurir (JNE, J&T Express atau SiCepat).');

describe('wholeKindAsked', () => {
  it('reads a question for every way to pay or every courier', () => {
    expect(wholeKindAsked('metode pembayaran apa aja?')).toBe('payment');
    expect(wholeKindAsked('bisa bayar pake apa aja kak')).toBe('payment');
    expect(wholeKindAsked('what payment methods do you accept?')).toBe('payment');
    expect(wholeKindAsked('kurir apa aja?')).toBe('courier');
  });

  it('leaves a group of them, a member named, and other questions to the ranking', () => {
    expect(wholeKindAsked('e-wallet apa aja?')).toBeUndefined();
    expect(wholeKindAsked('which banks?')).toBeUndefined();
    expect(wholeKindAsked('bisa bayar pake BCA apa aja jamnya?')).toBeUndefined();
    expect(wholeKindAsked('berapa ongkir ke surabaya?')).toBeUndefined();
  });
});

describe('kindOverview', () => {
  it('gives the sections of the page that name a way to pay no fuller section named, in the page order', () => {
    const overview = kindOverview('payment', PAGE, [CONFIRM, WALLETS, LEAD, COD, BANKS]);
    expect(overview?.map((section) => section.metadata.heading)).toEqual(['Transfer bank dan virtual account', 'Dompet digital dan QRIS', 'Bayar di tempat (COD)']);
  });

  it('takes the page naming the most members, not the best passage\'s when another names more', () => {
    const ems = passage('id/pengiriman.md', 'Pengiriman ke luar negeri', 5, 'Kami mengirim ke Malaysia dengan EMS.');
    const couriers = passage('id/pengiriman.md', 'Kurir dan ongkos kirim', 3, 'Kami mengirim dengan JNE, J&T Express dan SiCepat. Same-day dengan GoSend.');
    expect(kindOverview('courier', TRACKING.metadata.source, [TRACKING, couriers, ems])?.map((section) => section.metadata.heading)).toEqual([
      'Kurir dan ongkos kirim',
      'Pengiriman ke luar negeri',
    ]);
  });

  it('is no overview when one section names them all', () => {
    expect(kindOverview('courier', TRACKING.metadata.source, [TRACKING])).toBeUndefined();
  });
});

describe('listsOfKind', () => {
  it('prefers a passage naming several of the kind asked, more when its heading names the kind', () => {
    const score = listsOfKind('e-wallet apa aja?');
    expect(score(WALLETS)).toBe(1.5);
    expect(score(COD)).toBe(0);
  });
});
