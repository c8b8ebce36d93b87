// Doing something at the physical store: the best passage must say something of the store, or a person answers.
import { describe, expect, it } from 'vitest';
import { storeUnheld } from '../../src/knowledge/unheld-setting.js';
import type { ScoredChunk } from '../../src/knowledge/types.js';

const passage = (heading: string, text: string): ScoredChunk => ({ id: heading, text, score: 0.5, metadata: { source: 'page.md', title: 'Page', heading, position: 0 } });
const cards = passage('Kartu kredit', 'Kartu kredit Visa, Mastercard dan JCB dapat digunakan.');
const returns = passage('Cara mengembalikan barang', 'Kirim barang ke workshop kami dengan nomor pesanan.');
const showroom = passage('Showroom', 'Showroom kami di Jl. Prawirotaman No. 27 buka setiap hari; Anda bisa mencoba baju dan mengambil pesanan online di sana.');

describe('storeUnheld', () => {
  it('hands off a question about doing something at the showroom when the best passage says nothing of it', () => {
    expect(storeUnheld('di showroom bisa bayar pake kartu kredit ga', [cards, showroom])).toBe(true);
    expect(storeUnheld('retur bisa langsung ke showroom?', [returns, showroom])).toBe(true);
    expect(storeUnheld('Can I pay by card at the showroom?', [cards])).toBe(true);
  });

  it('leaves the showroom section itself, and questions that put nothing at the showroom', () => {
    expect(storeUnheld('bisa ambil pesanan di showroom?', [showroom, returns])).toBe(false);
    expect(storeUnheld('alamat showroom dimana', [cards])).toBe(false);
    // The website is where everything else happens: no setting of its own.
    expect(storeUnheld('pesen di web bisa bayar pake kartu kredit?', [cards])).toBe(false);
    expect(storeUnheld('di showroom bisa bayar pake kartu kredit ga', [])).toBe(false);
  });
});
