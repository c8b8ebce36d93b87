// The offline classifier and the exact checks: entities (email, Indonesian and international phones, names,
// addresses), intents and topics, sentiment, business hours. The labelled set in test/eval/ measures it as a whole.
import { describe, expect, it } from 'vitest';
import { businessHoursSchema, SENTIMENTS, sentimentThresholdsSchema } from '../../src/config/settings-rules.js';
import { withinBusinessHours } from '../../src/rules/business-hours.js';
import { findAddress, findContactDetails, findName, findPhone } from '../../src/rules/entities.js';
import { classifyOffline } from '../../src/rules/offline-classifier.js';
import { shows } from '../../src/rules/signals.js';

const signals = (text: string, custom: string[] = []) => classifyOffline({ texts: [text], custom });
/** The sentiments a message shows at the default thresholds. */
const feels = (text: string) => SENTIMENTS.filter((s) => shows(signals(text), sentimentThresholdsSchema.parse({}), s));

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

  it('tells frustrated, confused, happy, sad and neutral apart at the default thresholds', () => {
    expect(feels('This is ridiculous, still no reply!!')).toEqual(['frustrated']);
    expect(feels('kok lama banget sih, udah berkali-kali nanya')).toEqual(['frustrated']);
    expect(feels('saya bingung, maksudnya gimana?')).toEqual(['confused']);
    expect(feels('Makasih kak, mantap!')).toEqual(['happy']);
    expect(feels('I am so disappointed')).toEqual(['sad']);
    expect(feels('Do you ship to Bali?')).toEqual(['neutral']);
  });

  it('reads negation: negated praise is no complaint, negated blame no sadness', () => {
    expect(feels('tidak pernah kecewa belanja di sini')).toEqual(['happy']);
    expect(feels('gak nyesel beli di sini, mantap')).toEqual(['happy']);
    expect(feels('makanannya tidak enak, pelayanannya lambat')).not.toContain('happy');
  });

  it('learned chat complaints that no word list named', () => {
    expect(feels('min udh 3 hari ga dibales')).toEqual(['frustrated']);
    expect(feels('kecewa bgt')).toEqual(['sad']);
  });

  it("lets the profile tighten or loosen a mood's threshold", () => {
    // A mild complaint: frustrated at the default threshold, not once the profile asks for more certainty.
    const got = signals('udah 2 hari belum ada kabar');
    const thresholds = sentimentThresholdsSchema.parse({});
    expect(got.moods.frustrated).toBeGreaterThanOrEqual(thresholds.frustrated);
    expect(got.moods.frustrated).toBeLessThan(0.95);
    expect(shows(got, thresholds, 'frustrated')).toBe(true);
    expect(shows(got, { ...thresholds, frustrated: 0.95 }, 'frustrated')).toBe(false);
    expect(shows(got, { ...thresholds, frustrated: 0.95 }, 'neutral')).toBe(true);
    // A plain question is not frustrated at the default, and is once the profile loosens the threshold far enough.
    const asking = signals('kapan dibalas min');
    expect(asking.moods.frustrated).toBeGreaterThan(0.1);
    expect(shows(asking, thresholds, 'frustrated')).toBe(false);
    expect(shows(asking, { ...thresholds, frustrated: 0.1 }, 'frustrated')).toBe(true);
  });

  it('recognises paraphrases of the built-in intents, English and Indonesian', () => {
    expect(signals('Can I have an item refunded?').wants).toContain('refund');
    expect(signals('How do I get refunded?').wants).toContain('refund');
    expect(signals('minta duit saya balik aja').wants).toContain('refund');
    expect(signals('oper ke admin aja kak').wants).toContain('human');
    expect(signals('is the grey one still in stock?').wants).toEqual([]);
  });

  it('matches a custom intent written as example phrases by paraphrase, not only by its words', () => {
    const custom = 'change my delivery address, ganti alamat pengiriman, kirim ke alamat lain';
    expect(signals('please change the delivery address of my order', [custom]).custom).toEqual([custom]);
    expect(signals('alamat pengirimannya diganti ya kak', [custom]).custom).toEqual([custom]);
    expect(signals('berapa ongkir ke bandung?', [custom]).custom).toEqual([]);
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
