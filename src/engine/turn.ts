// A turn: the customer's pending messages in, a decision out (the actions, and what changes in the state).
// The decision is data, applied by applyTurn to whatever the state is when it is committed: events that
// arrived while the answer was being written are folded first, and a human who took over meanwhile wins.
// Attachments are read first where a model can (media/): a voice note's transcript is answered as text.
// Order of a turn: a request for a human, the flow (Cekat), a file, the rules and the handoff triggers, then the reply:
// small talk (a greeting, thanks, a goodbye: dialogue/) gets its short reply or none, and questions get the answer.
import { replyLanguage } from '../answer/language.js';
import type { Topic } from '../answer/question-resolution.js';
import type { Answerer, SourceRef } from '../answer/types.js';
import type { AssignTo } from '../config/settings-rules.js';
import { type Language, type Profile, REPLY_LENGTHS, type TeamLanguage } from '../config/settings.js';
import { askToType } from '../media/ask-to-type.js';
import { type MediaReader, readAttachments } from '../media/reader.js';
import type { NoteWriter } from '../notes/writer.js';
import { composeReply, guidedPersona } from '../rules/compose.js';
import type { Provided } from '../rules/entities.js';
import { runFlow } from '../rules/flow.js';
import { handoffActions, handoffFacts, type HandoffInput, reasonText } from '../rules/handoff.js';
import { type Because, whyText } from './why.js';
import { type HandoffReason, notFoundMessage, type Unanswered } from '../rules/handoff-text.js';
import { asksForHuman, complainsOfNoReply } from '../rules/human-request.js';
import { holdsAwaitedDetail } from '../rules/details.js';
import { contactFiller } from '../rules/personalize.js';
import { planRules, type RulePlan } from '../rules/plan.js';
import { type Classifier, shows, signalNeeds, type Signals } from '../rules/signals.js';
import { offlineClassifier } from '../rules/offline-classifier.js';
import { followUpsCancelled, scheduleAfterReply } from '../rules/automation.js';
import { asksForReference, asksToSend, givesProof, givesReference, isAsking, isRemark, namesReference, placesOrder, readMessages, type Reading, unansweredKind, withoutEchoes } from '../dialogue/acts.js';
import { conditionMet, waitedLonger, waitedPastAnswer } from '../dialogue/overdue.js';
import { helloBack, smallTalk } from '../dialogue/small-talk.js';
import type { HelpdeskAction } from './actions.js';
import { type Awaiting, bounded, clip, type ConversationState, customerLines, type FlowPosition, LIMITS, type PendingMessage, setOwner, withAudit } from './state.js';

export interface TurnInput {
  state: ConversationState;
  messages: PendingMessage[];
  profile: Profile;
  now: number;
  /** The language of the notes for agents (settings `teamLanguage`). */
  teamLanguage: TeamLanguage;
}

/** What a turn may use besides the answerer and the classifier: both absent offline. */
export interface TurnTools {
  /** Writes the handoff note with a model. */
  notes?: NoteWriter;
  /** Reads attachments with a model (voice notes, photos). */
  media?: MediaReader;
}

export interface TurnDecision {
  /** The pending messages this turn answers. */
  answered: number[];
  actions: HelpdeskAction[];
  /** Set when the turn hands off. */
  handoff?: HandoffReason;
  /** Set when the turn replied (an answer or a rule's message). */
  reply?: { text: string; why: string; because?: Because; sources: SourceRef[] };
  /** The turn was small talk only: its reply does not count as an answer (`afterBotReplies`). */
  smallTalk?: boolean;
  /** Questions of the turn nothing in the knowledge answered (Analytics' unanswered questions). */
  unanswered?: string[];
  /** What else the turn changes in the state. */
  changes?: {
    awaiting?: Awaiting | null;
    flow?: FlowPosition;
    collected?: Provided;
    collectedAttributes?: Record<string, string>;
    /** Jawab resolves or snoozes the conversation itself (the cooldown starts). */
    closed?: 'resolved' | 'snoozed';
    /** The idle and follow-up timers after this turn (absent: none). */
    timers?: { idle?: number; followup?: number };
    /** The conversation's topic after this turn's answer. */
    topic?: Topic;
  };
  what: string;
  /** Why, as the audit log says it (English). */
  why: string;
  /** Why, as a code and its values: the playground says it in the page's language. */
  because: Because;
  sources: SourceRef[];
}

