// Prometheus counters for GET /metrics, fed by the intake and the engine through their observer interfaces.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { type Commit, type DatedFacts, dayOf, factsOf } from '../analytics/facts.js';
import type { ExecutorObserver } from '../actions/executor.js';
import type { ModelFailure } from '../answer/model-answerer.js';
import type { EngineObserver } from '../engine/engine.js';
import type { IntakeObserver, IntakeOutcome } from '../intake/intake.js';

export class Metrics implements IntakeObserver, EngineObserver, ExecutorObserver {
  readonly registry = new Registry();
  private readonly webhooks = new Counter({
    name: 'jawab_webhooks_total',
    help: 'Webhook deliveries by result (accepted, duplicate, ignored, or the refusal code).',
    labelNames: ['result'],
    registers: [this.registry],
  });
  private readonly turns = new Counter({
    name: 'jawab_turns_total',
    help: 'Turns by outcome (reply, handoff, no answer) and handoff reason.',
    labelNames: ['what', 'reason'],
    registers: [this.registry],
  });
  private readonly actions = new Counter({
    name: 'jawab_actions_total',
    help: 'Helpdesk actions by type and outcome.',
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });

  private readonly assignmentFallbacks = new Counter({
    name: 'jawab_assignment_fallbacks_total',
    help: 'Assignments that could not use their strategy (a lookup failed for good) and took the next of the chain: least_busy → round_robin → team or inbox_queue.',
    labelNames: ['from', 'to'],
    registers: [this.registry],
  });

  private readonly quarantined = new Counter({
    name: 'jawab_state_files_quarantined_total',
    help: 'Conversation states (files, or Redis values) that could not be read and were moved aside; each conversation went on from fresh state.',
    registers: [this.registry],
  });

  private readonly modelFailures = new Counter({
    name: 'jawab_model_failures_total',
    help: 'Model replies replaced by the offline answer: the call failed (error, timeout) or broke a rule (forbidden_item).',
    labelNames: ['failure'],
    registers: [this.registry],
  });

  // The analytics counters (analytics/facts.ts), the same ones GET /api/analytics reports, by inbox.
  private readonly conversations = new Counter({
    name: 'jawab_conversations_total',
    help: 'Conversations by what happened: taken by the AI, answered, resolved without a human, handed off (with the reason).',
    labelNames: ['inbox', 'what', 'reason'],
    registers: [this.registry],
  });
  private readonly firstReply = new Histogram({
    name: 'jawab_first_reply_seconds',
    help: 'Time from the first customer message of a session to the first reply.',
    labelNames: ['inbox'],
    buckets: [1, 2, 5, 10, 30, 60, 300, 900, 3600],
    registers: [this.registry],
  });
  private readonly unanswered = new Counter({
    name: 'jawab_unanswered_questions_total',
    help: 'Customer questions the knowledge had no answer for.',
    labelNames: ['inbox'],
    registers: [this.registry],
  });
  private readonly followUps = new Counter({
    name: 'jawab_follow_ups_total',
    help: 'Follow-ups by outcome.',
    labelNames: ['inbox', 'outcome'],
    registers: [this.registry],
  });

  /** `analytics`: where the same facts are kept per day for GET /api/analytics. */
  constructor(
    private readonly analytics?: { record(facts: DatedFacts): void },
    private readonly now: () => number = Date.now,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'jawab_' });
  }

  stateQuarantined(): void {
    this.quarantined.inc();
  }

  modelFailed(failure: ModelFailure): void {
    this.modelFailures.inc({ failure });
  }

  committed(commit: Commit): void {
    const dated = factsOf(commit);
    if (!dated) return;
    const inbox = String(dated.inboxId);
    for (const fact of dated.facts) {
      if (fact.kind === 'first_reply') this.firstReply.observe({ inbox }, fact.seconds);
      else if (fact.kind === 'unanswered') this.unanswered.inc({ inbox });
      else if (fact.kind === 'follow_up') this.followUps.inc({ inbox, outcome: fact.outcome });
      else if (fact.kind === 'action_failed') continue;
      else this.conversations.inc({ inbox, what: fact.kind, reason: fact.kind === 'handoff' ? fact.reason : '' });
    }
    this.analytics?.record(dated);
  }

  outcome(outcome: IntakeOutcome): void {
    this.webhooks.inc({ result: outcome.status === 200 ? outcome.result : outcome.code });
  }

  turn(decision: { what: string; handoff?: string }): void {
    this.turns.inc({ what: decision.what, reason: decision.handoff ?? '' });
  }

  actionApplied(action: { type: string }): void {
    this.actions.inc({ type: action.type, outcome: 'applied' });
  }

  /** Every failure is counted here; one for good (not retried) also in the analytics of its inbox. */
  actionFailed(action: { type: string }, kind: string, ref?: { inboxId: number }): void {
    this.actions.inc({ type: action.type, outcome: kind });
    if (ref && (kind === 'permanent' || kind === 'bug')) this.analytics?.record({ day: dayOf(this.now()), inboxId: ref.inboxId, facts: [{ kind: 'action_failed', action: action.type }] });
  }

  assignmentFellBack(from: string, to: string): void {
    this.assignmentFallbacks.inc({ from, to });
  }
}
