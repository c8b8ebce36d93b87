import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { folderUnchanged } from '../../src/knowledge/folder-check.js';
import type { LoadOptions } from '../../src/knowledge/loader.js';
import { loadKnowledgeFolder } from '../../src/knowledge/loader.js';
import type { SourceEntry } from '../../src/knowledge/manifest.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const newDir = tempDirs('jawab-folder-check-');
let folder: string;

/** The source entry a sync of the folder as it is now would record. */
async function indexed(options: LoadOptions = {}): Promise<SourceEntry> {
  const { files, errors } = await loadKnowledgeFolder(folder, options);
  return { origin: folder, errors, documents: Object.fromEntries(files.map((file) => [file.path, { hash: file.hash, title: file.title, chunks: 1 }])) };
}

beforeEach(async () => {
  folder = join(await newDir(), 'knowledge');
  await mkdir(join(folder, 'faq'), { recursive: true });
  await writeFile(join(folder, 'shipping.md'), '# Shipping\n\nDelivery takes 2 days.\n');
  await writeFile(join(folder, 'faq', 'hours.txt'), 'We are open from 08:00.\n');
  await writeFile(join(folder, 'catalog.csv'), 'name,price\nBatik shirt,250000\nBroken row\n');
});

describe('folderUnchanged', () => {
  it('is true for the folder as indexed, also with warnings about rows of an indexed catalog', async () => {
    const entry = await indexed();
    expect(entry.errors.map((error) => error.path)).toEqual(['catalog.csv']);
    expect(await folderUnchanged(folder, entry, {})).toBe(true);
  });

  it('sees a changed byte, a new file, a removed file and a catalog read with another currency', async () => {
    const entry = await indexed();
    await writeFile(join(folder, 'shipping.md'), '# Shipping\n\nDelivery takes 3 days.\n');
    expect(await folderUnchanged(folder, entry, {})).toBe(false);
    const changed = await indexed();
    await writeFile(join(folder, 'faq', 'new.md'), 'New page.\n');
    expect(await folderUnchanged(folder, changed, {})).toBe(false);
    const grown = await indexed();
    await unlink(join(folder, 'faq', 'hours.txt'));
    expect(await folderUnchanged(folder, grown, {})).toBe(false);
    const shrunk = await indexed();
    expect(await folderUnchanged(folder, shrunk, {})).toBe(true);
    expect(await folderUnchanged(folder, shrunk, { catalog: { currency: 'USD', language: 'en' } })).toBe(false);
  });

  it('is false for a file that could not be read last time, for another folder and for a source never synced', async () => {
    await writeFile(join(folder, 'broken.md'), Buffer.from([0xff, 0xfe, 0x00, 0xd8]));
    const entry = await indexed();
    expect(entry.errors.map((error) => error.path)).toContain('broken.md');
    expect(await folderUnchanged(folder, entry, {})).toBe(false);
    await unlink(join(folder, 'broken.md'));
    const clean = await indexed();
    expect(await folderUnchanged(join(folder, 'faq'), clean, {})).toBe(false);
    expect(await folderUnchanged(folder, undefined, {})).toBe(false);
    expect(await folderUnchanged(join(folder, 'missing'), clean, {})).toBe(false);
  });
});
