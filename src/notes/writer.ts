// The port through which a model writes the notes for agents (model-note.ts); offline there is none, and the note is
// written from the facts (render.ts).
import type { HistoryLine } from '../answer/types.js';
import type { NoteFacts } from './facts.js';

export interface NoteWriter {
  /** The note, written from the facts and the session's conversation; undefined when the model failed. */
  write(facts: NoteFacts, conversation: HistoryLine[]): Promise<string | undefined>;
}
