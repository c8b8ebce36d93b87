// Customers writing to Jawab while one of its processes is killed with kill -9 again and again, restarted at once
// each time. Each customer asks a few questions, one after the other (the next once the last one was answered),
// and some then ask for a human. Every webhook is signed and carries a delivery id; a delivery that fails (the
// process is down) is retried with the same id, as Chatwoot does, and some accepted ones are delivered once more
// (a retry after a lost answer). The model (a fake OpenAI) answers each turn with the messages it was given, so
// every reply says which message it answers. Everything random comes from one seed, printed with a failure.
import type { FakeChatwoot, RecordedRequest } from '../fakes/fake-chatwoot.js';
import { type FakeOpenAI, type Responder, startFakeOpenAI, withStructured } from '../fakes/fake-openai.js';
import { signDelivery } from './fixtures.js';
import { SECRET } from './harness.js';
import { customerMessage } from './payloads.js';
import { seededRandom } from './seeded-random.js';

/**
 * Questions the knowledge answers, whatever was asked before them in the conversation: the model is only asked when
 * the search finds passages.
 */
const QUESTIONS = [
  'Hi, I was charged twice for my April invoice.',
  'How long does delivery to Surabaya take?',
  'What sizes do you have?',
  'Which payment methods do you accept?',
  'How do I track my order?',
  'How do I return an item?',
];
const HUMAN_REQUEST = 'I want to talk to a human';
const ACCOUNT = 1;
/**
 * A customer waits this long for an answer before giving up (and writes nothing more); at the end, the answers still
 * missing get as long again with the process left running. Generous: on a loaded 2-core machine each restart takes
 * seconds, and a Redis lock left by a killed replica holds its conversation for 15 s.
 */
const PATIENCE_MS = 90_000;

/** "Answer to: " and the customer's new messages, from the prompt's `<customer_messages>` block. */
const echo: Responder = (messages) => {
  const prompt = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const block = /<customer_messages>\n?([\s\S]*?)\n?<\/customer_messages>/.exec(prompt)?.[1] ?? '';
  return `Answer to: ${block.split('\n').filter(Boolean).join(' / ')}`;
};
const noSignals = { wants: [], asksAbout: [], custom: [], sentiment: 'neutral', name: null, address: null };

/** The fake model and the environment that points Jawab at it. */
export async function startEchoModel(): Promise<{ openai: FakeOpenAI; env: Record<string, string> }> {
  const openai = await startFakeOpenAI({ responder: withStructured(() => noSignals, echo) });
  return { openai, env: { OPENAI_API_KEY: 'sk-storm', OPENAI_BASE_URL: openai.url, OPENAI_MODEL: 'fake-chat', OPENAI_EMBEDDING_MODEL: 'fake-embed' } };
}

export interface StormOptions {
  seed: number;
  fake: FakeChatwoot;
  /** Where one delivery attempt goes (a load balancer's pick); asked again for each attempt. */
  target: (random: () => number) => string;
  /** kill -9 of the process under test and its restart at once; resolves when it is ready again. */
  crash: () => Promise<void>;
  kills: number;
}

interface Customer {
  conversationId: number;
  questions: string[];
  handoff: boolean;
  /** What the customer sent (a customer who gave up on an answer sends nothing more). */
  sent: string[];
}

/** What went wrong, per conversation: all empty when every message was answered exactly once. */
export interface StormReport {
  conversations: number;
  messages: number;
  problems: {
    /** A message without its answer. */
    lost: string[];
    /** A reply or note posted twice. */
    duplicated: string[];
    /** A handoff step (labels, assignment, status) applied more than once. */
    rerun: string[];
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runKillStorm(options: StormOptions): Promise<StormReport> {
  const { fake } = options;
  const random = seededRandom(options.seed);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min));
  const customers: Customer[] = [];
  const running: Promise<void>[] = [];
  const redeliveries: Promise<void>[] = [];
  let messageId = 1;
  let storming = true;

  const botMessages = (id: number) => fake.conversation(ACCOUNT, id).messages.filter((m) => m.sender.kind === 'bot');

  /** Posts until accepted (200), picking a target for each attempt; a refused or failed attempt is retried. */
  const deliver = async (payload: unknown, deliveryId: string): Promise<void> => {
    for (;;) {
      const signed = signDelivery(SECRET, payload, { deliveryId });
      try {
        const response = await fetch(`${options.target(random)}/webhooks/chatwoot`, { method: 'POST', headers: signed.headers, body: signed.body });
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // the process is down: Chatwoot tries again
      }
      await sleep(between(100, 300));
    }
  };

  const say = async (customer: Customer, text: string, answered: () => boolean): Promise<boolean> => {
    const id = messageId++;
    const deliveryId = `storm-${options.seed}-${customer.conversationId}-${id}`;
    const payload = customerMessage({ id: 100_000 + id, conversationId: customer.conversationId, text });
    await deliver(payload, deliveryId);
    // A retry of a delivery that was accepted, as when Chatwoot's 5 s wait for the answer ran out.
    if (random() < 0.2) redeliveries.push(sleep(between(0, 2_000)).then(() => deliver(payload, deliveryId)));
    customer.sent.push(text);
    return until(answered, PATIENCE_MS);
  };

