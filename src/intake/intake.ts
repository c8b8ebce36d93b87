// The intake: verify, parse, deduplicate, store in the intake queue, which hands the event to the engine.
// It answers only after the event is stored, so an acknowledged delivery is never lost,
// and the engine's work happens after the answer, so Chatwoot's 5 s timeout is never at risk.
import { parseWebhook } from '../chatwoot/events.js';
import { verifySignature } from '../chatwoot/signature.js';
import { dedupeKeys, type InboundEvent } from '../engine/events.js';
import type { IntakeQueue, SeenKeys } from '../store/ports.js';
import { RecentKeys } from './recent-keys.js';

export interface Delivery {
  rawBody: Buffer;
  signature?: string;
  timestamp?: string;
  deliveryId?: string;
}

export type IntakeOutcome =
  | { status: 200; result: 'accepted' | 'duplicate' | 'ignored'; detail?: string }
  | { status: 400 | 401; code: 'invalid_json' | 'invalid_payload' | 'unsigned' | 'bad_signature' | 'stale_signature'; detail: string };

export interface IntakeObserver {
  outcome(outcome: IntakeOutcome): void;
}

export interface IntakeDeps {
  /** Stores accepted events and hands them to the engine. */
  queue: IntakeQueue;
  /** Delivery ids and event keys seen lately; default: in this process only. */
  seen?: SeenKeys;
  secret?: string;
  allowUnsigned: boolean;
  observer?: IntakeObserver;
  now?: () => number;
}

const DELIVERY_ID = /^[A-Za-z0-9-]{1,100}$/;
/** Longest wait for another intake storing the same event: longer than a claim holds (STORING_TTL_MS). */
const STORING_WAIT_MS = 3_000;

export class Intake {
  private readonly now: () => number;
  private readonly seen: SeenKeys;

  constructor(private readonly deps: IntakeDeps) {
    this.now = deps.now ?? Date.now;
    this.seen = deps.seen ?? new RecentKeys();
  }

  /** A delivery from the network: verify the signature on the raw bytes, then receive. Store failures throw (→ 500). */
  async verifyAndReceive(delivery: Delivery): Promise<IntakeOutcome> {
    const outcome = await this.handle(delivery);
    this.deps.observer?.outcome(outcome);
    return outcome;
  }

  /** A parsed event from a trusted source in this process (the sandbox helpdesk). */
  async receive(body: unknown, deliveryId?: string): Promise<IntakeOutcome> {
    const parsed = parseWebhook(body);
    if (parsed.outcome === 'invalid') return { status: 400, code: 'invalid_payload', detail: parsed.reason };
    if (parsed.outcome === 'ignored') return { status: 200, result: 'ignored', detail: parsed.reason };
    return { status: 200, result: await this.accept(parsed.event, deliveryId) };
  }

  private async handle(delivery: Delivery): Promise<IntakeOutcome> {
    const refusal = this.checkSignature(delivery);
    if (refusal) return refusal;
    let body: unknown;
    try {
      body = JSON.parse(delivery.rawBody.toString('utf8'));
    } catch {
      return { status: 400, code: 'invalid_json', detail: 'the body is not valid JSON' };
    }
    const deliveryId = delivery.deliveryId && DELIVERY_ID.test(delivery.deliveryId) ? delivery.deliveryId : undefined;
    return this.receive(body, deliveryId);
  }

  private checkSignature(delivery: Delivery): IntakeOutcome | undefined {
    const { secret } = this.deps;
    if (!secret) {
      return this.deps.allowUnsigned
        ? undefined
        : { status: 401, code: 'unsigned', detail: 'no webhook secret is configured and unsigned deliveries are not allowed' };
    }
    const verdict = verifySignature({
      secret,
      signature: delivery.signature,
      timestamp: delivery.timestamp,
      rawBody: delivery.rawBody,
      nowSeconds: Math.floor(this.now() / 1000),
    });
    switch (verdict) {
      case 'valid':
        return undefined;
      case 'stale':
        return { status: 401, code: 'stale_signature', detail: 'X-Chatwoot-Timestamp is more than 5 minutes away from now' };
      case 'missing':
        return { status: 401, code: 'bad_signature', detail: 'X-Chatwoot-Signature and X-Chatwoot-Timestamp are required' };
      default:
        return { status: 401, code: 'bad_signature', detail: 'the signature does not match the body' };
    }
  }

  /** Stores the event unless its delivery id or its own key (same message through another channel) was seen. */
  private async accept(event: InboundEvent, deliveryId: string | undefined): Promise<'accepted' | 'duplicate'> {
    const keys = dedupeKeys(event, deliveryId);
    let claim = await this.seen.claim(keys);
    // Another intake is storing the same event (a copy sent to two replicas at once): wait until it has, or until its
    // claim lapsed because it died, and then store the event here. Storing it twice is harmless (the fold drops the
    // second); answering "duplicate" for an event never stored would lose it.
    for (const deadline = Date.now() + STORING_WAIT_MS; claim === 'storing' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      claim = await this.seen.claim(keys);
    }
    if (claim === 'duplicate') return 'duplicate';
    try {
      await this.deps.queue.push({ event, deliveryId });
    } catch (error) {
      await this.seen.forget(keys).catch(() => undefined);
      throw error;
    }
    // Should this fail, the claim lapses and a later copy is stored again, which the fold drops.
    await this.seen.stored(keys).catch(() => undefined);
    return 'accepted';
  }
}
