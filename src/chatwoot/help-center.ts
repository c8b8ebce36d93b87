// Chatwoot's Help Center as a knowledge source: the portals an administrator may pick (listed with the
// administrator's token) and where a portal's public pages are, to be crawled like a website. The sandbox helpdesk
// has a portal of its own (sandbox-help-center.ts) whose articles it hands over as they are.
import { z } from 'zod';
import { type Call, ChatwootHttp, type HttpOptions } from './http.js';

export interface Portal {
  slug: string;
  name: string;
  accountId: number;
}

/** A portal's public pages: a site to crawl, or (the sandbox) the articles themselves. */
export type PortalPages =
  | {
      kind: 'site';
      /** The portal's home page. */
      url: string;
      /** The crawl stays below this path (Chatwoot serves the rest of the app on the same host). */
      scope: string;
      /** CHATWOOT_URL's host: the operator configured it, so the crawl may reach it even when it is private. */
      host: string;
    }
  | { kind: 'articles'; articles: Array<{ url: string; title: string; text: string }> };

export interface HelpCenter {
  listPortals(): Promise<Portal[]>;
  pages(slug: string): PortalPages;
}

const profile = z.looseObject({ accounts: z.array(z.looseObject({ id: z.number() })).default([]) });
const portalList = z.looseObject({
  payload: z.array(z.looseObject({ slug: z.string(), name: z.string().nullish(), archived: z.boolean().nullish(), account_id: z.number().nullish() })),
});

export class ChatwootHelpCenter implements HelpCenter {
  private readonly http: ChatwootHttp;

  constructor(private readonly options: HttpOptions & { userToken: string }) {
    this.http = new ChatwootHttp(options);
  }

  /** The portals of every account the administrator's token belongs to, archived ones left out. */
  async listPortals(): Promise<Portal[]> {
    const accounts = profile.parse(await this.get('/api/v1/profile')).accounts;
    const portals: Portal[] = [];
    for (const { id } of accounts) {
      const listed = portalList.parse(await this.get(`/api/v1/accounts/${id}/portals`)).payload;
      for (const p of listed) if (!p.archived) portals.push({ slug: p.slug, name: p.name || p.slug, accountId: p.account_id ?? id });
    }
    return portals;
  }

  /** Chatwoot serves a portal at /hc/<slug> (its default locale), its categories and articles below it. */
  pages(slug: string): PortalPages {
    const base = new URL(this.options.baseUrl);
    const home = new URL(`/hc/${encodeURIComponent(slug)}`, base);
    return { kind: 'site', url: home.href, scope: `${home.pathname}/`, host: base.host };
  }

  private get(path: string): Promise<unknown> {
    const call: Call = { method: 'GET', path, token: this.options.userToken, idempotent: true };
    return this.http.request(call);
  }
}
