// TRUST_PROXY: which reverse proxies in front of Jawab may say who the client is (X-Forwarded-For), as Express's
// `trust proxy` setting takes it. The admin token's failure limit counts per client address: behind a proxy that is
// not trusted, every admin shares the proxy's address, and 20 wrong tokens from anyone lock them all out.
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** `true`: any proxy (only when nothing else can reach Jawab); a number: that many hops; a list: those addresses. */
export type TrustProxy = boolean | number | string[];

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);
const MESSAGE = 'must be true, false, a number of proxies, or addresses and CIDR ranges separated by commas (loopback, linklocal and uniquelocal name the usual ones)';

function isAddressOrRange(item: string): boolean {
  if (NAMED.has(item) || ipaddr.isValid(item)) return true;
  try {
    ipaddr.parseCIDR(item);
    return true;
  } catch {
    return false;
  }
}

export const trustProxySchema = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const items = value.split(',').map((item) => item.trim()).filter(Boolean);
    const bad = items.find((item) => !isAddressOrRange(item));
    if (items.length && bad === undefined) return items;
    ctx.addIssue({ code: 'custom', message: bad === undefined ? MESSAGE : `${MESSAGE}; "${bad}" is none of these` });
    return z.NEVER;
  });
