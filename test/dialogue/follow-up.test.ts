// The readings of a question against the conversation's topic: which questions lean on it, and how the topic's
// slot (a city, a size) is swapped or carried.
import { describe, expect, it } from 'vitest';
import { readingsOf } from '../../src/dialogue/follow-up.js';

const TOPIC = 'Ongkos kirim per kota surabaya brp ongkir ke sby kak?';

describe('readingsOf', () => {
  it('a question without a topic stands alone', () => {
    expect(readingsOf('kalau ke medan?', undefined)).toMatchObject({ alone: 'kalau ke medan?', elliptical: false });
  });

  it('swaps the slot of an elliptical follow-up into the topic', () => {
    const readings = readingsOf('kalau ke medan?', TOPIC);
    expect(readings).toMatchObject({ elliptical: true, cue: true, slots: ['medan'], own: [] });
    expect(readings.merged).toBe('ongkos kirim per kota berapa ongkos kirim ke kakak kalau ke medan?');
  });

  it('reads a size written as one letter as the size asked after a size, and as nothing otherwise', () => {
    const readings = readingsOf('kalo L?', 'size M lingkar dadanya brp?');
    expect(readings).toMatchObject({ elliptical: true, slots: ['l'] });
    expect(readings.merged).toBe('size lingkar dadanya berapa kalo L?');
    expect(readingsOf('kalo L?', TOPIC).slots).toEqual([]);
  });

  it('carries the topic slot into a question that names none', () => {
    expect(readingsOf('lama nyampenya brp hari?', TOPIC)).toMatchObject({ elliptical: false, carried: 'lama nyampenya brp hari? surabaya' });
  });

  it.each([
    ['how much is it?', true],
    ['lingkar dadanya?', true],
    ['linknya dong', true],
    ['udh 2 jam lho', true],
    ['and email?', true],
    ['Are you open on Sunday?', false],
    ['dress kawung harganya brp kak', false],
    ['berapa lama pengiriman ke bali', false],
    ['kalau salah pilih ukuran bisa dituker ga', false],
    ['kalau ke medan brp hari?', true],
    // A question word and one word of its own, nothing else.
    ['what time?', true],
    ['brp lama?', true],
    ['what time do you close?', false],
  ])('"%s" leans on the topic: %s', (question, elliptical) => {
    expect(readingsOf(question, TOPIC).elliptical).toBe(elliptical);
  });
});
