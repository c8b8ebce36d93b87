// Typing while Jawab prepares a reply (`toggle_typing_status`): shown only when preparing takes long enough for a
// customer to notice (a model's answer, not an offline one that is ready in milliseconds), so a plain answer still
// costs Chatwoot one request. It is a courtesy, never in the reply's way: nothing waits for it, a failure is
// swallowed, and it is not an outbox action (a typing signal repeated or lost after a crash harms nobody).
// Chatwoot accepts the agent-bot token here from 4.13 on; an older one refuses it, and then Jawab stops asking
// (one log line) instead of failing once per message. The administrator's token is not used instead: the dots would
// be a person typing in a conversation the bot is answering.
import type { Logger } from '../log.js';
import { type ConversationRef, HelpdeskError, type HelpdeskPort } from '../chatwoot/port.js';

/** Preparing a reply longer than this shows typing. */
export const TYPING_AFTER_MS = 800;

interface Shown {
  timer: NodeJS.Timeout;
  ref: ConversationRef;
  /** The "on" call, once made: "off" follows it. */
  on?: Promise<void>;
}

export class TypingIndicator {
  private readonly shown = new Map<string, Shown>();
  private refused = false;

  constructor(
    private readonly port: Pick<HelpdeskPort, 'showTyping'>,
    private readonly log: Logger,
    private readonly afterMs = TYPING_AFTER_MS,
  ) {}

  /** A reply is being prepared in this conversation: typing shows if it is not done within `afterMs`. */
  begin(key: string, ref: ConversationRef): void {
    if (this.refused || this.shown.has(key)) return;
    const entry: Shown = { ref, timer: setTimeout(() => (entry.on = this.toggle(ref, true)), this.afterMs) };
    entry.timer.unref();
    this.shown.set(key, entry);
  }

  /** The reply is ready: typing that has not shown yet never will (sending it may still take a while). */
  prepared(key: string): void {
    const entry = this.shown.get(key);
    if (entry) clearTimeout(entry.timer);
  }

  /** The reply went out (or none will): typing stops, if it was shown. */
  end(key: string): void {
    const entry = this.shown.get(key);
    if (!entry) return;
    this.shown.delete(key);
    clearTimeout(entry.timer);
    if (entry.on) void entry.on.then(() => this.toggle(entry.ref, false));
  }

  private async toggle(ref: ConversationRef, on: boolean): Promise<void> {
    if (this.refused) return;
    try {
      await this.port.showTyping(ref, on);
    } catch (error) {
      if (error instanceof HelpdeskError && (error.status === 401 || error.status === 403)) {
        this.refused = true;
        this.log.info('typing is not shown: Chatwoot refuses the agent-bot token for toggle_typing_status (Chatwoot 4.13 accepts it)', { status: error.status });
        return;
      }
      this.log.debug('typing not shown', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
