// Reads knowledge files: Markdown, text, HTML, PDF, DOCX and product catalogs (CSV, JSON), as text with
// a title. A file that cannot be read or decoded is reported with its path and the reason, and the others
// still load: one broken upload must not take the whole knowledge base down. A catalog row that is broken
// is reported the same way ("catalog.csv: row 4: …") while the file's other rows load.
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import type { CatalogOptions, Product } from './formats/catalog.js';
import { csvCatalog, jsonCatalog } from './formats/catalog.js';
import { htmlToText } from './formats/html.js';

export type KnowledgeFormat = 'markdown' | 'text' | 'html' | 'pdf' | 'docx' | 'catalog';

export interface LoadOptions {
  /** How catalog prices and labels are written (default: IDR, Indonesian). */
  catalog?: CatalogOptions;
}

export const DEFAULT_CATALOG: CatalogOptions = { currency: 'IDR', language: 'id' };

export interface LoadedFile {
  /** Path relative to the knowledge folder, with forward slashes: the document's stable identity. */
  path: string;
  title: string;
  /** The text to index: Markdown as written, HTML converted to Markdown-like text. */
  text: string;
  format: KnowledgeFormat;
  /** sha256 of the raw bytes: the sync re-embeds a file only when this changes. */
  hash: string;
  /** A catalog's products, one per section (headed by the product's name), and how its prices are written. */
  catalog?: { products: Product[]; options: CatalogOptions };
}

export interface LoadError {
  path: string;
  reason: string;
}

export interface LoadResult {
  files: LoadedFile[];
  errors: LoadError[];
}

const FORMATS: Record<string, KnowledgeFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.csv': 'catalog',
  '.json': 'catalog',
};

/** File extensions the loaders read (uploads with others are refused). */
export const SUPPORTED_EXTENSIONS = Object.keys(FORMATS);

export function formatOf(fileName: string): KnowledgeFormat | undefined {
  return FORMATS[extname(fileName).toLowerCase()];
}

/** Larger files are almost certainly not help pages (exports, logs) and would swamp the index. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Removes YAML front matter, returning its `title:` if it has one. */
function stripFrontMatter(text: string): { body: string; title: string | undefined } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (match === null) return { body: text, title: undefined };
  const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(match[1] ?? '')?.[1];
  return { body: text.slice(match[0].length), title };
}

