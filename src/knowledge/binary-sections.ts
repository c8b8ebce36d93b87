import { open } from 'node:fs/promises';

// A small binary container for the index files: a JSON header and named typed arrays, each 8-byte aligned, so a
// reader takes views into the file's bytes instead of parsing them (opening an index of 100k chunks costs no parse
// of 100k records). Layout: "JWB1", the header's byte length (u32 LE), the header, then the arrays.
export type Section = Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

const MAGIC = 'JWB1';
const ALIGN = 8;
const KINDS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f32: Float32Array, f64: Float64Array } as const;
type Kind = keyof typeof KINDS;

interface SectionEntry {
  name: string;
  kind: Kind;
  offset: number;
  length: number;
}

function kindOf(array: Section): Kind {
  if (array instanceof Uint8Array) return 'u8';
  if (array instanceof Uint16Array) return 'u16';
  if (array instanceof Uint32Array) return 'u32';
  return array instanceof Float32Array ? 'f32' : 'f64';
}

const aligned = (offset: number): number => Math.ceil(offset / ALIGN) * ALIGN;

export function packSections(meta: object, sections: Record<string, Section>): Uint8Array {
  const entries: SectionEntry[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(sections)) {
    entries.push({ name, kind: kindOf(array), offset, length: array.length });
    offset = aligned(offset + array.byteLength);
  }
  const header = new TextEncoder().encode(JSON.stringify({ meta, sections: entries }));
  const start = aligned(8 + header.length);
  const bytes = new Uint8Array(start + offset);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(4, header.length, true);
  bytes.set(header, 8);
  for (const entry of entries) {
    const array = sections[entry.name]!;
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start + entry.offset);
  }
  return bytes;
}

export interface Unpacked {
  meta: unknown;
  sections: Map<string, Section>;
}

/** Views into `bytes` (copied once when the buffer is not aligned, as a pooled Buffer may not be). */
export function unpackSections(input: Uint8Array, what: string): Unpacked {
  if (input.length < 8 || new TextDecoder().decode(input.subarray(0, 4)) !== MAGIC) throw new Error(`${what}: not an index file`);
  const bytes = input.byteOffset % ALIGN === 0 ? input : input.slice();
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  const { meta, sections: entries } = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as { meta: unknown; sections: SectionEntry[] };
  const start = aligned(8 + headerLength);
  const sections = new Map<string, Section>();
  for (const entry of entries) {
    const Kind = KINDS[entry.kind];
    const end = start + entry.offset + entry.length * Kind.BYTES_PER_ELEMENT;
    if (Kind === undefined || end > bytes.length) throw new Error(`${what}: section ${entry.name} is cut short`);
    sections.set(entry.name, new Kind(bytes.buffer as ArrayBuffer, bytes.byteOffset + start + entry.offset, entry.length));
  }
  return { meta, sections };
}

/** The meta of a file's header, read without the rest of the file (to start other reads that depend on it). */
export async function readMeta(path: string): Promise<unknown> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    await file.read(head, 0, 8, 0);
    if (head.toString('latin1', 0, 4) !== MAGIC) throw new Error(`${path}: not an index file`);
    const header = Buffer.alloc(head.readUInt32LE(4));
    await file.read(header, 0, header.length, 8);
    return (JSON.parse(header.toString('utf8')) as { meta: unknown }).meta;
  } finally {
    await file.close();
  }
}

/** A section of the expected kind, or a readable error. */
export function section<K extends Kind>(unpacked: Unpacked, name: string, kind: K, what: string): InstanceType<(typeof KINDS)[K]> {
  const array = unpacked.sections.get(name);
  if (array === undefined || !(array instanceof KINDS[kind])) throw new Error(`${what}: section ${name} is missing`);
  return array as InstanceType<(typeof KINDS)[K]>;
}

// Lists of strings (ids, terms, source keys) are one UTF-8 section joined by NUL, a character no file name, URL,
// source key or word token holds.
export function encodeStrings(list: readonly string[]): Uint8Array {
  return new TextEncoder().encode(list.join('\0'));
}

export function decodeStrings(bytes: Uint8Array, count: number): string[] {
  if (count === 0) return [];
  const list = new TextDecoder().decode(bytes).split('\0');
  if (list.length !== count) throw new Error(`expected ${count} strings, found ${list.length}`);
  return list;
}
