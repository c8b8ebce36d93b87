// The Answerer the engine calls. For each question of the turn (the customer's messages with their small talk taken
// off, dialogue/acts.ts): write it in the knowledge's words (the profile's synonyms), resolve it against the
// conversation's topic (question-resolution.ts; with a model, the model condenses the conversation into standalone
// questions first, LangChain's history-aware retrieval in LCEL), retrieve, and decide whether anything is relevant.
// Then answer with the model (when configured) or extractively (offline), one part per question found.
// Never throws: a failure anywhere becomes a no_answer (the engine hands off) or the offline answer.
import type { Integration } from '../config/settings-integrations.js';
import type { Logger } from '../log.js';
import type { RetrieveOptions } from '../knowledge/retrieve.js';
import { retrieve, withRegions, withThresholds } from '../knowledge/retrieve.js';
import type { ScoredChunk, SearchableIndex } from '../knowledge/types.js';
import { termGroups } from '../knowledge/text.js';
import { kindOverview, wholeKindAsked } from '../knowledge/which-list.js';
import { type Slot, wordsOf } from '../language/slots.js';
import { applySynonyms } from '../language/normalize.js';
import { readingsOf } from '../dialogue/follow-up.js';
import { askingClause } from '../dialogue/acts.js';
import { asksForCatalog, kindListed } from '../dialogue/catalog-question.js';
import { catalogOverview, LISTED_PRODUCTS, ofKindsNamed } from './catalog-overview.js';
import { asksStockOfNothing, productFilterAsked } from '../dialogue/product-filter-question.js';
import { type FilteredProducts, filterProducts, productFilterReply, whichProductReply } from './product-filter.js';
import { kindOverviewReply } from './kind-overview.js';
import { asksWholeTable, wholeTable, wholeTableReply } from './whole-table.js';
import { asksPriceOfNoPlace, whichPlaceReply } from './which-place.js';
import { extractiveAnswer } from './extractive.js';
import type { ChatConfig, ModelAnswerer, ModelAnswererOptions } from './model-answerer.js';
import { asksTotal, orderLines, orderTotalReply } from './order-total.js';
import { resolveQuestion, sectionOf, type Topic, topicAfter } from './question-resolution.js';
import type { Answerer, AnswerRequest, AnswerResult, SmallTalkRequest, SourceRef } from './types.js';

export interface AnswererOptions {
  index: SearchableIndex;
  /** Model mode when set; offline extractive answers otherwise. */
  chat?: ChatConfig | undefined;
  /** Overrides of the retrieval defaults (k, thresholds). */
  retrieval?: Omit<RetrieveOptions, 'language'>;
  log?: Logger;
  /** Told each time the offline answer stands in for the model's. */
  onModelFailure?: ModelAnswererOptions['onFailure'];
  /** Replaces the model chain (tests). */
  chain?: ModelAnswererOptions['chain'];
  /** The knowledge sources a conversation of this inbox may use; all when absent. */
  scope?: (inboxId: number) => ReadonlySet<string>;
  /** The integrations a conversation of this inbox may call as tools (model mode only). */
  integrations?: (inboxId: number) => Integration[];
  /** The SSRF allow-list for integrations. */
  allowPrivateHosts?: readonly string[];
}

/** A question of the turn that the knowledge answers. */
interface Found {
  question: string;
  /** The reading that found it (standalone, in the knowledge's words). */
  query: string;
  /** The question's own words, which the answer is about first. */
  focus: string[];
  passages: ScoredChunk[];
  /** A question about the whole catalog: the passages are its products (dialogue/catalog-question.ts). */
  catalog?: boolean;
  /** A question about which products have a size or stock: the reply written (answer/product-filter.ts). */
  filtered?: string;
  /** A question for every way to pay (every courier): the passages are the page's sections naming them (which-list.ts). */
  overview?: Slot;
  /** A question for a whole table ("size chart nya dong"): the passages are its rows, in order (whole-table.ts). */
  table?: boolean;
}

export function toSourceRef(passage: ScoredChunk): SourceRef {
  return {
    id: passage.id,
    title: passage.metadata.title,
    source: passage.metadata.source,
    score: Math.round(Math.min(1, Math.max(0, passage.score)) * 1000) / 1000,
  };
}

