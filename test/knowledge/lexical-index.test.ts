import { describe, expect, it } from 'vitest';
import { buildLexicalData, emptyLexicalData, lexicalDocument } from '../../src/knowledge/lexical-build.js';
import type { LexicalHit, LexicalRows } from '../../src/knowledge/lexical-index.js';
import { LexicalIndex } from '../../src/knowledge/lexical-index.js';
import { seededRandom } from '../helpers/seeded-random.js';

interface Doc {
  id: string;
  text: string;
  source: string;
}

/** What the chunk table tells the index: ids and sources by slot. */
function rows(docs: readonly Doc[]): LexicalRows {
  const sources = [...new Set(docs.map((doc) => doc.source))];
  return { ids: docs.map((doc) => doc.id), source: Uint16Array.from(docs, (doc) => sources.indexOf(doc.source)), sources };
}

function indexOf(docs: readonly Doc[]): LexicalIndex {
  return new LexicalIndex(buildLexicalData(emptyLexicalData(), new Int32Array(0), docs.map((doc) => lexicalDocument(doc.text))), rows(docs));
}

/**
 * Every chunk scored, best first; equal scores in the order the exhaustive scan met them (the chunk holding an
 * earlier term of the query first, then the one indexed first): what top() must return, its first k.
 */
function exhaustive(index: LexicalIndex, docs: readonly Doc[], query: string, sources?: ReadonlySet<string>): LexicalHit[] {
  const prepared = index.prepare(query);
  const terms = prepared.groups.flatMap((group) => group.terms);
  const firstTerm = (doc: Doc): number => {
    const held = lexicalDocument(doc.text).terms;
    const first = terms.findIndex((term) => held.has(term));
    return first < 0 ? terms.length : first;
  };
  return docs
    .map((doc, slot) => ({ slot, doc, first: firstTerm(doc), ...index.scoreOf(prepared, doc.id) }))
    .filter(({ doc, bm25 }) => bm25 > 0 && (sources === undefined || sources.has(doc.source)))
    .sort((a, b) => b.bm25 - a.bm25 || a.first - b.first || a.slot - b.slot)
    .map(({ doc, slot, bm25, coverage }) => ({ id: doc.id, slot, bm25, coverage }));
}

// Help-text-like words: a few very common ones, Indonesian affixed forms (stem variants), synonyms (concepts).
const COMMON = ['order', 'pesanan', 'shipping', 'pengiriman', 'payment', 'pembayaran', 'refund', 'delivery', 'parcel', 'package', 'paket'];
const RARE = Array.from({ length: 300 }, (_, i) => `w${(i * 7919).toString(36)}x`);
const WORDS = [...COMMON, 'money', 'back', 'mengirim', 'dikirim', 'kirim', 'pengembalian', 'kembalikan', ...RARE];

function corpus(seed: number, size: number): Doc[] {
  const next = seededRandom(seed);
  const word = (): string => (next() < 0.4 ? COMMON[Math.floor(next() * COMMON.length)]! : WORDS[Math.floor(Math.pow(next(), 2) * WORDS.length)]!);
  const docs: Doc[] = [];
  for (let i = 0; i < size; i += 1) {
    // Some chunks repeat an earlier one word for word: equal scores, decided by the slot.
    const copy = i > 10 && next() < 0.05 ? docs[Math.floor(next() * docs.length)]!.text : undefined;
    const text = copy ?? Array.from({ length: 3 + Math.floor(next() * 60) }, word).join(' ');
    docs.push({ id: `doc-${i}`, text, source: next() < 0.7 ? 'folder' : 'default/faq' });
  }
  return docs;
}

function queries(seed: number, count: number): string[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: 1 + Math.floor(next() * 8) }, () => (next() < 0.1 ? 'bitcoin' : WORDS[Math.floor(next() * WORDS.length)]!));
    return words.join(' ');
  });
}

describe('LexicalIndex.top', () => {
  it('returns exactly the exhaustive top k (scores, coverage, ties) on random corpora', () => {
    for (const seed of [1, 2, 3]) {
      const docs = corpus(seed, 1000);
      const index = indexOf(docs);
      const scope = new Set(['default/faq']);
      for (const query of queries(seed + 100, 50)) {
        const all = exhaustive(index, docs, query);
        const scoped = exhaustive(index, docs, query, scope);
        const prepared = index.prepare(query);
        for (const k of [1, 3, 10, 50]) {
          expect(index.top(prepared, k), `${query} (k ${k})`).toEqual(all.slice(0, k));
          expect(index.top(prepared, k, scope), `${query} (k ${k}, scoped)`).toEqual(scoped.slice(0, k));
        }
      }
    }
  });

  it('ranks a rebuilt index (chunks dropped and added) as one built from its chunks at once', () => {
    const docs = corpus(7, 800);
    const first = docs.slice(0, 600);
    const firstData = buildLexicalData(emptyLexicalData(), new Int32Array(0), first.map((doc) => lexicalDocument(doc.text)));
    // Drop every third chunk, keep the order of the rest, then add 200 more.
    const kept = new Int32Array(first.length);
    let next = 0;
    first.forEach((_, slot) => (kept[slot] = slot % 3 === 0 ? -1 : next++));
    const survivors = first.filter((_, slot) => slot % 3 !== 0);
    const added = docs.slice(600);
    const rebuilt = new LexicalIndex(buildLexicalData(firstData, kept, added.map((doc) => lexicalDocument(doc.text))), rows([...survivors, ...added]));
    const fresh = indexOf([...survivors, ...added]);
    for (const query of queries(8, 40)) {
      expect(rebuilt.top(rebuilt.prepare(query), 20), query).toEqual(fresh.top(fresh.prepare(query), 20));
    }
    // A dropped chunk is gone: it scores nothing.
    const dropped = first.find((_, slot) => slot % 3 === 0)!;
    expect(rebuilt.scoreOf(rebuilt.prepare(dropped.text), dropped.id)).toEqual({ bm25: 0, coverage: 0 });
  });

  it('matches a word through its stem variants and synonyms, and weighs the unknown word most', () => {
    const docs: Doc[] = [
      { id: 'ship', text: 'Pengiriman ke Surabaya memakan waktu dua hari', source: 'folder' },
      { id: 'refund', text: 'We give your money back within seven days', source: 'folder' },
      { id: 'hours', text: 'Opening hours are Monday to Saturday', source: 'folder' },
    ];
    const index = indexOf(docs);
    expect(index.top(index.prepare('kapan paket dikirim ke surabaya'), 3).map((hit) => hit.id)).toEqual(['ship']);
    const [refund] = index.top(index.prepare('refund'), 3);
    expect(refund?.id).toBe('refund');
    expect(refund?.coverage).toBeCloseTo(0.75, 10);
    const offTopic = index.top(index.prepare('bitcoin price surabaya'), 3);
    expect(offTopic.map((hit) => hit.id)).toEqual(['ship']);
    expect(offTopic[0]!.coverage).toBeLessThan(0.5);
  });
});
