// How a table row is written as a passage (chunker.ts: "Surabaya — ongkos kirim per kg: Rp 19.000; lama pengiriman:
// 2–3 hari kerja") and read back by retrieval: a row is about its key cell (a city, a size), and its cells can be
// compared ("lingkar dada: 102 cm"). Kept apart from the chunker so the answering side loads no text splitter.

/** Where a table row's key cell ends and its "header: value" pairs begin. */
export const ROW_KEY_END = ' — ';
/** Between a row's header/value pairs. */
export const CELL_END = '; ';

/** A row line read back: its key cell and its header/value pairs, or undefined for any other passage. */
export function readRow(text: string): { key: string; cells: Array<[header: string, value: string]> } | undefined {
  const at = text.indexOf(ROW_KEY_END);
  if (at < 0 || text.includes('\n')) return undefined;
  const cells: Array<[string, string]> = [];
  for (const pair of text.slice(at + ROW_KEY_END.length).split(CELL_END)) {
    const colon = pair.indexOf(': ');
    if (colon < 0) return undefined;
    cells.push([pair.slice(0, colon), pair.slice(colon + 2).replace(/\.$/, '')]);
  }
  return { key: text.slice(0, at), cells };
}

/** A row line from its key cell and header/value pairs: what readRow reads back (without the final period). */
export function writeRow(key: string, cells: ReadonlyArray<readonly [header: string, value: string]>): string {
  return `${key}${ROW_KEY_END}${cells.map(([header, value]) => `${header}: ${value}`).join(CELL_END)}`;
}
