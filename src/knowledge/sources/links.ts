// The links of an HTML page that a crawl may follow: <a href> resolved against the page (or its <base>),
// fragments dropped, pages marked nofollow (meta robots) yielding none.
import { Parser } from 'htmlparser2';

export function extractLinks(html: string, pageUrl: string): string[] {
  const hrefs: string[] = [];
  let base = pageUrl;
  let nofollow = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && attributes.href !== undefined) base = new URL(attributes.href, pageUrl).href;
        if (name === 'meta' && attributes.name?.toLowerCase() === 'robots' && /nofollow|none/i.test(attributes.content ?? '')) nofollow = true;
        if (name === 'a' && attributes.href !== undefined && !/\bnofollow\b/i.test(attributes.rel ?? '')) hrefs.push(attributes.href);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  if (nofollow) return [];
  const links = new Set<string>();
  for (const href of hrefs) {
    try {
      const url = new URL(href, base);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      url.hash = '';
      links.add(url.href);
    } catch {
      // Not a URL ("javascript:", broken markup): nothing to follow.
    }
  }
  return [...links];
}
