// Splits a loaded document into chunks for the index. Headings split first (a chunk never straddles
// two sections, and knows its heading), then RecursiveCharacterTextSplitter with Markdown separators
// cuts long sections at paragraph, line, sentence and word boundaries.
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { detectLanguage } from './detect-language.js';
import type { LoadedFile } from './loader.js';
import type { ChunkMetadata } from './types.js';

export interface Chunk {
  /** The passage as stored and shown: the section text, without its heading line. */
  text: string;
  /** What is embedded: title and heading in front, so a short passage keeps its topic. */
  embedText: string;
  metadata: ChunkMetadata;
}

export const CHUNK_SIZE = 800;
export const CHUNK_OVERLAP = 100;

const splitter = RecursiveCharacterTextSplitter.fromLanguage('markdown', {
  chunkSize: CHUNK_SIZE,
  chunkOverlap: CHUNK_OVERLAP,
});

interface Section {
  heading: string | undefined;
  body: string;
}

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;

/** Cuts Markdown at its headings. Headings inside fenced code blocks are text, not headings. */
export function splitSections(text: string, title: string): Section[] {
  const sections: Section[] = [];
  let heading: string | undefined;
  let lines: string[] = [];
  let inFence = false;
  const flush = (): void => {
    const body = lines.join('\n').trim();
    if (body.length > 0) sections.push({ heading, body });
    lines = [];
  };
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : HEADING.exec(line);
    if (match === null) {
      lines.push(line);
      continue;
    }
    flush();
    const text = (match[2] ?? '').replace(/[*_`]/g, '').trim();
    // The document's own title heading adds nothing to metadata.title.
    heading = text === title ? undefined : text;
  }
  flush();
  return sections;
}

export async function chunkDocument(file: LoadedFile): Promise<Chunk[]> {
  const documentLanguage = detectLanguage(file.text);
  const chunks: Chunk[] = [];
  for (const section of splitSections(file.text, file.title)) {
    for (const piece of await splitter.splitText(section.body)) {
      const text = piece.trim();
      if (text.length === 0) continue;
      const language = detectLanguage(`${section.heading ?? ''} ${text}`) ?? documentLanguage;
      const metadata: ChunkMetadata = { source: file.path, title: file.title, position: chunks.length };
      if (section.heading !== undefined) metadata.heading = section.heading;
      if (language !== undefined) metadata.language = language;
      const embedText = [file.title, section.heading, text].filter((part) => part !== undefined).join('\n');
      chunks.push({ text, embedText, metadata });
    }
  }
  return chunks;
}
