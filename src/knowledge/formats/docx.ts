// DOCX through mammoth: converted to HTML (which keeps headings and lists), then to text like any page.
import mammoth from 'mammoth';
import { htmlToText } from './html.js';

export async function docxToText(bytes: Buffer): Promise<string> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  } catch (error) {
    throw new Error(`unreadable DOCX (${error instanceof Error ? error.message : String(error)})`);
  }
  return htmlToText(html).text;
}
