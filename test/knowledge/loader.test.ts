import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/knowledge/formats/html.js';
import { loadKnowledgeFolder } from '../../src/knowledge/loader.js';

let root: string | undefined;
afterEach(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

describe('loadKnowledgeFolder', () => {
  it('loads Markdown, text and HTML recursively with titles, skipping hidden and other files', async () => {
    root = await mkdtemp(join(tmpdir(), 'jawab-loader-'));
    await mkdir(join(root, 'sub', 'deeper'), { recursive: true });
    await mkdir(join(root, '.git'));
    await writeFile(join(root, 'a.md'), 'Intro line\n\n## Returns policy\n\nText.');
    await writeFile(join(root, 'sub', 'b.markdown'), '---\ntitle: "From front matter"\n---\n# Heading\nBody');
    await writeFile(join(root, 'sub', 'deeper', 'c.txt'), 'Just text without a heading.');
    await writeFile(join(root, 'sub', 'page.html'), '<html><head><title>Pay &amp; ship</title><style>p{}</style></head><body><h2>Cards</h2><p>We take <b>Visa</b>.</p><script>x()</script></body></html>');
    await writeFile(join(root, 'notes.xlsx'), 'not loaded');
    await writeFile(join(root, '.git', 'x.md'), '# hidden');
    const { files, errors } = await loadKnowledgeFolder(root);
    expect(errors).toEqual([]);
    expect(files.map((file) => [file.path, file.title, file.format])).toEqual([
      ['a.md', 'Returns policy', 'markdown'],
      ['sub/b.markdown', 'From front matter', 'markdown'],
      ['sub/deeper/c.txt', 'c', 'text'],
      ['sub/page.html', 'Pay & ship', 'html'],
    ]);
    const html = files.find((file) => file.format === 'html');
    expect(html?.text).toBe('## Cards\n\nWe take Visa.');
    expect(files[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports unreadable files with a reason and loads the rest', async () => {
    root = await mkdtemp(join(tmpdir(), 'jawab-loader-'));
    await writeFile(join(root, 'good.md'), '# Good');
    await writeFile(join(root, 'latin1.txt'), Buffer.from('caf\xe9 cr\xe8me', 'latin1'));
    await writeFile(join(root, 'empty.md'), '   \n');
    const { files, errors } = await loadKnowledgeFolder(root);
    expect(files.map((file) => file.path)).toEqual(['good.md']);
    expect(errors).toEqual([
      { path: 'empty.md', reason: 'the file has no text' },
      { path: 'latin1.txt', reason: 'not valid UTF-8 text (save it as UTF-8)' },
    ]);
  });

  it('fails clearly when the folder itself is missing', async () => {
    await expect(loadKnowledgeFolder('/nonexistent/knowledge')).rejects.toThrow('cannot read the knowledge folder /nonexistent/knowledge');
  });

  it('decodes entities and keeps list items on their own lines', () => {
    expect(htmlToText('<ul><li>One &lt;1&gt;</li><li>Two&#33;</li></ul>').text).toBe('- One <1>\n- Two!');
  });
});
