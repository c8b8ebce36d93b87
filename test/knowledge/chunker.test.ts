// Knowledge cut into facts: a table row with its header, an FAQ entry, a statement of a list, a paragraph; steps and
// lists of names stay together.
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/knowledge/chunker.js';
import type { LoadedFile } from '../../src/knowledge/loader.js';

const file = (text: string, path = 'doc.md'): LoadedFile => ({ path, title: 'Doc', text, format: 'markdown', hash: 'x' });
const texts = async (text: string): Promise<string[]> => (await chunkDocument(file(text))).map((chunk) => chunk.text);

describe('chunkDocument', () => {
  it('makes one chunk per table row, carrying the header', async () => {
    const chunks = await chunkDocument(file('# Doc\n\nRates from Yogyakarta.\n\n| City | Cost per kg | Delivery time |\n| --- | ---: | --- |\n| Surabaya | Rp 19.000 | 2–3 days |\n| Medan | Rp 35.000 | |\n'));
    expect(chunks.map((c) => c.text)).toEqual(['Rates from Yogyakarta.', 'Surabaya — cost per kg: Rp 19.000; delivery time: 2–3 days', 'Medan — cost per kg: Rp 35.000']);
    expect(chunks[1]!.embedText).toBe('Doc\nSurabaya — cost per kg: Rp 19.000; delivery time: 2–3 days');
  });

  it('keeps an FAQ entry whole under its question, and splits a list of statements into its items', async () => {
    const chunks = await chunkDocument(
      file('## Can I pay by card?\n\nYes. Visa and Mastercard.\n\nNo Amex.\n\n## Delivery times\n\n- Java: 1–2 working days.\n- Bali and Sumatra: 3–5 working days.\n'),
    );
    expect(chunks.map((c) => [c.metadata.heading, c.text])).toEqual([
      ['Can I pay by card?', 'Yes. Visa and Mastercard.\n\nNo Amex.'],
      ['Delivery times', '- Java: 1–2 working days.'],
      ['Delivery times', '- Bali and Sumatra: 3–5 working days.'],
    ]);
  });

  it('keeps numbered steps together, with the line that introduces them, and a list of names too', async () => {
    expect(await texts('## Returns\n\nHow to return:\n\n1. Send the order number.\n2. Pack the item.\n\nWe pay the return shipping.\n\n## Wallets\n\nWe accept:\n- GoPay\n- OVO\n')).toEqual([
      'How to return:\n1. Send the order number.\n2. Pack the item.',
      'We pay the return shipping.',
      'We accept:\n- GoPay\n- OVO',
    ]);
  });

  it('splits a contact list of "name: value" items, and gives a title line to what follows in a text file', async () => {
    expect(await texts('## Contact\n\n- WhatsApp: +62 812\n- Email: a@b.id\n')).toEqual(['- WhatsApp: +62 812', '- Email: a@b.id']);
    expect(await texts('Opening hours\n\nWe are open Monday to Saturday from 08:00 to 20:00.\n')).toEqual(['Opening hours\nWe are open Monday to Saturday from 08:00 to 20:00.']);
  });

  it('drops a chunk that holds no words (a bare link)', async () => {
    expect(await texts('# Doc\n\nReturns are accepted within 30 days.\n\n/\n')).toEqual(['Returns are accepted within 30 days.']);
  });
});
