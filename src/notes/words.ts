// The words of the notes Jawab writes for agents, in the team language (settings `teamLanguage`). The customer's own
// words stay as they wrote them; everything around them is in the team's language.
import type { Language, TeamLanguage } from '../config/settings.js';
import type { ContactField, Sentiment } from '../config/settings-rules.js';
import type { HandoffReason } from '../rules/handoff-text.js';

export interface NoteWords {
  /** Why Jawab handed over, in plain words; `{n}` is the bot's replies, `{sentiment}` the mood, `{detail}` the time Jawab gave. */
  reasons: Record<HandoffReason, string>;
  sentiments: Record<Sentiment, string>;
  handedOver: string;
  resolved: string;
  wants: string;
  wantsNone: string;
  answered: string;
  answeredNone: string;
  details: string;
  detailsNone: string;
  fields: Record<ContactField, string>;
  customerLanguage: string;
  languages: Record<Language, string>;
  searched: string;
  searchedNothing: string;
  /** The note alone, when Jawab lost its memory of a conversation that is with people already. */
  lostMemoryKept: string;
}

export const NOTE_WORDS: Record<TeamLanguage, NoteWords> = {
  en: {
    reasons: {
      asked_for_human: 'the customer asked to talk to a person',
      no_answer: 'the knowledge has no answer to the question',
      order: 'the customer is placing an order',
      overdue: 'the customer has waited longer than the {detail} it should take',
      attachment: 'the customer sent a file Jawab cannot read',
      rule: 'a rule hands these conversations to the team',
      sentiment: 'the customer seems {sentiment}',
      bot_replies: 'Jawab replied {n} times without resolving it',
      idle: 'the customer went quiet',
      follow_up: 'the customer did not answer the follow-ups',
      flow: 'the flow sends these conversations to the team',
      lost_memory: 'Jawab lost its memory of this conversation',
      lookup: 'the customer gave an order or tracking number, or what Jawab asked them to send, which only a person can check',
      contact_stopped: 'the AI is stopped for this contact',
    },
    sentiments: { frustrated: 'frustrated', confused: 'confused', happy: 'happy', neutral: 'calm', sad: 'sad' },
    handedOver: 'Handed over',
    resolved: 'Summary: the conversation was resolved',
    wants: 'Customer wants',
    wantsNone: 'not said yet',
    answered: 'Jawab answered',
    answeredNone: 'nothing yet',
    details: 'Details',
    detailsNone: 'none given',
    fields: { name: 'name', email: 'email', phone: 'phone', address: 'address' },
    customerLanguage: "Customer's language",
    languages: { id: 'Indonesian', en: 'English', ms: 'Malay', es: 'Spanish', pt: 'Portuguese' },
    searched: 'Searched in the knowledge',
    searchedNothing: 'nothing came close',
    lostMemoryKept: 'Jawab lost its memory of this conversation (what it had kept could not be read and was moved aside). The conversation stays with your team.',
  },
  id: {
    reasons: {
      asked_for_human: 'pelanggan minta bicara dengan orang',
      no_answer: 'jawabannya tidak ada di pengetahuan',
      order: 'pelanggan mau memesan',
      overdue: 'pelanggan sudah menunggu lebih lama dari {detail} yang seharusnya',
      attachment: 'pelanggan mengirim file yang tidak bisa dibaca Jawab',
      rule: 'sebuah aturan meneruskan percakapan seperti ini ke tim',
      sentiment: 'pelanggan tampak {sentiment}',
      bot_replies: 'Jawab sudah membalas {n} kali tanpa selesai',
      idle: 'pelanggan tidak membalas lagi',
      follow_up: 'pelanggan tidak menjawab pesan lanjutan',
      flow: 'alur meneruskan percakapan seperti ini ke tim',
      lost_memory: 'Jawab kehilangan ingatan tentang percakapan ini',
      lookup: 'pelanggan memberi nomor pesanan, resi atau yang diminta Jawab (bukti transfer), yang hanya bisa dicek oleh orang',
      contact_stopped: 'AI dihentikan untuk kontak ini',
    },
    sentiments: { frustrated: 'kesal', confused: 'bingung', happy: 'senang', neutral: 'tenang', sad: 'sedih' },
    handedOver: 'Diserahkan ke tim',
    resolved: 'Ringkasan: percakapan ini diselesaikan',
    wants: 'Pelanggan ingin',
    wantsNone: 'belum disebutkan',
    answered: 'Sudah dijawab',
    answeredNone: 'belum ada',
    details: 'Data',
    detailsNone: 'belum ada',
    fields: { name: 'nama', email: 'email', phone: 'telepon', address: 'alamat' },
    customerLanguage: 'Bahasa pelanggan',
    languages: { id: 'Indonesia', en: 'Inggris', ms: 'Melayu', es: 'Spanyol', pt: 'Portugis' },
    searched: 'Dicari di pengetahuan',
    searchedNothing: 'tidak ada yang mendekati',
    lostMemoryKept: 'Jawab kehilangan ingatan tentang percakapan ini (yang disimpannya tidak bisa dibaca dan dipindahkan). Percakapan ini tetap ditangani tim Anda.',
  },
};