/** What the turn's unanswered messages did: a question when any of them asks, else trouble when any reports it. */
function unansweredOf(questions: readonly string[]): Unanswered {
  const kinds = questions.map(unansweredKind);
  return kinds.includes('question') || kinds.length === 0 ? 'question' : kinds.includes('trouble') ? 'trouble' : 'request';
}

/** The customer's lines a turn that cannot tell its own language ("ok", "sip") takes it from. */
const EARLIER_FOR_LANGUAGE = 6;

export async function decideTurn(input: TurnInput, answerer: Answerer, classifier: Classifier = offlineClassifier, tools: TurnTools = {}): Promise<TurnDecision> {
  const { state, profile, now } = input;
  const answered = input.messages.map((m) => m.messageId);
  // A photo or a voice note alone says nothing of the language: the customer's earlier lines do.
  const earlier = state.transcript.filter((l) => l.role === 'customer' && l.text.trim()).map((l) => l.text).slice(-3);
  const media = await readAttachments(input.messages, tools.media, { settings: profile.media, language: replyLanguage(profile.persona, earlier) });
  input = { ...input, messages: media.messages };
  const texts = input.messages.map((m) => m.text.trim()).filter(Boolean);
  // While details are collected, "ok" or an email tells no language: the session's earlier messages do.
  const language = replyLanguage(profile.persona, state.awaiting ? sessionCustomerLines(state) : texts, customerLines(state, EARLIER_FOR_LANGUAGE));
  let before: HelpdeskAction[] = [];
  /** What the rules that fired do besides replying: applied with a handoff too, before it. */
  let effects: HelpdeskAction[] = [];
  let flow: FlowPosition | undefined;
  let collected: Provided | undefined;
  let collectedAttributes: Record<string, string> | undefined;

  const handoff = async (reason: HandoffReason, extra: HandoffExtra = {}): Promise<TurnDecision> => {
    const handing: HandoffInput = { reason, detail: extra.detail, language, profile, state, tried: extra.tried ?? [], now, assign: extra.assign, collected, teamLanguage: input.teamLanguage, said: extra.reply, unanswered: extra.kind };
    // With a model the note is its own words, from the same facts; when it fails the note is written from them.
    const note = profile.handoff.privateNote && tools.notes ? await tools.notes.write(handoffFacts(handing), sessionLines(state)) : undefined;
    return {
      answered,
      actions: [...before, ...(extra.reply ? [{ type: 'reply' as const, content: extra.reply }] : []), ...effects, ...handoffActions(note ? { ...handing, note } : handing)],
      handoff: reason,
      changes: { flow, collected, collectedAttributes, awaiting: null },
      what: 'handoff',
      why: reasonText(reason, extra.detail),
      because: { code: 'handoff', reason, ...(extra.detail === undefined ? {} : { detail: extra.detail }) },
      sources: extra.tried ?? [],
      ...(extra.unanswered?.length ? { unanswered: extra.unanswered } : {}),
    };
  };

  if (profile.handoff.onHumanRequest && texts.some(asksForHuman)) return handoff('asked_for_human', { kind: unansweredOf(texts) });

  const flowOutcome = runFlow(profile.flow, state.flow, input.messages, profile.businessHours.timeZone, contactFiller(state));
  if (flowOutcome) {
    flow = flowOutcome.position;
    before = flowOutcome.actions;
    const because: Because = { code: 'flow', params: { path: flowOutcome.path.join(' → ') || '—' } };
    const why = whyText(because);
    if (flowOutcome.next.kind === 'human') return handoff('flow', { assign: flowOutcome.next.assign, detail: flowOutcome.path.at(-1) });
    if (flowOutcome.next.kind === 'wait' || flowOutcome.next.skipAnswer) {
      return { answered, actions: before, changes: { flow }, reply: replyOf(before, because), what: 'flow', why, because, sources: [] };
    }
  }

  // A file nobody could read: the customer is asked to type the question (or a person takes it, per profile),
  // whatever words came with it ("berapa harga ini?" under a photo). Nothing was searched: no "not found", no gap.
  if (media.unread) {
    if (profile.media.onFile === 'handoff') return handoff('attachment');
    const text = askToType(media.unread, language);
    const because: Because = { code: 'media', params: { kind: media.unread } };
    const why = whyText(because);
    return {
      answered,
      actions: [...before, { type: 'reply', content: text }],
      reply: { text, why, because, sources: [] },
      smallTalk: true,
      changes: { flow, timers: scheduleAfterReply(profile, now) },
      what: 'media',
      why,
      because,
      sources: [],
    };
  }

  const reading = readTurn(state, profile, texts);
  const signals = await classify(classifier, profile, texts);
  const last = input.messages.at(-1);
  const plan = planRules(state, { signals, text: texts.join('\n'), receivedAt: last?.at ?? now, profile }, now);
  collected = Object.keys(plan.collected).length ? plan.collected : undefined;
  collectedAttributes = Object.keys(plan.collectedAttributes).length ? plan.collectedAttributes : undefined;
  before = [...plan.saves, ...before];
  effects = plan.effects;

  if (plan.handoff) {
    const ruleMessages = [...plan.released, ...plan.messages];
    const detail = plan.handoff.missing ? `${plan.handoff.rule}: details not given: ${plan.handoff.missing.join(', ')}` : plan.handoff.rule;
    return handoff('rule', { detail, assign: plan.handoff.to, ...(ruleMessages.length ? { reply: ruleMessages.join('\n\n') } : {}) });
  }
  const mood = profile.handoff.onSentiments.find((sentiment) => shows(signals, profile.sentimentThresholds, sentiment));
  if (mood) return handoff('sentiment', { detail: mood });
  if (profile.handoff.onHumanRequest && texts.some(complainsOfNoReply)) return handoff('asked_for_human', { detail: 'nobody replied', kind: unansweredOf(texts) });
  // An order is for a person to take: not a question, and no gap in the knowledge. Unless a rule of the shop's takes
  // it (a lead rule that sends its message and asks for the contact's details, or details being collected).
  const ruleTakesIt = plan.messages.length > 0 || plan.ask.length > 0 || state.awaiting !== undefined;
  // Statements beside an order are its details ("mau order kemeja mega mendung XL 1 | kirim ke bekasi"); a question
  // beside it ("masih ada?", its mark peeled off the reading) is answered first.
  const orders = reading.questions.map(placesOrder);
  const asksBeside = texts.some((text) => text.includes('?')) || reading.questions.some((question, i) => !orders[i] && isAsking(question));
  const ordering = orders.length > 0 && (orders.every(Boolean) || (orders.some(Boolean) && !asksBeside));
  if (profile.handoff.onNoAnswer && !ruleTakesIt && ordering) return handoff('order', { detail: reading.questions.join(' / ') });
  // Small talk is no answer: "makasih" after three answers does not count towards handing off.
  if (reading.questions.length > 0 && profile.handoff.afterBotReplies > 0 && state.botReplies >= profile.handoff.afterBotReplies) {
    return handoff('bot_replies', { detail: `${state.botReplies} replies` });
  }
  return answerTurn({ ...input, answered, language, plan, reading, before, flow, collected }, answerer, handoff);
}

