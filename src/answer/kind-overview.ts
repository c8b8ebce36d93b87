// The reply to "metode pembayaran apa aja?" or "kurir apa aja?" offline: one line per section of the page that names
// a way to pay (a courier), its heading and the sentences that name one ("Dompet digital dan QRIS: Kami menerima
// GoPay, OVO, DANA dan ShopeePay, …"), so the customer sees every way at once and asks on about the one they want.
// Which sections: knowledge/which-list.ts.
import { type Slot, slotOf } from '../language/slots.js';
import { tokenize } from '../knowledge/text.js';
import type { ScoredChunk } from '../knowledge/types.js';
import { splitSentences } from './extractive.js';

/** Sentences one section's line holds at most: "JNE, J&T Express dan SiCepat" and then the one on GoSend. */
const SENTENCES = 2;

export function kindOverviewReply(sections: readonly ScoredChunk[], slot: Slot): string {
  return sections
    .map((section) => {
      const naming = splitSentences(section.text).filter((text) => tokenize(text).some((token) => slotOf(token) === slot));
      const said = naming.length === 0 ? section.text : naming.slice(0, SENTENCES).join(' ');
      return section.metadata.heading === undefined ? said : `${section.metadata.heading}: ${said}`;
    })
    .join('\n');
}
