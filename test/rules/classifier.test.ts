// The offline classifier and the exact checks: entities (email, Indonesian and international phones, names,
// addresses), intents and topics, sentiment, business hours. The labelled set in test/eval/ measures it as a whole.
import { describe, expect, it } from 'vitest';
import { businessHoursSchema } from '../../src/config/settings-rules.js';
import { withinBusinessHours } from '../../src/rules/business-hours.js';
import { findAddress, findContactDetails, findName, findPhone } from '../../src/rules/entities.js';
import { classifyOffline } from '../../src/rules/offline-classifier.js';

const signals = (text: string, custom: string[] = []) => classifyOffline({ texts: [text], custom });

describe('contact details', () => {
  it('finds Indonesian phone numbers in their usual spellings, as E.164', () => {
    for (const text of ['WA saya 0812-3456-7890', 'nomor: +62 812 3456 7890', 'hubungi 6281234567890 ya', '0812.3456.7890']) {
      expect(findPhone(text), text).toBe('+6281234567890');
    }
    expect(findPhone('call me at +44 20 7946 0958')).toBe('+442079460958');
    expect(findPhone('order 1234567 arrived')).toBeUndefined();
  });

  it('finds emails, names and addresses, and no name in "saya mau"', () => {
    expect(findContactDetails('email saya Budi.S@Mail.co.id, nama saya Budi Santoso')).toEqual({ email: 'budi.s@mail.co.id', name: 'Budi Santoso' });
    expect(findName('Hi, my name is Maria Silva')).toBe('Maria Silva');
    expect(findName('saya mau tanya')).toBeUndefined();
    expect(findName("I'm Looking for a shirt")).toBeUndefined();
    expect(findAddress('kirim ke Jl. Sudirman No. 5, Jakarta Selatan')).toBe('Jl. Sudirman No. 5, Jakarta Selatan');
    expect(findAddress('my address is 221B Baker Street, London')).toBe('221B Baker Street, London');
  });
});

describe('intents, topics, sentiment', () => {
  it('reads English and Indonesian', () => {
    expect(signals('saya mau refund, uangnya kembalikan').wants).toContain('refund');
    expect(signals('I would like to buy two shirts').wants).toContain('buy');
    expect(signals('bisa bicara dengan admin?').wants).toContain('human');
    expect(signals('pesanan saya belum sampai, resi nya mana?').asksAbout).toContain('order_status');
    expect(signals('berapa harga kemeja batik?').asksAbout).toContain('price');
    expect(signals('berapa lama pengiriman ke Medan?').asksAbout).toContain('delivery_time');
    expect(signals('I want to cancel my subscription', ['cancel subscription, berhenti langganan']).custom).toEqual(['cancel subscription, berhenti langganan']);
  });

  it('tells frustrated, confused, happy, sad and neutral apart', () => {
    expect(signals('This is ridiculous, still no reply!!').sentiment).toBe('frustrated');
    expect(signals('kok lama banget sih, udah berkali-kali nanya').sentiment).toBe('frustrated');
    expect(signals('saya bingung, maksudnya gimana?').sentiment).toBe('confused');
    expect(signals('Makasih kak, mantap!').sentiment).toBe('happy');
    expect(signals('I am so disappointed').sentiment).toBe('sad');
    expect(signals('Do you ship to Bali?').sentiment).toBe('neutral');
  });
});

describe('business hours', () => {
  const hours = businessHoursSchema.parse({ enabled: true, timeZone: 'Asia/Jakarta', weekly: { mon: [{ from: '09:00', to: '17:00' }], fri: [{ from: '22:00', to: '02:00' }] } });
  const at = (iso: string) => Date.parse(iso);

  it('uses the time zone and weekly hours, and ranges past midnight', () => {
    expect(withinBusinessHours(hours, at('2026-04-13T02:00:00Z'))).toBe(true); // Monday 09:00 in Jakarta
    expect(withinBusinessHours(hours, at('2026-04-13T01:59:00Z'))).toBe(false); // Monday 08:59
    expect(withinBusinessHours(hours, at('2026-04-13T10:00:00Z'))).toBe(false); // Monday 17:00
    expect(withinBusinessHours(hours, at('2026-04-17T15:30:00Z'))).toBe(true); // Friday 22:30
    expect(withinBusinessHours(hours, at('2026-04-17T18:30:00Z'))).toBe(true); // Saturday 01:30, Friday's range
    expect(withinBusinessHours(hours, at('2026-04-17T19:30:00Z'))).toBe(false); // Saturday 02:30
    expect(withinBusinessHours({ ...hours, enabled: false }, at('2026-04-17T19:30:00Z'))).toBe(true);
  });
});
