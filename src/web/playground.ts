// The playground (SPEC 5, POST /api/playground): a conversation through the full engine (intake, engine, answer,
// executor) on a sandbox helpdesk of its own, also when Jawab serves a real Chatwoot, so nothing reaches customers.
// It uses the draft settings of the chosen profile, with no reply delay, and reports for each customer message the
// messages Jawab sent, why (the turn's decision: rule, handoff reason), the sources and every action applied.
// Its conversations do not pile up (they did: 4,000 calls left 4,000 files until a restart): one without a message
// for 24 h is removed, and a new one beyond the 100th removes the least recently used, from memory and from disk.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ActionExecutor } from '../actions/executor.js';
import type { Answerer, SourceRef } from '../answer/types.js';
import type { MessageButton } from '../chatwoot/port.js';
import { SandboxHelpdesk } from '../chatwoot/sandbox.js';
import { type Profile, profileFor, type Settings } from '../config/settings.js';
import type { HelpdeskAction } from '../engine/actions.js';
import { Engine, type EngineObserver } from '../engine/engine.js';
import { conversationKey } from '../engine/events.js';
import type { ConversationState } from '../engine/state.js';
import type { TurnDecision } from '../engine/turn.js';
import { type ActionLine, actionLine } from './action-lines.js';
import type { Because } from '../engine/why.js';
import { Intake } from '../intake/intake.js';
import type { Logger } from '../log.js';
import { type Backend, openEmbeddedBackend } from '../store/backend.js';
import type { LowdbConversationStore } from '../store/lowdb-store.js';

export interface PlaygroundStep {
  /** What the customer wrote: one message, or the messages of a burst joined by new lines. */
  customer: string;
  /** What Jawab sent after this message: replies and private notes. */
  messages: Array<{ content: string; private: boolean; buttons?: MessageButton[] }>;
  /** The turns decided: what, why, the sources, the handoff reason, and whatever else the turn reports. */
  decisions: Array<{ what: string; why: string; because?: Because; handoff?: string; sources: SourceRef[] } & Record<string, unknown>>;
  /** Every action applied to the helpdesk, as a kind and its data (action-lines.ts). */
  actions: ActionLine[];
}

export interface PlaygroundResult {
  conversationId: number;
  steps: PlaygroundStep[];
  conversation: { status: string; owner: string; labels: string[]; assignee: string | null; priority: string | null };
}

export interface PlaygroundRequest {
  /** Continue this playground conversation; none starts a new one. */
  conversationId?: number;
  /** `default` or an inbox id: whose draft profile answers. */
  profile: string;
  /** Each item is answered on its own: a message, or a burst of messages sent together and answered in one turn. */
  messages: Array<string | string[]>;
}

/** The reply delay a burst is written under: long enough that no turn starts before its last message. */
const BURST_DELAY_SECONDS = 60;

/** A conversation without a message for this long is removed. */
export const PLAYGROUND_IDLE_MS = 24 * 3_600_000;
/** At most this many conversations (one per try in the tab; people rarely come back to an old one). */
export const PLAYGROUND_MAX_CONVERSATIONS = 100;
const SWEEP_EVERY_MS = 10 * 60_000;

export interface PlaygroundDeps {
  dataDir: string;
  answerer: Answerer;
  /** The draft settings: the playground tries what is not yet published. */
  draft: () => Settings;
  log: Logger;
  now?: () => number;
  /** Default PLAYGROUND_IDLE_MS. */
  idleMs?: number;
  /** Default PLAYGROUND_MAX_CONVERSATIONS. */
  maxConversations?: number;
  /** How often idle conversations are looked for; default every 10 minutes. */
  sweepEveryMs?: number;
}

export class Playground {
  private current: PlaygroundStep | undefined;
  private profile: Profile;
  /** The reply delay now: 0, but for the messages of a burst. */
  private replyDelaySeconds = 0;
  /** How far the engine's clock runs ahead of the real one: a burst's reply delay is skipped, not waited for. */
  private skew = 0;
  /** One request at a time: what the engine reports while a request runs belongs to it. */
  private queue: Promise<unknown> = Promise.resolve();
  /** When each conversation last had a message, least recently used first (a Map keeps insertion order). */
  private readonly lastUsed = new Map<number, number>();
  private readonly sweeper: NodeJS.Timeout;

