// Does the customer ask for a human? English and Indonesian (with the chat spellings Indonesians use).
// Exact patterns, no model: a request for a human must never depend on a model being up.

const PATTERNS: RegExp[] = [
  // English
  /\b(talk|speak|chat)\s+(to|with)\s+(a\s+|an\s+|some\s*one|somebody|your\s+)?(real\s+|live\s+|actual\s+)?(human|person|agent|representative|rep|operator|staff|someone|somebody|people|customer\s+service)\b/i,
  /\b(real|live|human)\s+(person|agent|human|support|operator)\b/i,
  /\b(connect|transfer|put)\s+me\s+(to|through|with)\b/i,
  /\b(want|need|get)\s+(a|an|to\s+talk\s+to\s+a)?\s*(human|agent|representative|operator)\b/i,
  /\b(are\s+you|is\s+this)\s+a\s+(bot|robot)\b.*\b(human|person)\b/i,
  /\bnot\s+(a|the)\s+bot\b|\bno\s+more\s+bots?\b/i,
  // Indonesian: mau/ingin/minta/pengen/bisa ... bicara/ngobrol/chat/dihubungkan ... dengan/sama/ke ... cs/admin/agen/orang/manusia
  /\b(mau|ingin|pengen|pingin|minta|bisa|tolong|boleh)\b.{0,25}\b(bicara|berbicara|ngobrol|chat|bincang|hubung(i|kan)?|dihubungkan|disambungkan|sambungkan|ngomong|telpon|telepon)\b.{0,20}\b(cs|admin|agen|agent|orang|manusia|petugas|operator|customer\s*service|staf|staff|karyawan|tim)\b/i,
  /\b(minta|panggil|panggilkan|mana)\s+(admin|cs|agen|operator|petugas|orang(nya)?|manusia)\b/i,
  /\bagen\s+(manusia|asli|cs)\b/i,
  /\b(sama|dengan|ke)\s+(orang|manusia)\s+(asli|beneran|langsung)\b/i,
  /\bbukan\s+(sama\s+)?(bot|robot|mesin)\b/i,
  /\b(admin|cs)\s+(dong|donk|please|tolong|mana|nya\s+mana)\b/i,
  /\bhubungkan\s+(saya\s+)?(ke|dengan)\s+(cs|admin|agen|petugas|operator)\b/i,
];

/**
 * Nobody answers: "chat ga dibales2 dari kemarin", "wa saya belum direspon", "no one is replying". Not a question for
 * the knowledge (whose support hours share its words) but a person's turn; weaker than a request for one, so a
 * profile's sentiment hand-off names an angry one first (engine/turn.ts).
 */
const NO_REPLY: RegExp[] = [
  /\b(chat|pesan|wa|whatsapp|dm|email)\w*\b.{0,30}\b(ga|gak|gk|nggak|ngga|enggak|tidak|tdk|belum|blm|blom)\s+(di)?(bales|balas|respon|jawab)\w*/i,
  /\b(ga|gak|gk|nggak|ngga|enggak|tidak|tdk|belum|blm)\s+(ada\s+)?(yang|yg)\s+(bales|balas|respon|jawab)\w*/i,
  /\b(no\s*one|nobody)\s+(is\s+|has\s+)?(answer|repl|respond)\w*/i,
  // "kok ga dibales", "knp blm direspon": why nobody answers, without naming the chat.
  /\b(kok|knp|kenapa|napa)\b.{0,12}\b(ga|gak|gk|nggak|ngga|enggak|tidak|tdk|belum|blm|blom)\s+(di)?(bales|balas|respon|jawab)\w*/i,
  // "lama banget balesnya" (not "brp lama balasan email?", a question about the hours).
  /(?<!\b(?:berapa|brp)\s+)\b(lama|lambat)\s+(banget\s+|bgt\s+|sekali\s+|amat\s+)?(bales|balas|respon|jawab)\w*/i,
  /\bwhy\s+(is\s+)?(no\s*one|nobody|aren'?t\s+you|don'?t\s+you|no)\s+(answer|repl|respond)\w*/i,
];

export function complainsOfNoReply(text: string): boolean {
  return NO_REPLY.some((p) => p.test(text));
}

export function asksForHuman(text: string): boolean {
  return PATTERNS.some((p) => p.test(text));
}