/**
 * What the turn's messages say besides the details a rule waits for. While details are being collected, a message
 * that gives one answers the question and a remark ("ok, one moment") only buys time: neither is a question for the
 * knowledge, or "0812 3456 7890" would be searched for and handed off as unanswered.
 */
function readTurn(state: ConversationState, profile: Profile, texts: string[]): Reading {
  const waiting = state.awaiting;
  const asking = waiting ? texts.filter((t) => !holdsAwaitedDetail(t, waiting)) : texts;
  const reading: Reading = profile.smallTalk.enabled ? withoutEchoes(readMessages(asking), asking, state.lastAnswer?.text) : { acts: new Set(), questions: asking };
  return waiting ? { ...reading, questions: reading.questions.filter((q) => !isRemark(q)) } : reading;
}

/** The customer's last lines of this session, this turn's included (the transcript ends with them). */
function sessionCustomerLines(state: ConversationState): string[] {
  return state.transcript.filter((l) => l.role === 'customer' && l.at >= state.sessionStartedAt).slice(-5).map((l) => l.text);
}

interface HandoffExtra {
  tried?: SourceRef[];
  detail?: string;
  assign?: AssignTo;
  /** A reply that goes before the handover message (a rule's message, the part of a turn that was answered). */
  reply?: string;
  unanswered?: string[];
  /** What the unanswered messages did, for the customer's handover message. */
  kind?: Unanswered;
}

