// The replies to small talk (acts.ts), in the customer's language and the persona's tone and name, or silence where a
// reply would be noise ("ok" or 👍 right after an answer). A shop may write its own texts per act (settings-small-talk.ts).
// Without a model this is how the persona's name and tone reach the customer; with a model, the model writes these
// replies itself and the texts here stand in when it fails.
import type { Language, Persona } from '../config/settings.js';
import type { SmallTalkSettings } from '../config/settings-small-talk.js';
import type { Act, Reading, Salutation } from './acts.js';

type Tone = Persona['tone'];
type Kind = 'greeting' | 'thanks' | 'goodbye' | 'bot' | 'probe' | 'nudge' | 'preface' | 'complaint' | 'ack';

interface Voice {
  /** How a greeting back opens, by how the customer greeted. */
  hello: Record<Salutation, string>;
  /** Who the customer is called after the hello ("kak"); empty in a formal voice. */
  address: string;
  intro: string;
  help: string;
  thanks: string;
  goodbye: string;
  bot: string;
  /** Declines a request to drop or show the instructions, and offers help with the shop instead. */
  probe: string;
  nudge: string;
  preface: string;
  /** To "aku mau komplain": sorry, and tell me what happened. */
  complaint: string;
  /** After a greeting back, to someone who said they have a question. */
  goAhead: string;
  ack: string;
}

const ID_HELLO = { salam: 'Waalaikumsalam', morning: 'Selamat pagi', afternoon: 'Selamat siang', evening: 'Selamat sore', night: 'Selamat malam' };
const EN_HELLO = { salam: 'Wa alaikum assalam', morning: 'Good morning', afternoon: 'Good afternoon', evening: 'Good evening', night: 'Good evening' };

const INDONESIAN: Record<Tone, Voice> = {
  casual: {
    hello: { ...ID_HELLO, plain: 'Halo' },
    address: 'kak',
    intro: 'Aku {name}, asisten virtual di sini 😊',
    help: 'Ada yang bisa dibantu?',
    thanks: 'Sama-sama kak! 😊',
    goodbye: 'Makasih udah mampir ya kak, sampai jumpa! 👋',
    bot: 'Aku {name}, asisten virtual (AI) di sini. Aku jawab dari info toko kami, dan kalau perlu aku sambungin ke tim kami ya.',
    probe: 'Hehe, itu nggak bisa ya kak. Aku cuma bisa bantu soal toko kami: produk, pengiriman, pembayaran. Ada yang mau ditanyakan?',
    nudge: 'Iya kak? Ada yang bisa dibantu?',
    preface: 'Boleh banget kak, mau tanya apa?',
    complaint: 'Duh, maaf ya kak atas kendalanya. Boleh ceritain masalahnya? Sertakan nomor pesanan kalau ada ya.',
    goAhead: 'Mau tanya apa, kak?',
    ack: 'Siap kak! Ada lagi yang bisa dibantu?',
  },
  friendly: {
    hello: { ...ID_HELLO, plain: 'Halo' },
    address: 'kak',
    intro: 'Saya {name}, asisten virtual di sini.',
    help: 'Ada yang bisa saya bantu?',
    thanks: 'Sama-sama, kak! Kalau ada yang ingin ditanyakan lagi, silakan chat saja ya.',
    goodbye: 'Terima kasih sudah menghubungi kami, kak. Sampai jumpa!',
    bot: 'Saya {name}, asisten virtual (AI) di sini. Saya menjawab dari informasi toko kami, dan kalau perlu saya sambungkan kakak dengan tim kami.',
    probe: 'Maaf kak, itu tidak bisa saya lakukan. Saya hanya bisa membantu pertanyaan seputar toko kami, seperti produk, pengiriman dan pembayaran.',
    nudge: 'Iya kak, ada yang bisa saya bantu?',
    preface: 'Silakan kak, mau tanya apa?',
    complaint: 'Mohon maaf atas kendalanya, kak. Boleh diceritakan masalahnya? Sertakan nomor pesanan jika ada, ya.',
    goAhead: 'Silakan, mau tanya apa?',
    ack: 'Siap kak. Ada lagi yang bisa saya bantu?',
  },
  professional: {
    hello: { ...ID_HELLO, plain: 'Selamat datang' },
    address: '',
    intro: 'Saya {name}, asisten virtual kami.',
    help: 'Ada yang dapat kami bantu?',
    thanks: 'Terima kasih kembali. Apabila ada pertanyaan lain, silakan sampaikan.',
    goodbye: 'Terima kasih telah menghubungi kami. Semoga hari Anda menyenangkan.',
    bot: 'Saya {name}, asisten virtual (AI) kami. Saya menjawab dari informasi resmi kami dan dapat meneruskan percakapan ini kepada tim kami bila diperlukan.',
    probe: 'Mohon maaf, permintaan tersebut tidak dapat kami penuhi. Kami hanya dapat membantu pertanyaan seputar produk dan layanan kami.',
    nudge: 'Ya, ada yang dapat kami bantu?',
    preface: 'Silakan, apa yang ingin Anda tanyakan?',
    complaint: 'Mohon maaf atas ketidaknyamanannya. Silakan sampaikan kendala Anda beserta nomor pesanan bila ada.',
    goAhead: 'Silakan, apa yang ingin Anda tanyakan?',
    ack: 'Baik. Apakah ada hal lain yang dapat kami bantu?',
  },
};

