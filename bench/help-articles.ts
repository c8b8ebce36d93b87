// Synthetic help-centre articles for the indexing benchmarks, made like the knowledge-index section's chunks (a topic
// of 30 words per article and a Zipf-distributed vocabulary of real shop words and generated ones) but written as
// Markdown files: a title, then sections under headings, in sentences. 2,000 articles make about 11,000 chunks with
// the shipped chunker, the size the issue measured. Seeded: every run writes the same files.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '../test/helpers/seeded-random.js';
import { vocabulary, zipf } from './knowledge-index.js';

export interface Article {
  path: string;
  text: string;
}

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** `count` articles; `edition` changes every article's words (a re-sync that re-embeds all of them). */
export function helpArticles(count: number, edition = 0): Article[] {
  const next = seededRandom(count * 7919 + edition);
  const words = vocabulary(seededRandom(count), 20_000);
  const pick = zipf(next, words.length);
  const any = (list: readonly string[]): string => list[Math.floor(next() * list.length)]!;
  const sentence = (topic: readonly string[]): string => {
    const length = 6 + Math.floor(next() * 12);
    const body = Array.from({ length }, () => (next() < 0.5 ? any(topic) : words[pick()]!));
    return `${capitalised(body.join(' '))}.`;
  };
  return Array.from({ length: count }, (_, index) => {
    const topic = Array.from({ length: 30 }, () => any(words));
    const sections = Array.from({ length: 4 + Math.floor(next() * 3) }, () => {
      const sentences = Array.from({ length: 5 + Math.floor(next() * 5) }, () => sentence(topic));
      return `## ${capitalised(any(topic))} ${any(topic)}\n\n${sentences.join(' ')}\n`;
    });
    return { path: `article-${String(index).padStart(5, '0')}.md`, text: `# ${capitalised(any(topic))} ${any(topic)} ${any(topic)}\n\n${sections.join('\n')}` };
  });
}

export async function writeArticles(folder: string, articles: readonly Article[]): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const article of articles) await writeFile(join(folder, article.path), article.text);
}