/** The product the conversation is about, if it is one of these. */
function productOfTopic(products: readonly ScoredChunk[], topic: Topic | undefined): ScoredChunk | undefined {
  return products.find((product) => sectionOf(product) === topic?.section);
}

/** A reply worked out from the catalog, as a passage the model reads beside the products it came from. */
function workedOut(found: Found, i: number): ScoredChunk {
  const from = found.passages[0]?.metadata;
  return { id: `worked-out:${i}`, text: found.filtered!, score: 1, metadata: { source: from?.source ?? 'catalog', title: from?.title ?? 'catalog', position: 0 } };
}

/** What Jawab said last in the conversation (not repeated by a follow-up that asks for more). */
const lastBotLine = (request: AnswerRequest): string => request.history.filter((line) => line.role === 'bot').at(-1)?.text ?? '';

/** Passages looked at for an overview of a page's ways to pay or couriers: a page of a dozen sections. */
const OVERVIEW_CANDIDATES = 24;

const unique = (refs: SourceRef[]): SourceRef[] => [...new Map(refs.map((ref) => [ref.id, ref])).values()];

/** The question asks how long something takes ("brp hari nyampe?", "how long"). */
const asksHowLong = (question: string): boolean => termGroups(question).some((group) => group.includes('~duration'));

export function createAnswerer(options: AnswererOptions): Answerer {
  const mode = options.chat === undefined ? 'offline' : 'model';
  // Loaded here and not imported above: LangChain's model client is a second of start-up that offline mode never uses.
  const chat = options.chat;
  const model: Promise<ModelAnswerer> | undefined =
    chat === undefined
      ? undefined
      : import('./model-answerer.js').then(
          ({ ModelAnswerer }) =>
            new ModelAnswerer(chat, {
              ...(options.log ? { log: options.log } : {}),
              ...(options.onModelFailure ? { onFailure: options.onModelFailure } : {}),
              ...(options.chain ? { chain: options.chain } : {}),
              policy: { allowPrivateHosts: options.allowPrivateHosts ?? [] },
            }),
        );

  /** The catalog's products, within some sources. */
  const catalogOf = async (sources: ReadonlySet<string> | undefined): Promise<ScoredChunk[]> => (await options.index.products?.(sources)) ?? [];

  /**
   * The catalog filtered as a question asks ("ada kemeja ukuran XXL?"), or undefined when it asks nothing of the kind.
   * A size asked without naming a product ("ada ukuran XL?") after a product's line is asked of that product.
   */
  async function filteredProducts(question: string, topic: Topic | undefined, sources: ReadonlySet<string> | undefined): Promise<FilteredProducts | undefined> {
    const filter = productFilterAsked(question);
    if (filter === undefined) return undefined;
    const products = await catalogOf(sources);
    return filterProducts(products, filter, productOfTopic(products, topic));
  }

  /** The turn's questions, each resolved against the running topic and retrieved. */
  async function findAll(request: AnswerRequest, questions: string[], topic: Topic | undefined) {
    const sources = request.inboxId === undefined ? undefined : options.scope?.(request.inboxId);
    const search = (query: string, asked?: string) =>
      retrieve(options.index, query, { ...options.retrieval, language: request.language, ...(sources ? { sources } : {}), ...(asked === undefined ? {} : { asked }) });
    const found: Found[] = [];
    const unanswered: string[] = [];
    const tried: SourceRef[] = [];
    let current = topic;
    const { minScore } = withThresholds(options.index, options.retrieval ?? {});
    for (const question of questions) {
      // "ready kak?" with no product named or just shown: which one?
      if (asksStockOfNothing(question)) {
        const products = await catalogOf(sources);
        if (products.length > 0 && productOfTopic(products, current) === undefined) {
          found.push({ question, query: question, focus: [], passages: [], filtered: whichProductReply(request.language) });
          continue;
        }
      }
      // "2 kemeja parang sama 1 dress kawung totalnya brp?": the catalog's prices added up, line by line.
      if (asksTotal(question)) {
        const products = await catalogOf(sources);
        const lines = orderLines(question, products, productOfTopic(products, current));
        if (lines !== undefined) {
          found.push({ question, query: question, focus: [], passages: lines.map((line) => line.product), filtered: orderTotalReply(lines, request.language) });
          continue;
        }
      }
      const filtered = await filteredProducts(question, current, sources);
      if (filtered !== undefined) {
        const { text, shown } = productFilterReply(filtered, request.language);
        found.push({ question, query: question, focus: [], passages: shown, filtered: text });
        // One product found is the topic now: "harganya?" next is its price. The product just shown stays it.
        if (shown.length === 1 && !filtered.ofTopic) current = topicAfter(question, question, shown[0]!);
        continue;
      }
      // The whole catalog, or the products of the kinds the question names ("jual dress apa aja?", "what shirts do you
      // have?", "I'm looking for a shirt, what do you sell?").
      const wholeCatalog = asksForCatalog(question);
      const listed = wholeCatalog ? question : kindListed(question);
      const catalog = listed === undefined ? [] : await catalogOf(sources);
      const ofKinds = listed === undefined ? [] : ofKindsNamed(listed, catalog);
      const products = ofKinds.length > 0 ? ofKinds : wholeCatalog ? catalog : [];
      if (products.length > 0) {
        found.push({ question, query: question, focus: [], passages: products, catalog: true });
        continue;
      }
      // A town's region helps a question that asks something ("kalau ke pontianak brp hari?"), or only swaps the town
      // after a question of how long (shipping pages give times by region); "kalau ke kupang?" after a price keeps
      // asking the price, which no region's line gives.
      const reading = (text: string) => {
        const written = applySynonyms(text, request.synonyms ?? []);
        const readings = readingsOf(written, current?.query);
        const swapsTown = readings.elliptical && readings.own.length === 0 && !asksHowLong(current?.query ?? '');
        return swapsTown ? written : withRegions(written, options.index);
      };
      let resolved = await resolveQuestion(reading(question), current, search, minScore);
      // What the customer says of themselves can drown the question it ends with: then the question alone.
      const clause = resolved.retrieval.relevant ? undefined : askingClause(question);
      if (clause !== undefined) {
        const alone = await resolveQuestion(reading(clause), current, search, minScore);
        if (alone.retrieval.relevant) resolved = alone;
      }
      // "ongkirnya brp?" naming no town, when the rates are by town: where to?
      if (asksPriceOfNoPlace(resolved.query, resolved.retrieval.candidates)) {
        found.push({ question, query: resolved.query, focus: [], passages: [], filtered: whichPlaceReply(request.language) });
        current = { query: resolved.query };
        continue;
      }
      if (!resolved.retrieval.relevant) {
        unanswered.push(question);
        tried.push(...resolved.retrieval.passages.map(toSourceRef));
        continue;
      }
      const best = resolved.retrieval.passages[0];
      current = best === undefined ? { query: resolved.query } : topicAfter(question, resolved.query, best);
      if (best !== undefined && asksWholeTable(question)) {
        const scope = sources === undefined ? {} : { sources };
        const rows = wholeTable(best, [...resolved.retrieval.candidates, ...(await options.index.search(resolved.query, OVERVIEW_CANDIDATES, scope))], question, request.language);
        if (rows !== undefined) {
          found.push({ question, query: resolved.query, focus: [], passages: rows, table: true });
          continue;
        }
      }
      const kind = best === undefined ? undefined : wholeKindAsked(question);
      if (kind !== undefined) {
        // The question's passages and those naming any member of the kind (a section on shipping abroad names EMS and
        // no word of "kurir apa aja?").
        const scope = sources === undefined ? {} : { sources };
        const [asked, naming] = await Promise.all([
          options.index.search(resolved.query, OVERVIEW_CANDIDATES, scope),
          options.index.search(wordsOf(kind).join(' '), OVERVIEW_CANDIDATES, scope),
        ]);
        const sections = kindOverview(kind, best!.metadata.source, [...asked, ...naming.filter((passage) => !asked.some((other) => other.id === passage.id))]);
        if (sections !== undefined) {
          found.push({ question, query: resolved.query, focus: [], passages: sections, overview: kind });
          continue;
        }
      }
      // Two messages about one fact ("kemeja mega mendung XXL", "masih ada?") get one answer.
      if (found.some((f) => f.passages[0]?.id === resolved.retrieval.passages[0]?.id)) continue;
      found.push({ question, query: resolved.query, focus: resolved.focus, passages: resolved.retrieval.passages });
    }
    return { found, unanswered, tried, topic: current };
  }

  return {
    async answer(request: AnswerRequest): Promise<AnswerResult> {
      // With integrations the model may answer from a tool even when no passage is relevant ("where is order 123?").
      const tools = model === undefined || request.inboxId === undefined ? [] : (options.integrations?.(request.inboxId) ?? []).filter((tool) => tool.enabled);
      const asked = (request.questions ?? request.messages).map((q) => q.trim()).filter(Boolean);
      // A model reads the conversation and writes the questions out in full; the offline reading resolves them itself.
      const followsUp = request.history.some((line) => line.role === 'customer');
      const condensed = model !== undefined && followsUp ? await (await model).condense(request) : undefined;
      let search: Awaited<ReturnType<typeof findAll>>;
      try {
        search = await findAll(request, condensed ?? asked, condensed ? undefined : request.topic);
      } catch (error) {
        // The index (or the embeddings service behind it) is unavailable: nothing can be looked up.
        options.log?.warn('knowledge search failed', { error: error instanceof Error ? error.message : String(error) });
        return { kind: 'no_answer', tried: [], mode, unanswered: asked };
      }
      const { found, unanswered, topic } = search;
      const tried = unique(search.tried);
      if (!found.length && tools.length === 0) return { kind: 'no_answer', tried, mode, unanswered };

      const offline = (): AnswerResult => {
        // Several questions answered in one reply: each part gets the short length, so the whole stays readable.
        const replyLength = found.length > 1 ? 'short' : request.persona.replyLength;

        const parts = found.flatMap((f) => {
          if (f.catalog) return [{ text: catalogOverview(f.passages, request.language), used: f.passages.slice(0, LISTED_PRODUCTS) }];
          if (f.filtered !== undefined) return [{ text: f.filtered, used: f.passages.slice(0, LISTED_PRODUCTS) }];
          if (f.overview !== undefined) return [{ text: kindOverviewReply(f.passages, f.overview), used: f.passages }];
          if (f.table) return [{ text: wholeTableReply(f.passages), used: f.passages }];
          const extracted = extractiveAnswer({
            passages: f.passages,
            query: f.query,
            focus: f.focus,
            asked: f.question,
            said: lastBotLine(request),
            language: request.language,
            replyLength,
            dontMention: request.persona.dontMention,
          });
          return extracted === undefined ? [] : [extracted];
        });
        if (!parts.length) return { kind: 'no_answer', tried: unique(found.flatMap((f) => f.passages.map(toSourceRef))), mode: 'offline', unanswered: asked };
        const result: AnswerResult = {
          kind: 'answer',
          text: parts.map((part) => part.text).join('\n\n'),
          sources: unique(parts.flatMap((part) => part.used.map(toSourceRef))),
          mode: 'offline',
          unanswered,
        };
        return topic === undefined ? result : { ...result, topic };
      };
      if (model === undefined) return offline();
      const passages = [...new Map(found.flatMap((f) => f.passages).map((p) => [p.id, p])).values()];
      const result = await (await model).answer(
        {
          persona: request.persona,
          language: request.language,
          contact: request.contact,
          // What was worked out from the catalog (a total, the products with a size) goes first, as written: a model
          // adds up prices less reliably than the sum it is given.
          passages: [...found.flatMap((f, i) => (f.filtered === undefined ? [] : [workedOut(f, i)])), ...passages],
          messages: request.messages,
          questions: found.length ? found.map((f) => f.query) : asked,
          history: request.history,
          sources: passages.map(toSourceRef),
          tools,
        },
        offline,
      );
      if (result.kind !== 'answer') return { ...result, unanswered: asked };
      return topic === undefined ? { ...result, unanswered } : { ...result, unanswered, topic };
    },

    async smallTalk(request: SmallTalkRequest): Promise<string | undefined> {
      return (await model)?.smallTalk(request);
    },
  };
}