const ENGLISH: Record<Tone, Voice> = {
  casual: {
    hello: { ...EN_HELLO, plain: 'Hey' },
    address: '',
    intro: "I'm {name}, the virtual assistant here 😊",
    help: 'What can I do for you?',
    thanks: 'Anytime! 😊',
    goodbye: 'Bye for now! 👋',
    bot: "I'm {name}, an AI assistant. I answer from the shop's own info, and I can get you a person anytime.",
    probe: "Nice try! I can only help with the shop: products, shipping, payment. What can I do for you?",
    nudge: "Hey! What's up?",
    preface: 'Sure, ask away!',
    complaint: "Oh no, sorry about that! What happened? Send your order number too if you have it.",
    goAhead: 'Ask away!',
    ack: 'Cool! Anything else?',
  },
  friendly: {
    hello: { ...EN_HELLO, plain: 'Hi' },
    address: '',
    intro: "I'm {name}, the virtual assistant here.",
    help: 'How can I help you today?',
    thanks: "You're welcome! If anything else comes up, just message us here.",
    goodbye: 'Thanks for reaching out. Have a great day!',
    bot: "I'm {name}, the AI assistant here. I answer from the shop's own information, and I can hand you to our team whenever you need a person.",
    probe: "Sorry, I can't do that. I can only help with questions about the shop, such as products, shipping and payment.",
    nudge: 'Hi! How can I help?',
    preface: 'Sure, go ahead!',
    complaint: "I'm sorry to hear that. Could you tell me what happened? Please include your order number if you have one.",
    goAhead: 'Go ahead, what would you like to know?',
    ack: 'Great! Anything else I can help with?',
  },
  professional: {
    hello: { ...EN_HELLO, plain: 'Hello' },
    address: '',
    intro: 'I am {name}, the virtual assistant.',
    help: 'How may I assist you?',
    thanks: 'You are welcome. Please let us know if there is anything else.',
    goodbye: 'Thank you for contacting us. Have a good day.',
    bot: 'I am {name}, an AI assistant. I answer from our official information and can transfer this conversation to our team when needed.',
    probe: 'I am sorry, I cannot do that. I can only assist with questions about our products and services.',
    nudge: 'Hello. How may I assist you?',
    preface: 'Certainly, please go ahead.',
    complaint: 'We apologise for the inconvenience. Please describe the issue and include your order number if available.',
    goAhead: 'Please go ahead.',
    ack: 'Noted. Is there anything else I can help you with?',
  },
};