/** The text of the first Markdown heading (any level), without emphasis marks. */
export function firstHeading(text: string): string | undefined {
  const heading = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(text)?.[1];
  return heading?.replace(/[*_`]/g, '').trim() || undefined;
}

/** Decodes bytes as UTF-8 (or UTF-16 with a byte order mark); throws a readable reason otherwise. */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
  if (bytes.includes(0)) throw new Error('binary content (NUL bytes), not a text file');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new Error('not valid UTF-8 text (save it as UTF-8)');
  }
}

interface Parsed {
  text: string;
  title: string | undefined;
  warnings: string[];
  catalog?: LoadedFile['catalog'];
}

async function toText(path: string, bytes: Buffer, format: KnowledgeFormat, options: LoadOptions): Promise<Parsed> {
  switch (format) {
    case 'pdf':
      // The parsers load on the first PDF or DOCX: a start whose knowledge has none never loads them.
      return { text: await (await import('./formats/pdf.js')).pdfToText(bytes), title: undefined, warnings: [] };
    case 'docx': {
      const text = await (await import('./formats/docx.js')).docxToText(bytes);
      return { text, title: firstHeading(text), warnings: [] };
    }
    case 'catalog': {
      const source = decode(bytes);
      const catalog = options.catalog ?? DEFAULT_CATALOG;
      const { text, products, warnings } = extname(path).toLowerCase() === '.json' ? jsonCatalog(source, catalog) : csvCatalog(source, catalog);
      return { text, title: undefined, warnings, catalog: { products, options: catalog } };
    }
    case 'html': {
      const converted = htmlToText(decode(bytes).replace(/\r\n?/g, '\n'));
      return { text: converted.text, title: converted.title ?? firstHeading(converted.text), warnings: [] };
    }
    default: {
      const { body, title } = stripFrontMatter(decode(bytes).replace(/\r\n?/g, '\n'));
      const text = body.trim();
      return { text, title: title ?? firstHeading(text), warnings: [] };
    }
  }
}

/**
 * Parses one file's bytes. Throws the reason when the file is unusable; `warnings` lists the parts
 * that were skipped (broken catalog rows).
 */
export async function parseFile(
  path: string,
  bytes: Buffer,
  options: LoadOptions = {},
): Promise<{ file: LoadedFile; warnings: string[] }> {
  const format = formatOf(path);
  if (format === undefined) throw new Error(`unsupported file type (use ${SUPPORTED_EXTENSIONS.join(', ')})`);
  const { text, title, warnings, catalog } = await toText(path, bytes, format, options);
  if (text.trim().length === 0) throw new Error('the file has no text');
  const file: LoadedFile = { path, title: title ?? basename(path, extname(path)), text, format, hash: contentHash(path, bytes, options) };
  if (catalog !== undefined) file.catalog = catalog;
  return { file, warnings };
}

/** What a sync compares: the sha256 of a file's bytes, and for a catalog of its currency and language too (a change of either re-indexes it). */
export function contentHash(path: string, bytes: Buffer, options: LoadOptions = {}): string {
  const hash = createHash('sha256').update(bytes);
  if (formatOf(path) === 'catalog') hash.update(JSON.stringify(options.catalog ?? DEFAULT_CATALOG));
  return hash.digest('hex');
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'ENOENT') return 'not found';
    if (code === 'EISDIR') return 'a folder with a file extension, skipped';
    return error.message;
  }
  return String(error);
}

async function listFiles(root: string, directory: string, found: string[], errors: LoadError[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    if (directory === root) throw new Error(`cannot read the knowledge folder ${root}: ${describe(error)}`);
    errors.push({ path: relative(root, directory).split(sep).join('/'), reason: `cannot list the folder: ${describe(error)}` });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    // Hidden files and folders (.git, .DS_Store, editor swap files) are never knowledge.
    if (entry.name.startsWith('.')) continue;
    const full = join(directory, entry.name);
    if (entry.isDirectory()) await listFiles(root, full, found, errors);
    else if ((entry.isFile() || entry.isSymbolicLink()) && formatOf(entry.name) !== undefined) {
      found.push(full);
    }
  }
}

/** The supported files below `root` (full path, and the path relative to it that identifies the document), sorted; throws only when `root` itself cannot be read. */
export async function listKnowledgeFiles(root: string): Promise<{ files: { full: string; path: string }[]; errors: LoadError[] }> {
  const found: string[] = [];
  const errors: LoadError[] = [];
  await listFiles(root, root, found, errors);
  return { files: found.map((full) => ({ full, path: relative(root, full).split(sep).join('/') })), errors };
}

/** A file's bytes, refused above MAX_FILE_BYTES. */
export async function readKnowledgeFile(full: string): Promise<Buffer> {
  const info = await stat(full);
  if (info.size > MAX_FILE_BYTES) {
    throw new Error(`too large (${(info.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
  }
  return readFile(full);
}

/**
 * Loads every supported file below `root`. Throws only when `root` itself cannot be read;
 * problems with single files (and skipped catalog rows) are returned in `errors`.
 */
export async function loadKnowledgeFolder(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const { files: found, errors } = await listKnowledgeFiles(root);
  const files: LoadedFile[] = [];
  for (const { full, path } of found) {
    try {
      const { file, warnings } = await parseFile(path, await readKnowledgeFile(full), options);
      files.push(file);
      for (const warning of warnings) errors.push({ path, reason: warning });
    } catch (error) {
      errors.push({ path, reason: describe(error) });
    }
  }
  return { files, errors };
}
