import { describe, expect, it } from 'vitest';
import { isTown, regionsOf } from '../../src/language/regions.js';
import { tokenize } from '../../src/knowledge/text.js';

// What a shop's shipping pages name: some cities, Central Java and the islands.
const NAMED = new Set(['yogyakarta', 'surabaya', 'jawa', 'tengah', 'pulau', 'bali', 'sumatra', 'kalimantan', 'nusa', 'tenggara']);
const knows = (term: string) => NAMED.has(term);
const regions = (question: string) => regionsOf(tokenize(question), knows);

describe('regionsOf', () => {
  it('gives the province and island of a town the knowledge does not name', () => {
    expect(regions('kirim ke kupang berapa lama')).toEqual(['nusa tenggara timur east nusa tenggara nusa tenggara']);
    expect(regions('ke pontianak brp hari kak')).toEqual(['kalimantan barat west kalimantan kalimantan borneo']);
    expect(regions('how long to padang?')).toEqual(['sumatera barat west sumatra sumatra sumatera']);
    expect(regions('gratis ongkir ke sukabumi ga?')).toEqual(['jawa barat west java pulau jawa java']);
  });

  it("gives only the province when the knowledge names it (its line is the answer, not the island's)", () => {
    expect(regions('aku di kudus, brp hari nyampe')).toEqual(['jawa tengah central java']);
    expect(regions('ke sleman brp hari')).toEqual(['daerah istimewa yogyakarta']);
  });

  it('reads towns of several words, and nothing for a town the knowledge names or a word not after "ke", "di", "to" …', () => {
    expect(regions('kirim ke deli serdang brp hari')).toEqual(['sumatera utara north sumatra sumatra sumatera']);
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
