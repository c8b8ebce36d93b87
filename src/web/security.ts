// Security headers and a content security policy on every response: the pages load only their own scripts,
// styles and data, and only Jawab itself and the Chatwoot it serves may show them in a frame (the dashboard app).
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function securityHeaders(chatwootUrl?: string): RequestHandler {
  const embedders = chatwootUrl ? [new URL(chatwootUrl).origin] : [];
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
        frameAncestors: ["'self'", ...embedders],
      },
    },
    // X-Frame-Options cannot name another origin; frame-ancestors above says who may embed the pages.
    xFrameOptions: false,
  });
}