  private constructor(
    private readonly sandbox: SandboxHelpdesk,
    private readonly engine: Engine,
    private readonly backend: Backend & { store: LowdbConversationStore },
    private readonly deps: PlaygroundDeps,
    private readonly clock: () => number,
  ) {
    this.profile = deps.draft().defaultProfile;
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), deps.sweepEveryMs ?? SWEEP_EVERY_MS).unref();
  }

  static async open(deps: PlaygroundDeps): Promise<Playground> {
    // The sandbox lives in memory: conversations stored by an earlier run would point at nothing.
    const dir = join(deps.dataDir, 'playground');
    await rm(dir, { recursive: true, force: true });
    const backend = await openEmbeddedBackend(dir, Date.now);
    const sandbox = new SandboxHelpdesk();
    let playground: Playground | undefined;
    const observer: EngineObserver = {
      turn: (decision) => playground?.onTurn(decision),
      actionApplied: (action) => playground?.onAction(action),
      actionFailed: (action, kind) => playground?.onAction(action, kind),
    };
    const settings = (): Settings => ({
      ...deps.draft(),
      enabled: true,
      inboxes: {},
      defaultProfile: { ...playground!.profile, replyDelaySeconds: playground!.replyDelaySeconds },
    });
    const clock = deps.now ?? Date.now;
    const now = (): number => clock() + (playground?.skew ?? 0);
    const engine = new Engine({ store: backend.store, answerer: deps.answerer, executor: new ActionExecutor(sandbox), settings, log: deps.log, observer, now });
    const intake = new Intake({ queue: backend.queue, allowUnsigned: true });
    await backend.queue.start((event) => engine.accept(event));
    sandbox.connect((body, deliveryId) => intake.receive(body, deliveryId));
    playground = new Playground(sandbox, engine, backend, deps, clock);
    return playground;
  }

  run(request: PlaygroundRequest): Promise<PlaygroundResult> {
    // Used now, not when its turn in the queue comes: a sweep queued before it must not remove it.
    if (request.conversationId !== undefined && this.lastUsed.has(request.conversationId)) this.touch(request.conversationId);
    return this.enqueue(() => this.runNow(request));
  }

  has(conversationId: number): boolean {
    return this.sandbox.has(conversationId);
  }

  get size(): number {
    return this.sandbox.size;
  }

  /** Removes the conversations without a message for the idle time (in line with the requests, so never one running). */
  sweep(): Promise<void> {
    return this.enqueue(async () => {
      const idleSince = this.clock() - (this.deps.idleMs ?? PLAYGROUND_IDLE_MS);
      for (const [id, at] of this.lastUsed) {
        if (at > idleSince) break;
        await this.remove(id);
      }
    });
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.queue;
    await this.engine.stop();
    await this.sandbox.settled();
    await this.backend.queue.close();
    await this.backend.close();
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private touch(id: number): void {
    this.lastUsed.delete(id);
    this.lastUsed.set(id, this.clock());
  }

  /** A new conversation, after removing the least recently used ones beyond the cap. */
  private async startConversation(): Promise<number> {
    const max = this.deps.maxConversations ?? PLAYGROUND_MAX_CONVERSATIONS;
    for (const id of this.lastUsed.keys()) {
      if (this.lastUsed.size < max) break;
      await this.remove(id);
    }
    const { id } = this.sandbox.startConversation({ name: 'Playground customer', email: 'customer@example.com' });
    this.touch(id);
    return id;
  }

  /** Forgets a conversation: in the sandbox, and its state in memory and on disk. */
  private async remove(id: number): Promise<void> {
    const { inboxId } = this.sandbox.conversation(id);
    this.lastUsed.delete(id);
    this.sandbox.remove(id);
    await this.backend.store.remove(conversationKey({ inboxId, conversationId: id }));
  }

  private async runNow(request: PlaygroundRequest): Promise<PlaygroundResult> {
    const draft = this.deps.draft();
    this.profile = request.profile === 'default' ? draft.defaultProfile : profileFor(draft, Number(request.profile));
    const id = request.conversationId ?? (await this.startConversation());
    const steps: PlaygroundStep[] = [];
    for (const item of request.messages) {
      const burst = typeof item === 'string' ? [item] : item;
      const step: PlaygroundStep = { customer: burst.join('\n'), messages: [], decisions: [], actions: [] };
      this.current = step;
      const seen = this.sandbox.conversation(id).messages.length;
      await this.say(id, burst);
      step.messages = this.sandbox
        .conversation(id)
        .messages.slice(seen)
        .filter((m) => m.from === 'bot')
        .map((m) => ({ content: m.content, private: m.private, ...(m.buttons && { buttons: m.buttons }) }));
      steps.push(step);
    }
    this.current = undefined;
    const c = this.sandbox.conversation(id);
    const record = await this.backend.store.read(conversationKey({ inboxId: c.inboxId, conversationId: c.id }));
    const agent = this.sandbox.agents.find((a) => a.id === c.assigneeId);
    return {
      conversationId: id,
      steps,
      conversation: {
        status: c.status,
        owner: record?.state?.owner ?? 'ai',
        labels: c.labels,
        assignee: agent ? agent.name : c.teamId !== null ? `team ${c.teamId}` : null,
        priority: c.priority,
      },
    };
  }

  /** The engine's state of a playground conversation (the dashboard app's preview reads it), or undefined. */
  async state(id: number): Promise<{ key: string; state: ConversationState } | undefined> {
    if (!this.has(id)) return undefined;
    const c = this.sandbox.conversation(id);
    const key = conversationKey({ inboxId: c.inboxId, conversationId: c.id });
    const state = (await this.backend.store.read(key))?.state;
    return state ? { key, state } : undefined;
  }

  /**
   * The customer's messages, then the turn that answers them. A burst is written under a reply delay, so every
   * message is folded before the turn; then the engine's clock skips the delay and the turn runs at once.
   */
  private async say(id: number, burst: string[]): Promise<void> {
    this.replyDelaySeconds = burst.length > 1 ? BURST_DELAY_SECONDS : 0;
    try {
      for (const text of burst) {
        await this.sandbox.customerSays(id, text);
        await this.settle();
      }
    } finally {
      this.replyDelaySeconds = 0;
    }
    if (burst.length > 1) {
      this.skew += (BURST_DELAY_SECONDS + 1) * 1000;
      const c = this.sandbox.conversation(id);
      await this.engine.notify(conversationKey({ inboxId: c.inboxId, conversationId: c.id }));
      await this.settle();
    }
  }

  /** Until the engine has nothing running and the sandbox has delivered every webhook it sent. */
  private async settle(): Promise<void> {
    do {
      await this.sandbox.settled();
      await this.engine.idle();
    } while (this.engine.busy || this.sandbox.deliveriesInFlight > 0);
  }

  private onTurn(decision: TurnDecision): void {
    // Everything the decision says about itself (not the state bookkeeping), so fields a later engine adds show too.
    const { actions: _actions, answered: _answered, reply: _reply, changes: _changes, ...about } = decision;
    this.current?.decisions.push(about);
  }

  private onAction(action: HelpdeskAction, failed?: string): void {
    this.current?.actions.push(actionLine(action, failed));
  }
}
