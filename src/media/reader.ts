// A customer's attachments in words, so a turn can answer them as text: a voice note's transcript, a photo's
// description. Offline there is no reader, and every attachment stays unread (the turn asks the customer to type).
import type { Language } from '../config/settings.js';
import type { MediaSettings } from '../config/settings-media.js';
import type { Attachment } from '../engine/events.js';
import type { PendingMessage } from '../engine/state.js';

export interface MediaReader {
  /** The attachment in words; undefined when this kind is not read (no model for it, off in the profile) or it failed. */
  read(attachment: Attachment, options: { settings: MediaSettings; language: Language }): Promise<string | undefined>;
}

export interface ReadMessages {
  /** The turn's messages, each read attachment's words after the message's own text. */
  messages: PendingMessage[];
  /** The first attachment nobody could read, when there is one. */
  unread?: Attachment['kind'];
}

/** Reads the turn's attachments, one at a time (a turn rarely has more than one; the provider is not flooded). */
export async function readAttachments(messages: PendingMessage[], reader: MediaReader | undefined, options: { settings: MediaSettings; language: Language }): Promise<ReadMessages> {
  let unread: Attachment['kind'] | undefined;
  const read: PendingMessage[] = [];
  for (const message of messages) {
    const attachments = message.attachments ?? [];
    // A count without details (an older stored message) is a file nobody can fetch.
    if (message.attachmentCount > 0 && attachments.length === 0) unread ??= 'file';
    const words: string[] = [];
    for (const attachment of attachments) {
      const text = (await reader?.read(attachment, options))?.trim();
      if (text) words.push(text);
      else unread ??= attachment.kind;
    }
    read.push(words.length ? { ...message, text: [message.text.trim(), ...words].filter(Boolean).join('\n') } : message);
  }
  return unread === undefined ? { messages: read } : { messages: read, unread };
}
