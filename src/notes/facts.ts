// What a note for agents says, gathered from the conversation without a model: what the customer wants (their asking
// sentences of this session, greetings and thanks peeled off), what Jawab answered, the contact details, the language.
// The same facts are written out offline (render.ts) or handed to the model with the conversation (model-note.ts).
import type { SourceRef } from '../answer/types.js';
import type { Language, TeamLanguage } from '../config/settings.js';
import type { ContactField } from '../config/settings-rules.js';
import { isRemark, placesOrder, readMessages } from '../dialogue/acts.js';
import { tokenize } from '../knowledge/text.js';
import { QUESTION_WORDS, WH_WORDS } from '../language/question-words.js';
import { asksForHuman } from '../rules/human-request.js';
import type { ConversationState } from '../engine/state.js';
import type { Provided } from '../rules/entities.js';
import type { HandoffReason } from '../rules/handoff-text.js';

export type NoteOccasion =
  | { kind: 'handoff'; reason: HandoffReason; detail?: string; tried: SourceRef[] }
  | { kind: 'resolved' };

export interface NoteFacts {
  occasion: NoteOccasion;
  /** One or two of the customer's sentences, the latest asking ones. */
  wants: string[];
  /** The first sentence of each of Jawab's last replies in this session. */
  answered: string[];
  details: Array<[ContactField, string]>;
  botReplies: number;
  customerLanguage: Language;
  teamLanguage: TeamLanguage;
}

export interface FactsInput {
  occasion: NoteOccasion;
  state: ConversationState;
  customerLanguage: Language;
  teamLanguage: TeamLanguage;
  /** Details the customer gave in this turn, not yet in the state. */
  collected?: Provided;
  /** What Jawab says in this turn before handing over (a partial answer, a rule's message). */
  said?: string;
}

/** Who first, then how to reach them. */
const DETAIL_ORDER: readonly ContactField[] = ['name', 'email', 'phone', 'address'];
const WANTS = 2;
const ANSWERED = 2;
const WANT_CHARS = 140;
const ANSWER_CHARS = 100;

export function noteFacts(input: FactsInput): NoteFacts {
  const { state } = input;
  const session = state.transcript.filter((line) => line.at >= state.sessionStartedAt);
  // Answers only: the audit tells a reply from knowledge or a rule (`reply`) from small talk and handover messages.
  const replies = new Set(state.audit.filter((entry) => entry.what === 'reply').map((entry) => entry.at));
  const answers = session.filter((line) => line.role === 'bot' && replies.has(line.at)).map((line) => line.text);
  const answered = [...answers, ...(input.said ? [input.said] : [])].slice(-ANSWERED);
  return {
    occasion: input.occasion,
    wants: customerWants(session.filter((line) => line.role === 'customer').map((line) => line.text)),
    answered: answered.map((text) => clipWords(firstPoint(text), ANSWER_CHARS)),
    details: contactDetails(state, input.collected),
    botReplies: state.botReplies,
    customerLanguage: input.customerLanguage,
    teamLanguage: input.teamLanguage,
  };
}

/**
 * The customer's latest sentences that ask something or report trouble ("paket saya belum sampai"), normalised: social
 * words off, one line, a capital and an end mark. Remarks ("email saya budi@contoh.id", "oke") and the request for a
 * person (the note's first line says so) are left out; when nothing else is left, the latest sentences stand.
 */
export function customerWants(messages: readonly string[]): string[] {
  const sentences = messages.flatMap(sentencesOf).flatMap((sentence) => {
    const peeled = readMessages([sentence]).questions[0];
    return peeled && !asksForHuman(sentence) ? [{ sentence, peeled }] : [];
  });
  // "ok aku ambil 1 ya kak" reads as a remark, but it places an order: what the person is handed the chat for.
  const wanting = sentences.filter(({ sentence }) => placesOrder(sentence) || !isRemark(sentence));
  const chosen = [...new Set((wanting.length ? wanting : sentences).map(normalized))];
  return chosen.slice(-WANTS);
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** The peeled sentence ("And do you sell gift cards"), with the end mark the customer gave it or a question word asks for. */
function normalized({ sentence, peeled }: { sentence: string; peeled: string }): string {
  const clipped = clipWords(peeled.replace(/[\s,;:]+$/, ''), WANT_CHARS);
  const tokens = tokenize(clipped);
  // "kemeja parang bahannya apa" asks by its last word.
  const asked = sentence.trimEnd().endsWith('?') || (tokens[0] !== undefined && QUESTION_WORDS.has(tokens[0])) || tokens.some((token) => WH_WORDS.has(token));
  const marked = /[.!?…]$/.test(clipped) ? clipped : `${clipped}${asked ? '?' : '.'}`;
  return marked.charAt(0).toUpperCase() + marked.slice(1);
}

/**
 * The first sentence of a reply that says something: a greeting back ("Halo kak!") is skipped, and a lead-in ("Ukuran
 * M ada untuk:") goes with the line it introduces.
 */
function firstPoint(text: string): string {
  const sentences = sentencesOf(text);
  const at = Math.max(0, sentences.findIndex((sentence) => readMessages([sentence]).questions.length > 0));
  const first = sentences[at] ?? '';
  const next = sentences[at + 1];
  return first.endsWith(':') && next !== undefined ? `${first} ${next}` : first;
}

/** Cut at a word boundary, with an ellipsis. */
function clipWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** The contact's name, email and phone as Chatwoot knows them, and what the customer gave in this session over them. */
function contactDetails(state: ConversationState, collected: Provided | undefined): Array<[ContactField, string]> {
  const known: Provided = { name: state.contact?.name, email: state.contact?.email, phone: state.contact?.phone };
  const merged: Provided = { ...known, ...state.collected, ...collected };
  return DETAIL_ORDER.flatMap((field) => {
    const value = merged[field]?.trim();
    return value ? [[field, value] as [ContactField, string]] : [];
  });
}
