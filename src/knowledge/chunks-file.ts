// A generation's chunks.bin: the chunk table and the lexical index in one file of typed sections (binary-sections.ts).
// It is read into shared memory, so the search thread (lexical-thread.ts) opens the same bytes without a copy; this
// module imports nothing of the vector graph, so that thread loads no native code.
import { open } from 'node:fs/promises';
import { decodeStrings, section, unpackSections } from './binary-sections.js';
import type { ChunkTableData } from './chunk-table.js';
import type { LexicalData } from './lexical-index.js';

export const CHUNKS_FILE = 'chunks.bin';
export const FORMAT = 1;

/** The header of chunks.bin. */
export interface Meta {
  format: number;
  dimensions: number;
  chunks: number;
  sources: number;
  terms: number;
  nextLabel: number;
  totalLength: number;
}

export interface GenerationData {
  chunks: ChunkTableData;
  lexical: LexicalData;
}

/** A file's bytes in a SharedArrayBuffer (aligned from its start, as the sections' views need). */
export async function readShared(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let done = 0;
    while (done < size) {
      const { bytesRead } = await file.read(bytes, done, size - done, done);
      if (bytesRead === 0) throw new Error(`${path}: cut short while it was read`);
      done += bytesRead;
    }
    return bytes;
  } finally {
    await file.close();
  }
}

/** The chunk table and the lexical index of a chunks.bin, as views of its bytes (only the lists of strings are decoded). */
export function parseGenerationData(bytes: Uint8Array, path: string): GenerationData {
  const unpacked = unpackSections(bytes, path);
  const meta = unpacked.meta as Meta;
  if (meta.format !== FORMAT) throw new Error(`${path}: unknown format ${String(meta.format)}`);
  const u8 = (name: string) => section(unpacked, name, 'u8', path);
  const u16 = (name: string) => section(unpacked, name, 'u16', path);
  const u32 = (name: string) => section(unpacked, name, 'u32', path);
  const chunks: ChunkTableData = {
    ids: decodeStrings(u8('ids'), meta.chunks),
    labels: u32('labels'),
    source: u16('source'),
    sources: decodeStrings(u8('sources'), meta.sources),
    recordStart: u32('recordStart'),
    records: u8('records'),
    dimensions: meta.dimensions,
    vectors: section(unpacked, 'vectors', 'f32', path),
    nextLabel: meta.nextLabel,
  };
  const lexical: LexicalData = {
    terms: decodeStrings(u8('terms'), meta.terms),
    postingStart: u32('postingStart'),
    postingSlot: u32('postingSlot'),
    postingTf: u16('postingTf'),
    maxSaturation: section(unpacked, 'maxSaturation', 'f64', path),
    length: u32('length'),
    totalLength: meta.totalLength,
  };
  return { chunks, lexical };
}
