// The executor: applies one helpdesk action through the port. Exactly once where the helpdesk is not idempotent:
// an action whose earlier attempt may have reached the helpdesk (an unknown outcome, a crash) is checked before it is
// applied again: a message is looked up by the stamp it was sent with, a status, priority or assignment is read back.
import { type ConversationRef, HelpdeskError, type HelpdeskPort, type OutgoingMessage } from '../chatwoot/port.js';
import type { AssignmentTarget, HelpdeskAction } from '../engine/actions.js';
import { leastBusyAgent, nextInRotation } from '../rules/assignment.js';
import { memoryCursors, type RotationCursors } from '../store/rotation-store.js';

export interface ApplyContext {
  ref: ConversationRef;
  contactId?: number;
  /** The previous attempt may have reached the helpdesk. */
  maybeApplied: boolean;
  /** When the previous attempt started (ms), for reconciling. */
  startedAt?: number;
  /** Names the action (its conversation and id): put on every message it sends, and looked for after a crash. */
  stamp: string;
}

/** What an action did, for the audit trail (e.g. which agent least-busy picked). */
export type Applied = { detail?: string };

/** Clock skew allowed between Jawab and the helpdesk when matching a message sent earlier. */
const RECONCILE_SKEW_MS = 60_000;

/** Told when an assignment could not use its strategy and took the next one of the chain (a /metrics counter). */
export interface ExecutorObserver {
  assignmentFellBack?(from: AssignmentTarget['kind'], to: string): void;
}

export class ActionExecutor {
  constructor(
    private readonly port: HelpdeskPort,
    /** Where round robin remembers whom it picked last (a file in production, so it survives restarts). */
    private readonly cursors: RotationCursors = memoryCursors(),
    private readonly observer?: ExecutorObserver,
  ) {}

  async apply(action: HelpdeskAction, ctx: ApplyContext): Promise<Applied> {
    const { ref } = ctx;
    if (ctx.maybeApplied) {
      const before = await this.appliedBefore(action, ctx);
      if (before) return { detail: before };
    }
    switch (action.type) {
      case 'reply':
        return this.send(ref, { content: action.content, private: false, buttons: action.buttons, stamp: ctx.stamp });
      case 'note':
        return this.send(ref, { content: action.content, private: true, stamp: ctx.stamp });
      case 'add_labels': {
        const current = await this.port.listLabels(ref);
        const missing = action.labels.filter((l) => !current.includes(l));
        // Chatwoot's labels call replaces the set: send the union, and skip the call when nothing is missing.
        if (missing.length) await this.port.setLabels(ref, [...current, ...missing]);
        return { detail: missing.join(',') || 'already there' };
      }
      case 'remove_labels': {
        const current = await this.port.listLabels(ref);
        const kept = current.filter((l) => !action.labels.includes(l));
        if (kept.length !== current.length) await this.port.setLabels(ref, kept);
        return {};
      }
      case 'assign':
        return this.assign(ref, action.target);
      case 'set_status':
        await this.port.setStatus(ref, action.status, action.snoozedUntil);
        return {};
      case 'set_priority':
        await this.port.setPriority(ref, action.priority);
        return {};
      case 'set_conversation_attributes':
        await this.port.setConversationAttributes(ref, action.attributes);
        return {};
      case 'add_participants':
        await this.port.addParticipants(ref, action.agentIds);
        return { detail: action.agentIds.join(',') };
      case 'update_contact':
        if (ctx.contactId === undefined) return { detail: 'skipped: the contact is unknown' };
        await this.port.updateContact(ref.accountId, ctx.contactId, action.changes);
        return {};
    }
  }

  private async send(ref: ConversationRef, message: OutgoingMessage): Promise<Applied> {
    const sent = await this.port.sendMessage(ref, message);
    return { detail: `message ${sent.id}` };
  }