interface AnswerInput extends TurnInput {
  answered: number[];
  language: Language;
  plan: RulePlan;
  reading: Reading;
  /** Actions that go before the reply (contact details saved, the flow's actions). */
  before: HelpdeskAction[];
  flow?: FlowPosition;
  collected?: Provided;
}


/** Jawab already replied in this session (before these messages). */
function spokeInSession(input: Pick<AnswerInput, 'state' | 'messages'>): boolean {
  const { state } = input;
  return state.transcript.slice(0, -input.messages.length).some((line) => line.role === 'bot' && line.at >= state.sessionStartedAt);
}

/** The small-talk reply: the model's in model mode, else the persona's built-in or the shop's own text; or none. */
async function smallTalkReply(input: AnswerInput, answerer: Answerer): Promise<{ text?: string; act: string; mode: 'model' | 'offline' }> {
  const { state, profile, language, reading } = input;
  const outcome = smallTalk({ reading, language, persona: profile.persona, texts: profile.smallTalk, spokeBefore: spokeInSession(input) });
  if (outcome.kind === 'quiet') return { act: outcome.act, mode: 'offline' };
  // A probe for the instructions gets the fixed refusal: it never reaches the model.
  if (outcome.act === 'probe') return { text: outcome.text, act: outcome.act, mode: 'offline' };
  const byModel = await answerer.smallTalk?.({ messages: input.messages.map((m) => m.text), history: historyOf(input), language, persona: profile.persona, contact: state.contact ?? {} });
  if (byModel !== undefined) return { text: byModel, act: outcome.act, mode: 'model' };
  return { text: contactFiller(state, input.collected)(outcome.text), act: outcome.act, mode: 'offline' };
}

/** This session's lines, for the note a model writes. */
function sessionLines(state: ConversationState): Array<{ role: 'customer' | 'bot' | 'agent'; text: string }> {
  return state.transcript.filter((l) => l.at >= state.sessionStartedAt).map((l) => ({ role: l.role, text: l.text }));
}

/** The transcript already ends with the pending messages: the history is what came before them. */
function historyOf(input: AnswerInput): Array<{ role: 'customer' | 'bot' | 'agent'; text: string }> {
  return input.state.transcript.slice(0, Math.max(0, input.state.transcript.length - input.messages.length)).map((l) => ({ role: l.role, text: l.text }));
}

