// Security headers and a content security policy on every response: the pages load only their own scripts,
// styles and data, and only Jawab itself and the Chatwoot it serves may show them in a frame (the dashboard app).
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Every page: Jawab itself and the configured Chatwoot may frame it. */
export function securityHeaders(chatwootUrl?: string): RequestHandler {
  return withFrameAncestors(["'self'", ...(chatwootUrl ? [new URL(chatwootUrl).origin] : [])]);
}

/**
 * Who may frame the dashboard app and post it `appContext`: the configured Chatwoot's origin only. Without
 * CHATWOOT_URL (the sandbox helpdesk) there is no Chatwoot to name, and no real conversations; a page on this machine
 * (`localhost` or `127.0.0.1`, any port: a local Chatwoot, or the page that plays Chatwoot in the browser test) may
 * frame it, so the app can be tried locally. The same CSP sources are sent to the page, which checks each message's
 * origin against them (src/web/ui/embedders.ts).
 */
export function dashboardAppEmbedders(chatwootUrl?: string): string[] {
  return chatwootUrl ? [new URL(chatwootUrl).origin] : ['http://localhost:*', 'http://127.0.0.1:*'];
}

export function withFrameAncestors(frameAncestors: string[]): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors,
      },
    },
    // X-Frame-Options cannot name another origin; frame-ancestors above says who may embed the pages.
    xFrameOptions: false,
  });
}
