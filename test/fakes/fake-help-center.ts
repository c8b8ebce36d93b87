// The fake Chatwoot's Help Center: the portals API (user token) and the public pages a portal is read from, shaped
// as Chatwoot 4.x serves them: /hc/<slug> (the default locale's home, listing its categories), a category page
// listing its articles, and /hc/<slug>/articles/<article>. Each page also links out of the portal (the app's
// login, another portal), which a crawl must not follow: those paths are not public pages, so the checker reports them.
import type { Reply, RouteContext } from './fake-chatwoot-routes.js';
import type { FakeChatwootState, FakePortal } from './fake-chatwoot-state.js';

const html = (title: string, body: string): Reply => ({
  status: 200,
  page: { type: 'text/html; charset=utf-8', text: `<!doctype html><html><head><title>${title}</title></head><body>${body}<footer><a href="/app/login">Log in</a> <a href="/hc/another-portal/en">Another portal</a></footer></body></html>` },
});
const missing = (): Reply => ({ status: 404, page: { type: 'text/html; charset=utf-8', text: '<h1>Page not found</h1>' } });
const slugOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function portalJson(p: FakePortal): Record<string, unknown> {
  const categories = new Set(p.articles.map((a) => a.category));
  return {
    id: p.slug.length, archived: p.archived ?? false, color: '#1F93FF', custom_domain: null, header_text: p.name, homepage_link: null,
    name: p.name, slug: p.slug, page_title: p.name, account_id: p.accountId,
    config: { allowed_locales: [{ code: p.locale, articles_count: p.articles.length, categories_count: categories.size }], default_locale: p.locale },
    meta: { all_articles_count: p.articles.length, categories_count: categories.size, default_locale: p.locale },
  };
}

function home(p: FakePortal): Reply {
  const categories = [...new Set(p.articles.map((a) => a.category))];
  const links = categories.map((c) => `<li><a href="/hc/${p.slug}/${p.locale}/categories/${slugOf(c)}">${c}</a></li>`).join('');
  return html(p.name, `<h1>${p.name}</h1><ul>${links}</ul>`);
}

export function helpCenterRoutes(state: FakeChatwootState): Record<string, (ctx: RouteContext) => Reply> {
  const portal = (ctx: RouteContext) => state.portals.find((p) => p.slug === ctx.text('slug') && !p.archived);
  return {
    ['GET /api/v1/accounts/{account_id}/portals']: (ctx) => ({ status: 200, json: { payload: state.portals.filter((p) => p.accountId === ctx.accountId).map(portalJson) } }),
    ['GET /robots.txt']: () => ({ status: 200, page: { type: 'text/plain', text: 'User-agent: *\nDisallow: /widget\n' } }),
    ['GET /hc/{slug}']: (ctx) => {
      const p = portal(ctx);
      return p ? home(p) : missing();
    },
    ['GET /hc/{slug}/{locale}']: (ctx) => {
      const p = portal(ctx);
      return p && p.locale === ctx.text('locale') ? home(p) : missing();
    },
    ['GET /hc/{slug}/{locale}/categories/{category}']: (ctx) => {
      const p = portal(ctx);
      const articles = p?.articles.filter((a) => slugOf(a.category) === ctx.text('category')) ?? [];
      if (!p || !articles.length) return missing();
      return html(articles[0]!.category, `<ul>${articles.map((a) => `<li><a href="/hc/${p.slug}/articles/${a.slug}">${a.title}</a></li>`).join('')}</ul>`);
    },
    ['GET /hc/{slug}/articles/{article}']: (ctx) => {
      const article = portal(ctx)?.articles.find((a) => a.slug === ctx.text('article'));
      return article ? html(article.title, `<article><h1>${article.title}</h1><p>${article.body}</p></article>`) : missing();
    },
  };
}
