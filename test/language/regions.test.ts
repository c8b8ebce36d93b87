import { describe, expect, it } from 'vitest';
import { isTown, regionsOf } from '../../src/language/regions.js';
import { tokenize } from '../../src/knowledge/text.js';

// What a shop's shipping pages name: some cities, Central Java and the islands.
const NAMED = new Set(['yogyakarta', 'jakarta', 'surabaya', 'jawa', 'tengah', 'pulau', 'bali', 'sumatra', 'kalimantan', 'nusa', 'tenggara', 'central', 'java']);
const knows = (term: string) => NAMED.has(term);
const regions = (question: string) => regionsOf(tokenize(question), knows);

describe('regionsOf', () => {
  it('gives the words the knowledge uses of the province and island of a town it does not name', () => {
    expect(regions('kirim ke kupang berapa lama')).toEqual(['nusa tenggara']);
    expect(regions('ke pontianak brp hari kak')).toEqual(['kalimantan']);
    expect(regions('how long to padang?')).toEqual(['sumatra']);
    expect(regions('gratis ongkir ke sukabumi ga?')).toEqual(['jawa java pulau']);
    // A province named alone, and one written the chat way ("kalbar").
    expect(regions('kak aku di lampung, brp hari nyampe')).toEqual(['sumatra']);
    expect(regions('kirim ke kalbar brp hari')).toEqual(['kalimantan']);
  });

  it("gives only the province when the knowledge names it (its line is the answer, not the island's)", () => {
    expect(regions('aku di kudus, brp hari nyampe')).toEqual(['jawa tengah central java']);
    expect(regions('ke sleman brp hari')).toEqual(['yogyakarta']);
    expect(regions('ongkir ke jaksel brp')).toEqual(['jakarta']);
  });

  it('reads towns of several words, and nothing for a town the knowledge names or a word not after "ke", "di", "to" …', () => {
    expect(regions('kirim ke deli serdang brp hari')).toEqual(['sumatra']);
    expect(regions('ongkir ke sby brp')).toEqual([]);
    expect(regions('kupang brp hari')).toEqual([]);
    expect(regions('sampai di puncak')).toEqual([]);
  });
});

describe('isTown', () => {
  it('knows the regencies and cities of Indonesia by their one-word names', () => {
    expect(['garut', 'pontianak', 'sleman', 'merauke'].every(isTown)).toBe(true);
    expect(['puncak', 'ongkir', 'batik'].some(isTown)).toBe(false);
  });
});
