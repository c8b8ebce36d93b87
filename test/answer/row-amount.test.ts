// The cost of the weight asked, written after a row's per-kilogram rate as the rate is written.
import { describe, expect, it } from 'vitest';
import { withWeightCost } from '../../src/answer/row-amount.js';

const MEDAN = 'Medan — ongkos kirim per kg: Rp 35.000; lama pengiriman: 3–5 hari kerja.';

describe('withWeightCost', () => {
  it('adds the whole kilograms asked, times the rate, after the rate', () => {
    expect(withWeightCost(MEDAN, 'kalau 3 kg?')).toBe('Medan — ongkos kirim per kg: Rp 35.000; 3 kg: Rp 105.000; lama pengiriman: 3–5 hari kerja.');
    expect(withWeightCost('Medan — ongkos kirim per kg: Rp 35.000.', 'kalo 12kg brp')).toBe('Medan — ongkos kirim per kg: Rp 35.000; 12 kg: Rp 420.000.');
    expect(withWeightCost('Jakarta — shipping cost per kg: Rp 18,000.', 'and for 2 kilos?')).toBe('Jakarta — shipping cost per kg: Rp 18,000; 2 kg: Rp 36,000.');
  });

  it('leaves the reply as it is without a whole weight, a per-kilogram cell or a row', () => {
    expect(withWeightCost(MEDAN, 'kalo 2,5 kg?')).toBe(MEDAN);
    expect(withWeightCost(MEDAN, 'brp lama?')).toBe(MEDAN);
    expect(withWeightCost('L — lingkar dada: 108 cm; panjang badan: 72 cm.', 'berat 3 kg ukuran apa')).toBe('L — lingkar dada: 108 cm; panjang badan: 72 cm.');
    expect(withWeightCost('Berat dibulatkan ke atas per kilogram.', '3 kg')).toBe('Berat dibulatkan ke atas per kilogram.');
  });
});