  const converse = async (customer: Customer): Promise<void> => {
    for (const question of customer.questions) {
      const reply = `Answer to: ${question}`;
      if (!(await say(customer, question, () => botMessages(customer.conversationId).some((m) => m.content === reply)))) return;
      await sleep(between(0, 300));
    }
    // The handover is done when its last step, the status, has been set.
    if (customer.handoff) await say(customer, HUMAN_REQUEST, () => fake.conversation(ACCOUNT, customer.conversationId).status === 'open');
  };

  let nextConversation = 10_000;
  const arrivals = (async () => {
    while (storming) {
      const conversationId = nextConversation++;
      // Different questions, so each echoed reply names exactly one message of its conversation.
      const questions = [...QUESTIONS].sort(() => random() - 0.5).slice(0, between(1, 4));
      const customer: Customer = { conversationId, questions, handoff: random() < 0.35, sent: [] };
      customers.push(customer);
      running.push(converse(customer));
      await sleep(between(250, 600));
    }
  })();

  for (let kill = 0; kill < options.kills; kill++) {
    // The process has been up for a random moment: replies, notes and handoff steps are under way.
    await sleep(between(200, 1_500));
    await options.crash();
  }
  storming = false;
  await arrivals;
  await Promise.all(running);
  await Promise.all(redeliveries);
  // Late answers are not lost ones: what is still missing gets time with the process left alone.
  await until(() => customers.every((c) => missing(fake, c).length === 0), PATIENCE_MS);
  // Time for a late second copy of anything to show up.
  await sleep(3_000);
  return report(fake, customers);
}

/** Polls `done` until it is true (resolves true) or `ms` have passed (false). */
async function until(done: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; !done(); await sleep(250)) if (Date.now() > deadline) return false;
  return true;
}

/** What a customer sent that has no reply (or, for the request for a human, no handoff note) in Chatwoot. */
function missing(fake: FakeChatwoot, customer: Customer): string[] {
  const bot = fake.conversation(ACCOUNT, customer.conversationId).messages.filter((m) => m.sender.kind === 'bot');
  return customer.sent.filter((text) => (text === HUMAN_REQUEST ? !bot.some((m) => m.private) : !bot.some((m) => m.content === `Answer to: ${text}`)));
}

/** The replies and note each conversation must have, exactly, and each handoff step once. */
function report(fake: FakeChatwoot, customers: Customer[]): StormReport {
  const result: StormReport = { conversations: customers.length, messages: 0, problems: { lost: [], duplicated: [], rerun: [] } };
  const { lost, duplicated, rerun } = result.problems;
  const posts = new Map<number, RecordedRequest[]>();
  for (const r of fake.requests) {
    const id = Number(/\/conversations\/(\d+)\//.exec(r.path)?.[1]);
    if (r.method === 'POST' && r.status === 200 && id) posts.set(id, [...(posts.get(id) ?? []), r]);
  }
  for (const c of customers) {
    result.messages += c.sent.length;
    const id = c.conversationId;
    const bot = fake.conversation(ACCOUNT, id).messages.filter((m) => m.sender.kind === 'bot');
    const replies = bot.filter((m) => !m.private).map((m) => m.content);
    const notes = bot.filter((m) => m.private).map((m) => m.content.split('\n')[0]!);
    const unanswered = missing(fake, c);
    if (unanswered.length) lost.push(`${id}: no answer to ${JSON.stringify(unanswered)}; got ${JSON.stringify([...replies, ...notes])}`);
    const expected = c.questions.length + (c.handoff ? 1 : 0);
    if (new Set(replies).size !== replies.length || replies.length > expected || notes.length > (c.handoff ? 1 : 0)) {
      duplicated.push(`${id}: ${JSON.stringify([...replies, ...notes])}`);
    }
    if (!c.handoff) continue;
    const steps = (posts.get(id) ?? []).map((r) => r.path.split('/').pop()!).filter((step) => step !== 'messages');
    if (steps.length !== new Set(steps).size) rerun.push(`${id}: ${steps.join(', ')}`);
  }
  return result;
}

/** One line for a failure: the seed to replay it and how many conversations went wrong each way. */
export function describeStorm(seed: number, report: StormReport): string {
  const { lost, duplicated, rerun } = report.problems;
  return `seed ${seed} (JAWAB_TEST_SEED=${seed} replays it): ${report.conversations} conversations, ${report.messages} customer messages; ${lost.length} with a lost answer, ${duplicated.length} with a message posted twice, ${rerun.length} with a handoff step applied twice`;
}

/** JAWAB_TEST_SEED replays a run; otherwise a new seed each run (printed with any failure). */
export function stormSeed(): number {
  const given = Number(process.env.JAWAB_TEST_SEED);
  return Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31);
}