  /**
   * Whether an action whose earlier attempt may have reached the helpdesk did: what to audit when it did. Labels are
   * merged with what the conversation has, and contact fields and participants are set to values, so applying those
   * again changes nothing; everything else is checked, conversation attributes too (they are written often, as the
   * owner changes, and a write that is not needed costs two requests).
   */
  private async appliedBefore(action: HelpdeskAction, ctx: ApplyContext): Promise<string | undefined> {
    const { ref } = ctx;
    if (action.type === 'reply' || action.type === 'note') {
      const message = { content: action.content, private: action.type === 'note', stamp: ctx.stamp };
      const found = await this.port.findSentMessage(ref, message, (ctx.startedAt ?? 0) - RECONCILE_SKEW_MS);
      return found ? `already sent as message ${found.id}` : undefined;
    }
    if (action.type !== 'set_status' && action.type !== 'set_priority' && action.type !== 'assign' && action.type !== 'set_conversation_attributes') return undefined;
    const now = await this.port.readConversation(ref);
    if (action.type === 'set_conversation_attributes') {
      return Object.entries(action.attributes).every(([key, value]) => now.attributes[key] === value) ? 'already set' : undefined;
    }
    if (action.type === 'set_status') return now.status === action.status ? `already ${now.status}` : undefined;
    if (action.type === 'set_priority') return now.priority === action.priority ? `already ${now.priority ?? 'no'} priority` : undefined;
    const { target } = action;
    if (target.kind === 'team') return now.teamId === target.teamId ? `already with team ${target.teamId}` : undefined;
    if (target.kind === 'agent') return now.assigneeId === target.agentId ? `already with agent ${target.agentId}` : undefined;
    // Least busy and round robin pick anew each time: someone assigned means the earlier attempt (or a person) did it.
    return now.assigneeId === null ? undefined : `already with agent ${now.assigneeId}`;
  }

  private async assign(ref: ConversationRef, target: AssignmentTarget): Promise<Applied> {
    if (target.kind === 'agent') {
      await this.port.assign(ref, { agentId: target.agentId });
      return { detail: `agent ${target.agentId}` };
    }
    if (target.kind === 'team') {
      await this.port.assign(ref, { teamId: target.teamId });
      return { detail: `team ${target.teamId}` };
    }
    // One call after the other: a handoff is rare, and a fixed order keeps the audit trail and the tests readable.
    // When a lookup fails for good the chain goes on (least busy → round robin → the team or inbox queue) instead of
    // dropping the assignment; a failure that may pass (Chatwoot unreachable) is retried as a whole, except for the
    // reports, which older Chatwoots or a narrower token never answer (their 5xx were already retried in the call).
    const agents = await this.port.listAgents(ref.accountId).catch(unlessPermanent);
    const counts = target.kind === 'least_busy' ? await this.port.openConversationCounts(ref.accountId).catch(asFailure) : undefined;
    const members = target.teamId === undefined ? undefined : new Set(await this.port.listTeamMembers(ref.accountId, target.teamId));
    const fellBack = (to: string, detail: string): Applied => {
      const failed = counts instanceof HelpdeskError ? counts : agents instanceof HelpdeskError ? agents : undefined;
      if (!failed) return { detail };
      this.observer?.assignmentFellBack?.(target.kind, to);
      return { detail: `${failed === counts ? 'least busy' : 'online agents'} unavailable (${failed.message}): ${detail}` };
    };
    if (counts instanceof Map && Array.isArray(agents)) {
      const agent = leastBusyAgent(agents, counts, members);
      if (agent) {
        await this.port.assign(ref, { agentId: agent.id });
        return { detail: `least busy: agent ${agent.id} (${counts.get(agent.id) ?? 0} open)` };
      }
    } else if (Array.isArray(agents)) {
      const key = `${ref.accountId}:${target.teamId ?? 'all'}`;
      // Remembered after the assignment: a retry after a crash picks the same agent again instead of skipping one.
      const agentId = await this.cursors.next(key, async (lastId) => {
        const agent = nextInRotation(agents, lastId, members);
        if (agent) await this.port.assign(ref, { agentId: agent.id });
        return agent?.id;
      });
      if (agentId !== undefined) return fellBack('round_robin', `round robin: agent ${agentId}`);
    }
    // Nobody online (or nobody to ask about): the team's queue, else the inbox's (the conversation is opened unassigned).
    if (target.teamId !== undefined) {
      await this.port.assign(ref, { teamId: target.teamId });
      return fellBack('team', `nobody online: team ${target.teamId}`);
    }
    return fellBack('inbox_queue', 'nobody online: left in the inbox queue');
  }
}

/** A lookup's failure as a value, for the fallback chain; anything else than a helpdesk answer is a bug and rethrown. */
function asFailure(error: unknown): HelpdeskError {
  if (error instanceof HelpdeskError) return error;
  throw error;
}

/** As asFailure, for a failure that will not pass by itself; one that may (Chatwoot unreachable) is retried. */
function unlessPermanent(error: unknown): HelpdeskError {
  if (error instanceof HelpdeskError && error.kind === 'permanent') return error;
  throw error;
}
