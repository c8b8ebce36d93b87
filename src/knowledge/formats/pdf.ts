// PDF text through unpdf (Mozilla's PDF.js in a build that needs no canvas or worker). A scanned PDF
// (images only) or a damaged one is an error with a reason an admin can act on, not an empty document.
import { extractText, getDocumentProxy } from 'unpdf';

export async function pdfToText(bytes: Uint8Array): Promise<string> {
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // PDF.js takes ownership of the buffer it is given: pass a copy so the caller's bytes stay usable.
    document = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(/password/i.test(reason) ? 'the PDF is password-protected' : `unreadable PDF (${reason})`);
  }
  try {
    const { text } = await extractText(document, { mergePages: false });
    // Pages become paragraphs; PDF.js separates text items on a line with spaces already.
    const pages = text.map((page) => page.replace(/[ \t]+/g, ' ').trim()).filter((page) => page.length > 0);
    if (pages.length === 0) throw new Error('the PDF has no text layer (a scan?): export it with text, or paste the text as a snippet');
    return pages.join('\n\n');
  } finally {
    await document.destroy();
  }
}
