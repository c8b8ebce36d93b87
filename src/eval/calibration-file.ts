// Writes fitted thresholds into src/knowledge/calibration.ts, the data block between its markers, so the fit is
// reviewed and committed like any code change and the build carries it (no data file to copy next to dist/).
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Calibration } from '../knowledge/calibration.js';
import { CALIBRATION } from '../knowledge/calibration.js';

const FILE = fileURLToPath(new URL('../knowledge/calibration.ts', import.meta.url));
const BLOCK = /export const CALIBRATION: Readonly<Record<string, Calibration>> = \{[\s\S]*?\n?\};/;

/** Sets the calibration of one embeddings model, keeping the others; returns the file written. */
export async function writeCalibration(embeddingsId: string, calibration: Calibration): Promise<string> {
  const all = { ...CALIBRATION, [embeddingsId]: calibration };
  const source = await readFile(FILE, 'utf8');
  if (!BLOCK.test(source)) throw new Error(`${FILE}: the CALIBRATION block was not found`);
  const body = JSON.stringify(all, null, 2);
  await writeFile(FILE, source.replace(BLOCK, `export const CALIBRATION: Readonly<Record<string, Calibration>> = ${body};`));
  return FILE;
}