/** The reply: exact messages and/or small talk or an answer from knowledge, shaped by the rules, then effects, then a resolve. */
async function answerTurn(input: AnswerInput, answerer: Answerer, handoff: (reason: HandoffReason, extra?: HandoffExtra) => Promise<TurnDecision>): Promise<TurnDecision> {
  const { state, profile, plan, language, now, reading } = input;
  const rules = plan.fired;
  let answer: { text: string; mode: 'model' | 'offline' } | undefined;
  let sources: SourceRef[] = [];
  let because: Exclude<Because, { code: 'handoff' }> = { code: 'rules', params: { rules: rules.join(', ') } };
  let what = 'reply';
  let topic: Topic | undefined;
  let unanswered: string[] = [];
  const onlySmallTalk = reading.questions.length === 0;
  let goodbye = false;
  // A rule's first question for details is the reply when nothing else is; asked again, it goes with the reply.
  const firstAsk = plan.ask.length > 0 && !plan.again;
  /** A handoff's reply keeps the messages a rule held for details that have now come. */
  const withReleased = (reply?: string): string | undefined => [...plan.released, ...(reply === undefined ? [] : [reply])].join('\n\n') || undefined;

  // An exact message stands instead of the AI answer, unless a rule also asked to answer from knowledge.
  if (onlySmallTalk && !plan.messages.length && !firstAsk) {
    const small = await smallTalkReply(input, answerer);
    goodbye = reading.acts.has('goodbye');
    if (small.text !== undefined) answer = { text: small.text, mode: small.mode };
    what = small.text === undefined ? 'quiet' : 'small talk';
    because = small.text === undefined ? { code: 'small_talk_quiet', params: { act: small.act }, rules } : { code: 'small_talk', params: { act: small.act, mode: small.mode }, rules };
  } else if (!onlySmallTalk && (!plan.messages.length || plan.answer)) {
    const persona = guidedPersona(profile.persona, plan.guidance);
    const result = await answerer.answer({
      messages: input.messages.map((m) => m.text.trim()).filter(Boolean),
      questions: reading.questions,
      ...(state.topic ? { topic: state.topic.section === undefined ? { query: state.topic.query } : { query: state.topic.query, section: state.topic.section } } : {}),
      synonyms: profile.knowledge.synonyms,
      history: historyOf(input),
      language,
      persona,
      contact: state.contact ?? {},
      guidance: plan.guidance,
      inboxId: state.ref.inboxId,
    });
    unanswered = result.unanswered ?? [];
    // An order number the knowledge cannot look up: offline, once it says what it is or Jawab asked for one, any page
    // found for it would only ask for it again. A model with an order integration may have looked it up, and answers
    // unless it repeats itself.
    const lastReply = state.lastAnswer?.text;
    const isReference = (question: string) => givesReference(question) && (namesReference(question) || (lastReply !== undefined && asksForReference(lastReply)));
    const nothingNew = result.kind === 'no_answer' || result.text === lastReply;
    const offlinePage = result.kind !== 'no_answer' && result.mode === 'offline' && reading.questions.every(isReference);
    if (reading.questions.length > 0 && reading.questions.every(givesReference) && (nothingNew || offlinePage)) {
      return handoff('lookup', { detail: reading.questions.join(' / ') });
    }
    // "udh 2 jam lho" after "terkonfirmasi otomatis dalam 15 menit": longer than Jawab said it takes. What the page
    // says for that case is the answer ("Jika 1 jam setelah membayar status masih …, kirimkan …", "if it has not moved
    // for 3 working days, send …"); without one, a person looks into it.
    const said = input.messages.map((m) => m.text).join('\n');
    const pageSaysWhatNow = result.kind === 'answer' && result.text !== lastReply && conditionMet(said, result.text);
    // Or longer than the answer about to be given says ("udh 10 hari blm sampe" against "3–5 hari kerja").
    const overdue = (lastReply === undefined ? undefined : waitedLonger(said, lastReply)) ?? (result.kind === 'answer' && result.text !== lastReply ? waitedPastAnswer(said, result.text) : undefined);
    if (overdue !== undefined && profile.handoff.onNoAnswer && !pageSaysWhatNow) return handoff('overdue', { detail: overdue.text, kind: 'trouble' });
    // "ini buktinya ya kak" after "kirimkan … bukti transfer ke WhatsApp kami": the customer gives what Jawab asked for,
    // and the same reply again would only ask for it again. So does a proof of payment sent although the reply said
    // none is needed: the same reply again would not take it, a person will.
    // The question mark is peeled off the questions ("installments?"): a message that had one asked.
    const askedWithMark = input.messages.some((m) => m.text.includes('?'));
    const givesWhatWasSaid = lastReply !== undefined && (asksToSend(lastReply) || reading.questions.every(givesProof));
    if (result.kind === 'answer' && result.text === lastReply && givesWhatWasSaid && !askedWithMark && reading.questions.length > 0) {
      return handoff('lookup', { detail: reading.questions.join(' / ') });
    }
    // "ok nanti sy diskusi dulu sm atasan" after an answer: a remark the knowledge knows nothing of needs no person.
    const remarks = spokeInSession(input) && !askedWithMark && reading.questions.every(isRemark);
    if (result.kind === 'no_answer' && remarks && !plan.messages.length && !firstAsk) {
      // "oke nanti mampir, makasih kak": the remark needs nothing, the thanks around it its reply.
      // "sudah 3 jam kak": the "kak" is politeness, not a nudge to be asked "what can I help with?".
      const small = [...reading.acts].some((act) => act !== 'address') ? await smallTalkReply(input, answerer) : undefined;
      if (small?.text !== undefined) answer = { text: small.text, mode: small.mode };
      goodbye = reading.acts.has('goodbye');
      what = small?.text === undefined ? 'quiet' : 'small talk';
      because = small?.text === undefined ? { code: 'remark', rules } : { code: 'remark_small_talk', params: { act: small.act, mode: small.mode }, rules };
    } else if (result.kind === 'no_answer' && !plan.messages.length && !firstAsk) {
      if (profile.handoff.onNoAnswer) return handoff('no_answer', { tried: result.tried, unanswered: reading.questions, kind: unansweredOf(reading.questions), reply: withReleased() });
      answer = { text: notFoundMessage(language), mode: result.mode };
      because = { code: 'not_found' };
      what = 'no answer';
    } else if (result.kind === 'answer') {
      // Offline, the greeting back is added here; a model greets back in its own words.
      const hello = result.mode === 'offline' && reading.acts.has('greeting') ? helloBack({ reading, language, persona: profile.persona }) : '';
      // Numbered steps start on a line of their own, also after the greeting.
      const text = hello === '' ? result.text : `${hello}${/^\d+[.)]\s/.test(result.text) ? '\n' : ' '}${result.text}`;
      answer = { text, mode: result.mode };
      because = { code: 'answered', params: { mode: result.mode }, rules };
      topic = result.topic;
      // Part of the turn has no answer: what was found goes out, then a person takes the rest.
      if (unanswered.length && profile.handoff.onNoAnswer && !plan.messages.length) {
        return handoff('no_answer', { tried: result.sources, unanswered, reply: withReleased(answer.text), detail: `unanswered: ${unanswered.join(' / ')}` });
      }
    }
    sources = result.kind === 'answer' ? result.sources : result.tried;
  }

  const text = composeReply({
    released: plan.released,
    messages: plan.messages,
    answer,
    guidance: plan.guidance,
    ask: plan.ask,
    again: plan.again,
    tone: profile.persona.tone,
    language,
    maxChars: REPLY_LENGTHS[profile.persona.replyLength].max,
  });
  const actions: HelpdeskAction[] = [...input.before];
  if (text) actions.push({ type: 'reply', content: text });
  actions.push(...plan.effects);
  if (profile.citeSourcesInNote && answer && sources.length) {
    actions.push({ type: 'note', content: `Jawab answered from: ${sources.map((s) => `${s.title} (${s.source})`).join('; ')}` });
  }
  if (plan.close) actions.push(plan.close.status === 'resolved' ? { type: 'set_status', status: 'resolved' } : { type: 'set_status', status: 'snoozed', snoozedUntil: plan.close.until });
  const replied = actions.some((a) => a.type === 'reply');
  const why = whyText(because);
  // Small talk that needed no reply of its own, while a rule asks again or sends what it held: still a reply.
  if (replied && what === 'quiet') what = 'reply';
  return {
    answered: input.answered,
    actions,
    reply: replied ? { text, why, because, sources } : undefined,
    ...(onlySmallTalk && !plan.messages.length ? { smallTalk: true } : {}),
    ...(what === 'no answer' ? { unanswered: reading.questions } : {}),
    changes: {
      awaiting: plan.awaiting,
      flow: input.flow,
      collected: input.collected,
      collectedAttributes: plan.collectedAttributes,
      closed: plan.close?.status,
      timers: plan.close ? undefined : timersAfter(profile, now, { replied, goodbye, quiet: what === 'quiet' }),
      ...(topic === undefined ? {} : { topic }),
    },
    what: replied || what === 'quiet' ? what : 'rules',
    why,
    because,
    sources,
  };
}

