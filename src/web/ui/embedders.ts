// Which window may send the dashboard app `appContext`: the page reads the allowed origins (CSP source expressions,
// the same that frame-ancestors names; src/web/security.ts) from its `jawab-embedders` meta tag.

/** The allowed sources of the page, space-separated in its meta tag. */
export function embeddersOf(document: Document): string[] {
  return (document.querySelector('meta[name="jawab-embedders"]')?.getAttribute('content') ?? '').split(' ').filter(Boolean);
}

/** True when `origin` is one of `sources`: an exact origin, or `scheme://host:*` for any port of that host. */
export function isEmbedder(origin: string, sources: string[]): boolean {
  return sources.some((source) => {
    if (!source.endsWith(':*')) return origin === source;
    const prefix = source.slice(0, -1);
    return origin.startsWith(prefix) && /^\d+$/.test(origin.slice(prefix.length));
  });
}