/** Malay, Spanish and Portuguese speak in one (friendly) voice. */
const OTHERS: Record<'ms' | 'es' | 'pt', Voice> = {
  ms: {
    hello: { salam: 'Waalaikumsalam', morning: 'Selamat pagi', afternoon: 'Selamat tengah hari', evening: 'Selamat petang', night: 'Selamat malam', plain: 'Hai' },
    address: '',
    intro: 'Saya {name}, pembantu maya di sini.',
    help: 'Ada apa-apa yang boleh saya bantu?',
    thanks: 'Sama-sama! Kalau ada soalan lain, mesej sahaja ya.',
    goodbye: 'Terima kasih kerana menghubungi kami. Jumpa lagi!',
    bot: 'Saya {name}, pembantu maya (AI) di sini. Saya menjawab daripada maklumat kedai, dan boleh sambungkan anda dengan pasukan kami jika perlu.',
    probe: 'Maaf, saya tidak boleh melakukannya. Saya hanya boleh membantu soalan tentang kedai kami.',
    nudge: 'Ya, ada apa-apa yang boleh saya bantu?',
    preface: 'Silakan, apa soalannya?',
    complaint: 'Maaf atas kesulitan ini. Boleh ceritakan masalahnya? Sertakan nombor pesanan jika ada.',
    goAhead: 'Silakan, apa soalannya?',
    ack: 'Baik. Ada lagi yang boleh saya bantu?',
  },
  es: {
    hello: { salam: 'Wa alaikum assalam', morning: 'Buenos días', afternoon: 'Buenas tardes', evening: 'Buenas tardes', night: 'Buenas noches', plain: 'Hola' },
    address: '',
    intro: 'Soy {name}, el asistente virtual.',
    help: '¿En qué puedo ayudarle?',
    thanks: '¡De nada! Si necesita algo más, escríbanos aquí.',
    goodbye: 'Gracias por escribirnos. ¡Que tenga un buen día!',
    bot: 'Soy {name}, un asistente de IA. Respondo con la información de la tienda y puedo pasarle con nuestro equipo cuando lo necesite.',
    probe: 'Lo siento, no puedo hacer eso. Solo puedo ayudarle con preguntas sobre la tienda.',
    nudge: 'Hola, ¿en qué puedo ayudarle?',
    preface: 'Claro, dígame.',
    complaint: 'Lamento las molestias. ¿Puede contarme qué pasó? Incluya su número de pedido si lo tiene.',
    goAhead: 'Dígame.',
    ack: 'Perfecto. ¿Algo más en lo que pueda ayudarle?',
  },
  pt: {
    hello: { salam: 'Wa alaikum assalam', morning: 'Bom dia', afternoon: 'Boa tarde', evening: 'Boa tarde', night: 'Boa noite', plain: 'Olá' },
    address: '',
    intro: 'Sou {name}, o assistente virtual.',
    help: 'Como posso ajudar?',
    thanks: 'De nada! Se precisar de mais alguma coisa, é só escrever aqui.',
    goodbye: 'Obrigado pelo contato. Tenha um ótimo dia!',
    bot: 'Sou {name}, um assistente de IA. Respondo com as informações da loja e posso passar você para a nossa equipe quando precisar.',
    probe: 'Desculpe, não posso fazer isso. Só posso ajudar com perguntas sobre a loja.',
    nudge: 'Olá, como posso ajudar?',
    preface: 'Claro, pode perguntar.',
    complaint: 'Sinto muito pelo transtorno. Pode me contar o que aconteceu? Inclua o número do pedido, se tiver.',
    goAhead: 'Pode perguntar.',
    ack: 'Certo. Posso ajudar em mais alguma coisa?',
  },
};

function voiceOf(language: Language, tone: Tone): Voice {
  if (language === 'id') return INDONESIAN[tone];
  if (language === 'en') return ENGLISH[tone];
  return OTHERS[language];
}

