// Reads a knowledge folder: every .md, .markdown, .txt and .html file below it, as text with a title.
// A file that cannot be read or decoded is reported with its path and the reason, and the others still
// load: one broken upload must not take the whole knowledge base down.
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';

export type KnowledgeFormat = 'markdown' | 'text' | 'html';

export interface LoadedFile {
  /** Path relative to the knowledge folder, with forward slashes: the document's stable identity. */
  path: string;
  title: string;
  /** The text to index: Markdown as written, HTML converted to Markdown-like text. */
  text: string;
  format: KnowledgeFormat;
  /** sha256 of the raw bytes: the sync re-embeds a file only when this changes. */
  hash: string;
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
};

/** Larger files are almost certainly not help pages (exports, logs) and would swamp the index. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** HTML to plain text that keeps headings as Markdown headings, so the splitter and titles work the same. */
export function htmlToText(html: string): { text: string; title: string | undefined } {
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = titleMatch?.[1] !== undefined ? decodeEntities(titleMatch[1]).replace(/\s+/g, ' ').trim() : undefined;
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|head|template|svg)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi, (_whole, level: string, inner: string) =>
      `\n\n${'#'.repeat(Number(level))} ${inner.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()}\n\n`)
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/li\s*>/gi, '')
    .replace(/<\/tr\s*>/gi, '\n')
    .replace(/<\/(p|div|section|article|ul|ol|table|blockquote|pre|header|footer|main)\s*>/gi, '\n\n')
    .replace(/<\/t[dh]\s*>/gi, ' | ')
    .replace(/<[^>]+>/g, '')
    .split('\n')
    .map((line) => decodeEntities(line).replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, title: title !== undefined && title.length > 0 ? title : undefined };
}

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

function parse(path: string, bytes: Buffer, format: KnowledgeFormat): LoadedFile {
  const decoded = decode(bytes).replace(/\r\n?/g, '\n');
  const fallbackTitle = basename(path, extname(path));
  let text: string;
  let title: string | undefined;
  if (format === 'html') {
    const converted = htmlToText(decoded);
    text = converted.text;
    title = converted.title ?? firstHeading(text);
  } else {
    const { body, title: frontTitle } = stripFrontMatter(decoded);
    text = body.trim();
    title = frontTitle ?? firstHeading(text);
  }
  if (text.trim().length === 0) throw new Error('the file has no text');
  return {
    path,
    title: title ?? fallbackTitle,
    text,
    format,
    hash: createHash('sha256').update(bytes).digest('hex'),
  };
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
    else if ((entry.isFile() || entry.isSymbolicLink()) && FORMATS[extname(entry.name).toLowerCase()] !== undefined) {
      found.push(full);
    }
  }
}

/**
 * Loads every supported file below `root`. Throws only when `root` itself cannot be read;
 * problems with single files are returned in `errors`.
 */
export async function loadKnowledgeFolder(root: string): Promise<LoadResult> {
  const found: string[] = [];
  const errors: LoadError[] = [];
  await listFiles(root, root, found, errors);
  const files: LoadedFile[] = [];
  for (const full of found) {
    const path = relative(root, full).split(sep).join('/');
    const format = FORMATS[extname(full).toLowerCase()]!;
    try {
      const info = await stat(full);
      if (info.size > MAX_FILE_BYTES) {
        throw new Error(`too large (${(info.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
      }
      files.push(parse(path, await readFile(full), format));
    } catch (error) {
      errors.push({ path, reason: describe(error) });
    }
  }
  return { files, errors };
}
