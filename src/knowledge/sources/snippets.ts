// Text snippets as documents. A snippet's identity is a hash of its content, so editing one snippet
// re-embeds that snippet alone, and reordering re-embeds nothing.
import { createHash } from 'node:crypto';
import type { Snippet } from '../../config/settings-knowledge.js';
import type { LoadedFile } from '../loader.js';

export function snippetDocuments(sourceName: string, snippets: readonly Snippet[]): LoadedFile[] {
  const documents = new Map<string, LoadedFile>();
  for (const snippet of snippets) {
    // A question becomes the heading of its answer: retrieval matches the question, answers quote the answer.
    const [title, text] = snippet.kind === 'qa' ? [snippet.question, `## ${snippet.question}\n\n${snippet.answer}`] : [snippet.title || sourceName, snippet.text];
    const hash = createHash('sha256').update(`${snippet.kind}\n${title}\n${text}`).digest('hex');
    documents.set(hash, { path: `snippet-${hash.slice(0, 12)}`, title, text, format: 'markdown', hash });
  }
  return [...documents.values()];
}