/** Where a conversation stands when small talk arrives. */
export interface SmallTalkContext {
  reading: Reading;
  language: Language;
  persona: Pick<Persona, 'name' | 'tone'>;
  texts: SmallTalkSettings;
  /**
   * Jawab already spoke in this session: a greeting gets no introduction again, and "ok" or 👍 acknowledges what it
   * said and needs no answer.
   */
  spokeBefore: boolean;
}

export type SmallTalkOutcome =
  /** `act`: what the reply answers (for the audit trail). */
  | { kind: 'reply'; act: Kind; text: string }
  | { kind: 'quiet'; act: Act };

/** The acts a reply answers, most important first: a goodbye with thanks is a goodbye. */
const ORDER: Array<[Act, Kind]> = [
  ['goodbye', 'goodbye'],
  ['thanks', 'thanks'],
  ['probe', 'probe'],
  ['bot', 'bot'],
  ['complaint', 'complaint'],
  ['greeting', 'greeting'],
  ['preface', 'preface'],
  ['address', 'nudge'],
];

/** Acts that only acknowledge: after an answer they need no reply. */
const ACKNOWLEDGING: Act[] = ['ack', 'laughter', 'reaction', 'emoji'];

/** "Halo kak!", "Waalaikumsalam.", "Good morning!": the greeting back, alone or before an answer. */
export function helloBack(context: Pick<SmallTalkContext, 'reading' | 'language' | 'persona'>): string {
  const voice = voiceOf(context.language, context.persona.tone);
  const hello = voice.hello[context.reading.salutation ?? 'plain'];
  const end = context.persona.tone === 'professional' ? '.' : '!';
  return voice.address ? `${hello} ${voice.address}${end}` : `${hello}${end}`;
}

/** The shop's own text for this act in the reply language, when it wrote one. */
function customText(texts: SmallTalkSettings, kind: Kind, language: Language): string | undefined {
  if (kind === 'probe' || kind === 'complaint') return undefined;
  if (kind === 'preface' || kind === 'ack') return customText(texts, 'nudge', language);
  const own = texts[kind];
  const text = language === 'id' || language === 'ms' ? own.id : own.en;
  return text.trim() || undefined;
}

function builtIn(kind: Kind, context: SmallTalkContext): string {
  const voice = voiceOf(context.language, context.persona.tone);
  const fill = (text: string): string => text.replaceAll('{name}', context.persona.name.trim() || 'Jawab');
  if (kind !== 'greeting') return fill(voice[kind]);
  const hello = helloBack(context);
  // "halo kak, mau tanya": greet back and let them ask.
  const next = context.reading.acts.has('preface') ? voice.goAhead : voice.help;
  return fill(context.spokeBefore ? `${hello} ${next}` : `${hello} ${voice.intro} ${next}`);
}

/** The reply to a turn of small talk only (no question in it), or quiet. */
export function smallTalk(context: SmallTalkContext): SmallTalkOutcome {
  const { acts } = context.reading;
  const found = ORDER.find(([act]) => acts.has(act));
  if (found === undefined) {
    const act = ACKNOWLEDGING.find((a) => acts.has(a)) ?? 'ack';
    // "ok" after Jawab spoke is the customer reading it; before anything was said it is a nudge to start.
    return context.spokeBefore ? { kind: 'quiet', act } : reply('nudge', context);
  }
  // 🙏 opening a chat is "permisi", not thanks for something Jawab never said.
  if (found[0] === 'thanks' && !context.spokeBefore && acts.has('emoji') && [...acts].every((act) => act === 'thanks' || act === 'emoji')) return reply('nudge', context);
  return reply(found[1], context);
}

function reply(kind: Kind, context: SmallTalkContext): SmallTalkOutcome {
  return { kind: 'reply', act: kind, text: customText(context.texts, kind, context.language) ?? builtIn(kind, context) };
}
