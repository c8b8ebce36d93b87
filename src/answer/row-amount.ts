// "kalau 3 kg?" after "Medan — ongkos kirim per kg: Rp 35.000": the rate times the weight asked, beside the rate, so
// the customer does not do the sum. Whole kilograms only: how a shop rounds a part of one is its own rule.
import { parsePrice } from '../knowledge/formats/catalog.js';
import { readRow, writeRow } from '../knowledge/table-row.js';

const WEIGHT = /(?<![\d.,])(\d{1,3})\s*(?:kg|kilo(?:gram)?s?)\b/iu;
const PER_KG = /(?:\bper\s*|\/\s*)(?:kg|kilo(?:gram)?)\b/iu;

/** An amount written as `sample` writes its own: "Rp 35.000" and 105000 make "Rp 105.000". */
function writtenLike(sample: string, amount: number): string {
  const number = /\d{1,3}(?:([.,])\d{3})+|\d+/.exec(sample);
  if (number === null) return String(amount);
  const grouped = String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, number[1] ?? '.');
  return sample.replace(number[0], grouped);
}

/** A row reply with the cost of the weight asked after its per-kilogram cell ("…: Rp 35.000; 3 kg: Rp 105.000"). */
export function withWeightCost(reply: string, asked: string): string {
  const weight = WEIGHT.exec(asked);
  const row = weight === null ? undefined : readRow(reply.replace(/\.$/, ''));
  const at = row?.cells.findIndex(([header]) => PER_KG.test(header)) ?? -1;
  if (weight === null || row === undefined || at < 0) return reply;
  const rate = parsePrice(row.cells[at]![1]);
  if (rate === undefined) return reply;
  const kg = Number(weight[1]);
  const cost: [string, string] = [`${kg} kg`, writtenLike(row.cells[at]![1], rate * kg)];
  return `${writeRow(row.key, [...row.cells.slice(0, at + 1), cost, ...row.cells.slice(at + 1)])}.`;
}
