// Prometheus counters for GET /metrics, fed by the intake and the engine through their observer interfaces.
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineObserver } from '../engine/engine.js';
import type { IntakeObserver, IntakeOutcome } from '../intake/intake.js';

export class Metrics implements IntakeObserver, EngineObserver {
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

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'jawab_' });
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

  actionFailed(action: { type: string }, kind: string): void {
    this.actions.inc({ type: action.type, outcome: kind });
  }
}
