// How the Chatwoot dashboard app is authorised without the admin token (SPEC 5: "a signed short-lived link").
//
// Chatwoot shows the same URL for every conversation of an account (a dashboard app is one fixed frame URL), so
// the link put into Chatwoot cannot name a conversation. Two steps:
//   1. The account link, `/app?account=A&sig=S`, S = HMAC(key, "link|A"): it lets the page ask for a ticket for a
//      conversation of account A, nothing else. It stays valid until ADMIN_TOKEN changes (which revokes it).
//   2. The conversation ticket, `A.KEY.EXP.S2`, S2 = HMAC(key, "ticket|A|KEY|EXP"): what every read and every button
//      needs. It names one conversation (`<inbox>-<conversation>`) and expires after TICKET_TTL_MS; the page asks for
//      a new one with its account link when it does.
// The key is derived from ADMIN_TOKEN (HMAC with a fixed label), so the admin token itself never appears in Chatwoot.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TICKET_TTL_MS = 10 * 60_000;

export interface Ticket {
  accountId: number;
  key: string;
  expiresAt: number;
}

export class AppLinks {
  private readonly key: Buffer;

  constructor(adminToken: string) {
    this.key = createHmac('sha256', adminToken).update('jawab dashboard app link key v1').digest();
  }

  /** The path and query to configure in Chatwoot, to be prefixed with Jawab's public URL. */
  accountLinkPath(accountId: number): string {
    return `/app?account=${accountId}&sig=${this.sign(`link|${accountId}`)}`;
  }

  verifyAccountLink(accountId: number, sig: string): boolean {
    return Number.isSafeInteger(accountId) && accountId > 0 && same(sig, this.sign(`link|${accountId}`));
  }

  issueTicket(accountId: number, key: string, now: number): Ticket & { token: string } {
    const expiresAt = now + TICKET_TTL_MS;
    return { accountId, key, expiresAt, token: `${accountId}.${key}.${expiresAt}.${this.sign(`ticket|${accountId}|${key}|${expiresAt}`)}` };
  }

  /** The ticket's account when it is genuine, names this conversation and has not expired; else null. */
  verifyTicket(token: string, key: string, now: number): Ticket | null {
    const [account, ticketKey, expires, sig, ...rest] = token.split('.');
    if (rest.length || !account || !ticketKey || !expires || !sig) return null;
    if (!same(sig, this.sign(`ticket|${account}|${ticketKey}|${expires}`))) return null;
    if (ticketKey !== key || Number(expires) <= now) return null;
    return { accountId: Number(account), key: ticketKey, expiresAt: Number(expires) };
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
