// HTTP(S) requests to addresses an admin configured (crawled pages, integrations), with the guards every
// such request needs: the address policy applied to the address actually connected to (a DNS name that
// resolves to a private address is refused at connect time, so DNS rebinding cannot slip through), on
// every redirect hop; a time limit for the whole exchange; and a cap on the response size.
import { lookup as dnsLookup } from 'node:dns';
import type { IncomingHttpHeaders } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.js';
import { checkAddress, isIpAddress } from './address-policy.js';

export interface SafeFetchOptions extends AddressPolicy {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes: number;
  /** Redirects followed (default 5); each hop is checked again. */
  maxRedirects?: number;
}

export interface SafeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
}

export class FetchError extends Error {
  constructor(
    message: string,
    readonly code: 'timeout' | 'too_large' | 'too_many_redirects' | 'bad_url' | 'network' | 'blocked_address',
  ) {
    super(message);
  }
}

/** A DNS lookup that refuses to hand a blocked address (on this port) to the socket. */
function guardedLookup(policy: AddressPolicy, port: number): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      try {
        for (const { address } of addresses) checkAddress(hostname, address, port, policy);
      } catch (blocked) {
        return callback(blocked as NodeJS.ErrnoException, '', 0);
      }
      const first = addresses[0]!;
      if (options.all) (callback as unknown as (e: null, all: typeof addresses) => void)(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

function once(url: URL, options: SafeFetchOptions, deadline: number): Promise<SafeResponse> {
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new FetchError(`${url.href} timed out`, 'timeout'));
    // The port is part of what is checked, on every hop: an allow-listed host is open on 80 and 443 unless listed with others.
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    if (isIpAddress(url.hostname)) {
      try {
        checkAddress(url.hostname, url.hostname.replace(/^\[|\]$/g, ''), port, options);
      } catch (error) {
        return reject(new FetchError((error as Error).message, 'blocked_address'));
      }
    }
    let settled = false;
    const fail = (error: FetchError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(error);
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: options.method ?? 'GET',
      headers: { 'user-agent': 'Jawab/1.0 (+knowledge crawler)', ...options.headers },
      lookup: guardedLookup(options, port),
      // A fresh connection each time: a pooled socket would skip the lookup above, and with it the check.
      agent: false,
    });
    const timer = setTimeout(() => fail(new FetchError(`${url.href} timed out after ${options.timeoutMs} ms`, 'timeout')), remaining);
    request.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'blocked_address') fail(new FetchError(error.message, 'blocked_address'));
      else fail(new FetchError(`${url.href}: ${error.message}`, 'network'));
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) fail(new FetchError(`${url.href} answered more than ${options.maxBytes} bytes`, 'too_large'));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), url: url.href });
      });
      response.on('error', (error) => fail(new FetchError(`${url.href}: ${error.message}`, 'network')));
    });
    request.end(options.body);
  });
}

/** Fetches `target`, following redirects within the policy; throws FetchError. */
export async function safeFetch(target: string, options: SafeFetchOptions): Promise<SafeResponse> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new FetchError(`${target} is not a URL`, 'bad_url');
  }
  const deadline = Date.now() + options.timeoutMs;
  const maxRedirects = options.maxRedirects ?? 5;
  let current = options;
  for (let hop = 0; ; hop += 1) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(`${url.href}: only http and https are allowed`, 'bad_url');
    const response = await once(url, current, deadline);
    const location = response.headers.location;
    if (response.status < 300 || response.status >= 400 || location === undefined) return response;
    if (hop >= maxRedirects) throw new FetchError(`${target}: more than ${maxRedirects} redirects`, 'too_many_redirects');
    url = new URL(location, url);
    // 301/302/303 turn a POST into a GET without a body, as browsers do; 307/308 repeat the request.
    if (response.status <= 303 && (current.method ?? 'GET') !== 'GET') current = { ...current, method: 'GET', body: undefined };
  }
}