/**
 * The idle action and the follow-ups start over after a reply, and after an acknowledgement that needed none (the
 * customer read the answer and went quiet). A goodbye ends the follow-ups: only an idle resolve may still close it.
 */
function timersAfter(profile: Profile, now: number, turn: { replied: boolean; goodbye: boolean; quiet: boolean }): { idle?: number; followup?: number } | undefined {
  if (turn.goodbye) return profile.idle.action === 'resolve' ? { idle: now + profile.idle.afterSeconds * 1000 } : undefined;
  return turn.replied || turn.quiet ? scheduleAfterReply(profile, now) : undefined;
}

async function classify(classifier: Classifier, profile: Profile, texts: string[]): Promise<Signals> {
  const needs = signalNeeds(profile);
  // Without a condition about meaning, the offline patterns (contact details) are all a turn needs: no model call.
  const chosen = needs.meaning || needs.custom.length ? classifier : offlineClassifier;
  return chosen.classify({ texts, custom: needs.custom });
}

function replyOf(actions: HelpdeskAction[], because: Exclude<Because, { code: 'handoff' }>): TurnDecision['reply'] {
  const text = actions.flatMap((a) => (a.type === 'reply' ? [a.content] : [])).join('\n\n');
  return text ? { text, why: whyText(because), because, sources: [] } : undefined;
}

