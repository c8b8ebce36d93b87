// Crawls a website for the knowledge index: breadth-first from a start URL, on the same host only, to a
// depth of at most 3 links, up to a page cap, honouring robots.txt (user agent "Jawab"), through the
// SSRF guard. A page is identified by its URL and versioned by the hash of its extracted text, so a
// re-crawl re-embeds only pages whose text changed (not those whose markup, ads or timestamps did).
// A page that fails (timeout, 5xx) is reported and listed in `failed`: its indexed version is kept.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AddressPolicy } from '../../net/address-policy.js';
import { FetchError, safeFetch } from '../../net/safe-fetch.js';
import { htmlToText } from '../formats/html.js';
import type { LoadedFile, LoadError } from '../loader.js';
import { extractLinks } from './links.js';

export interface CrawlOptions extends AddressPolicy {
  url: string;
  maxDepth: number;
  maxPages: number;
  pageTimeoutMs: number;
  /** Larger pages are skipped (default 5 MB). */
  maxPageBytes?: number;
  /** Only links below this path are followed (a Help Center portal on a host that serves more). */
  scope?: string;
}

export interface CrawlResult {
  pages: LoadedFile[];
  /** Pages that could not be fetched or read, and why. */
  errors: LoadError[];
  /** URLs that failed for a passing reason (timeout, server error): their indexed version is kept. */
  failed: string[];
}

const USER_AGENT = 'Jawab';
const DEFAULT_MAX_PAGE_BYTES = 5 * 1024 * 1024;

interface Robots {
  isAllowed(url: string, userAgent?: string): boolean | undefined;
}

// robots-parser is CommonJS whose typings declare an ES default export, which NodeNext resolution
// types wrongly: load it through require with its real shape.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, contents: string) => Robots;

/** robots.txt of the site; a missing one (4xx) allows everything. */
async function loadRobots(start: URL, options: CrawlOptions): Promise<Robots> {
  const robotsUrl = new URL('/robots.txt', start).href;
  try {
    const response = await safeFetch(robotsUrl, { ...options, timeoutMs: options.pageTimeoutMs, maxBytes: 512 * 1024 });
    if (response.status >= 200 && response.status < 300) return robotsParser(robotsUrl, response.body.toString('utf8'));
    if (response.status >= 400 && response.status < 500) return { isAllowed: () => true };
    throw new FetchError(`${robotsUrl} answered ${response.status}`, 'network');
  } catch (error) {
    // A site whose robots.txt cannot be read might forbid crawling: do not crawl it (as search engines do).
    throw new Error(`cannot read robots.txt (${(error as Error).message}); not crawling`);
  }
}

function isHtml(contentType: string | undefined): boolean {
  return contentType === undefined || /text\/html|application\/xhtml\+xml/i.test(contentType);
}

export async function crawl(options: CrawlOptions): Promise<CrawlResult> {
  const start = new URL(options.url);
  start.hash = '';
  const robots = await loadRobots(start, options);
  const pages: LoadedFile[] = [];
  const errors: LoadError[] = [];
  const failed: string[] = [];
  const seen = new Set<string>([start.href]);
  const queue: { url: string; depth: number }[] = [{ url: start.href, depth: 0 }];
  const maxBytes = options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;

  // The cap counts fetch attempts, so a site of broken links cannot keep the crawl going forever.
  for (let attempts = 0; queue.length > 0 && attempts < options.maxPages; ) {
    const { url, depth } = queue.shift()!;
    if (robots.isAllowed(url, USER_AGENT) === false) {
      errors.push({ path: url, reason: 'disallowed by robots.txt' });
      continue;
    }
    attempts += 1;
    let html: string;
    let finalUrl: URL;
    try {
      const response = await safeFetch(url, { ...options, timeoutMs: options.pageTimeoutMs, maxBytes });
      finalUrl = new URL(response.url);
      if (response.status >= 500 || response.status === 429) {
        failed.push(url);
        errors.push({ path: url, reason: `the server answered ${response.status}` });
        continue;
      }
      if (response.status >= 400) {
        errors.push({ path: url, reason: `the server answered ${response.status}` });
        continue;
      }
      if (!isHtml(response.headers['content-type'])) continue;
      if (finalUrl.host !== start.host) continue;
      html = response.body.toString('utf8');
    } catch (error) {
      const code = error instanceof FetchError ? error.code : 'network';
      if (code === 'timeout' || code === 'network') failed.push(url);
      errors.push({ path: url, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }

    const { text, title } = htmlToText(html);
    if (text.trim().length > 0) {
      pages.push({
        path: url,
        title: title ?? (finalUrl.pathname === '/' ? finalUrl.host : decodeURIComponent(finalUrl.pathname)),
        text,
        format: 'html',
        hash: createHash('sha256').update(text).digest('hex'),
      });
    }
    if (depth >= options.maxDepth) continue;
    for (const link of extractLinks(html, finalUrl.href)) {
      const next = new URL(link);
      if (next.host !== start.host || seen.has(next.href) || (options.scope !== undefined && !next.pathname.startsWith(options.scope))) continue;
      seen.add(next.href);
      queue.push({ url: next.href, depth: depth + 1 });
    }
  }
  return { pages, errors, failed };
}
