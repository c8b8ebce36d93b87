// The knowledge part of a profile (SPEC 3): its sources (≤100: uploaded files, text snippets, websites, Chatwoot
// Help Center portals),
// each enabled, disabled (kept in the index, not used) or disconnected (removed from the index, its
// configuration kept), and how product catalogs are written (the account currency).
// The files of a `files` source live in DATA_DIR/sources/<profile>/<id>/, not in the settings. Catalog
// labels ("harga", "price") follow the persona's fallback language.
import { z } from 'zod';

export const SOURCE_STATES = ['enabled', 'disabled', 'disconnected'] as const;
export type SourceState = (typeof SOURCE_STATES)[number];

export const MAX_SOURCES = 100;

export const snippetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('qa'), question: z.string().trim().min(1).max(1000), answer: z.string().trim().min(1).max(5000) }),
  z.strictObject({ kind: z.literal('text'), title: z.string().trim().max(200).default(''), text: z.string().trim().min(1).max(20_000) }),
]);
export type Snippet = z.infer<typeof snippetSchema>;

const common = {
  /** Stable within the profile; chosen by the admin API when a source is added. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a source id is 1–40 lowercase letters, digits and dashes'),
  name: z.string().trim().min(1).max(120),
  state: z.enum(SOURCE_STATES).default('enabled'),
};

export const filesSourceSchema = z.strictObject({ ...common, type: z.literal('files') });

export const snippetsSourceSchema = z.strictObject({
  ...common,
  type: z.literal('snippets'),
  snippets: z.array(snippetSchema).max(500, 'at most 500 snippets per source').default([]),
});

/** How a crawled source (a website, a Help Center) is read and kept fresh. */
const crawled = {
  maxPages: z.number().int().min(1).max(1000).default(100),
  /** Re-crawl this often; 0 only on demand. */
  resyncHours: z.number().int().min(0).max(24 * 30).default(24),
  /** One page's time limit. */
  pageTimeoutSeconds: z.number().int().min(1).max(120).default(15),
};

export const websiteSourceSchema = z.strictObject({
  ...common,
  type: z.literal('website'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  /** Links followed from the start page: 0 is the page alone, at most 3. */
  maxDepth: z.number().int().min(0).max(3).default(2),
  ...crawled,
});

/** A Chatwoot Help Center portal, by its slug: its public articles are crawled like a website's pages. */
export const helpCenterSourceSchema = z.strictObject({
  ...common,
  type: z.literal('helpcenter'),
  portal: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/i, 'a portal is named by its slug, as Chatwoot lists it'),
  ...crawled,
});

export const sourceSchema = z.discriminatedUnion('type', [filesSourceSchema, snippetsSourceSchema, websiteSourceSchema, helpCenterSourceSchema]);
export type SourceConfig = z.infer<typeof sourceSchema>;
export type WebsiteSource = z.infer<typeof websiteSourceSchema>;
export type HelpCenterSource = z.infer<typeof helpCenterSourceSchema>;

export const knowledgeSchema = z.strictObject({
  sources: z
    .array(sourceSchema)
    .max(MAX_SOURCES, `at most ${MAX_SOURCES} sources per profile`)
    .default([])
    .superRefine((sources, context) => {
      const seen = new Set<string>();
      sources.forEach((source, i) => {
        if (seen.has(source.id)) context.addIssue({ code: 'custom', path: [i, 'id'], message: `source id "${source.id}" is used twice` });
        seen.add(source.id);
      });
    }),
  /** Whether this profile also answers from the files in KNOWLEDGE_DIR. */
  useKnowledgeDir: z.boolean().default(true),
  /** ISO 4217 code of the account currency: catalog prices are written in it. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'a currency is an ISO 4217 code such as IDR').default('IDR'),
  /**
   * The shop's own words for things, applied to every question before the knowledge is searched ("sby" means
   * "Surabaya", "PM" means "pesan pribadi"). Common chat spellings are built in (language/chat-lexicon.ts).
   */
  synonyms: z
    .array(
      z.strictObject({
        term: z.string().trim().min(1).max(60).describe('What customers write, e.g. "sby"'),
        means: z.string().trim().min(1).max(120).describe('What it means in your knowledge, e.g. "Surabaya"'),
      }),
    )
    .max(200, 'at most 200 synonyms')
    .default([])
    .describe('Your own words for things: each term in a question is read as what it means before the knowledge is searched'),
});
export type KnowledgeSettings = z.infer<typeof knowledgeSchema>;