/** A topic is a question, not a page: bounded so the conversation's file stays small. */
const TOPIC_CHARS = 300;

/** Applies a decision to the state as it is now. */
export function applyTurn(state: ConversationState, decision: TurnDecision, now: number): ConversationState {
  const pending = state.pending.filter((m) => !decision.answered.includes(m.messageId));
  const changes = decision.changes ?? {};
  let next: ConversationState = {
    ...state,
    pending,
    // Messages that arrived after the turn started keep their own reply timer; idle and follow-ups start over.
    timers: { ...state.timers, reply: pending.length ? state.timers.reply : undefined, idle: changes.timers?.idle, followup: changes.timers?.followup },
    followUpsSent: 0,
  };
  if (changes.flow) next = { ...next, flow: changes.flow };
  if (changes.collected) next = { ...next, collected: changes.collected };
  if (changes.collectedAttributes && Object.keys(changes.collectedAttributes).length) next = { ...next, collectedAttributes: changes.collectedAttributes };
  if (changes.awaiting !== undefined) next = { ...next, awaiting: changes.awaiting ?? undefined };
  if (changes.closed) {
    next = { ...next, status: changes.closed, ...followUpsCancelled(next) };
    if (changes.closed === 'resolved') next = { ...next, resolvedByBotAt: now };
    if (changes.closed === 'snoozed') next = { ...next, snoozedByBot: true };
  }
  if (decision.reply) {
    next = { ...next, botReplies: next.botReplies + (decision.smallTalk ? 0 : 1), lastAnswer: { at: now, ...decision.reply } };
  }
  if (changes.topic !== undefined) next = { ...next, topic: { ...changes.topic, query: clip(changes.topic.query, TOPIC_CHARS), at: now } };
  if (decision.handoff) {
    next = setOwner({ ...next, pending: [], ...followUpsCancelled(next) }, 'human', decision.why, now);
    next = { ...next, timers: { ...next.timers, reply: undefined } };
  }
  const botLines = decision.actions.flatMap((a) => (a.type === 'reply' ? [{ role: 'bot' as const, text: clip(a.content), at: now }] : []));
  next = { ...next, transcript: bounded(next.transcript, botLines, LIMITS.transcript) };
  return withAudit(next, { at: now, what: decision.what, why: decision.why, sources: decision.sources });
}
