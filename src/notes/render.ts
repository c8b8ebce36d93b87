// The note for agents written out without a model, in the team language, within six lines: why (in plain words),
// what the customer wants, what Jawab answered, the details, the customer's language, and what the knowledge gave.
import { SENTIMENTS, type Sentiment } from '../config/settings-rules.js';
import type { NoteFacts, NoteOccasion } from './facts.js';
import { NOTE_WORDS, type NoteWords } from './words.js';

export const NOTE_MAX_LINES = 6;
/** Knowledge passages named in the note: the best few are enough to show what was missing. */
const TRIED = 3;

export function renderNote(facts: NoteFacts): string {
  const w = NOTE_WORDS[facts.teamLanguage];
  const lines = [
    headline(facts, w),
    `${w.wants}: ${facts.wants.length ? facts.wants.join(' ') : `${w.wantsNone}.`}`,
    `${w.answered}: ${facts.answered.length ? facts.answered.join(' / ') : `${w.answeredNone}.`}`,
    `${w.details}: ${facts.details.length ? facts.details.map(([field, value]) => `${w.fields[field]} ${value}`).join(' · ') : w.detailsNone}.`,
    `${w.customerLanguage}: ${w.languages[facts.customerLanguage]}.`,
  ];
  const searched = searchedLine(facts.occasion, w);
  if (searched) lines.push(searched);
  return lines.join('\n');
}

function headline(facts: NoteFacts, w: NoteWords): string {
  const { occasion } = facts;
  if (occasion.kind === 'resolved') return `${w.resolved}.`;
  const reason = w.reasons[occasion.reason]
    .replace('{n}', String(facts.botReplies))
    .replace('{sentiment}', isSentiment(occasion.detail) ? w.sentiments[occasion.detail] : (occasion.detail ?? ''))
    .replace('{detail}', occasion.detail ?? '');
  // A rule's name and a flow step's label are the owner's own words: quoted as they are.
  const named = (occasion.reason === 'rule' || occasion.reason === 'flow') && occasion.detail ? ` (“${occasion.detail}”)` : '';
  return `${w.handedOver}: ${reason}${named}.`;
}

function searchedLine(occasion: NoteOccasion, w: NoteWords): string | undefined {
  if (occasion.kind !== 'handoff') return undefined;
  if (occasion.tried.length) return `${w.searched}: ${[...new Map(occasion.tried.map((s) => [s.title, s])).values()].slice(0, TRIED).map((s) => `${s.title} (${s.score.toFixed(2)})`).join(', ')}.`;
  return occasion.reason === 'no_answer' ? `${w.searched}: ${w.searchedNothing}.` : undefined;
}

const isSentiment = (value: string | undefined): value is Sentiment => (SENTIMENTS as readonly string[]).includes(value ?? '');
