// Browser mode's secret: a per-launch token (or one the user gave) that every HTTP request and the bridge upgrade
// must show, as a `?token=` query or as the HttpOnly cookie the first tokened response sets. Any local process can
// reach 127.0.0.1; only one that was handed the URL can drive the bench.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The query parameter that carries the token in the printed URL. */
export const TOKEN_PARAM = 'token';

/** A token the user gives must be this long, in URL-safe characters (it goes into a URL and a cookie as is). */
export const MIN_TOKEN_LENGTH = 32;
const TOKEN_CHARS = /^[A-Za-z0-9._~-]+$/;

/** A fresh token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Why a user-given token is not usable, or undefined when it is. */
export function tokenProblem(token: string): string | undefined {
  if (token.length < MIN_TOKEN_LENGTH) return `it must be at least ${MIN_TOKEN_LENGTH} characters long`;
  if (!TOKEN_CHARS.test(token)) return 'it may hold only letters, digits and . _ ~ -';
  return undefined;
}

/** The cookie's name names the port: two benches on one host do not overwrite each other's cookie. */
export function cookieName(port: number): string {
  return `nucleo-bench-token-${port}`;
}

/** The Set-Cookie value that lets this browser reload and bookmark the page without the query. */
export function sessionCookie(token: string, port: number): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Compares in constant time (hashing first makes the lengths equal, so the length does not leak either). */
export function tokenMatches(given: string, token: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** How a request showed the right token, or why it did not. */
export type AuthResult =
  { readonly ok: true; readonly via: 'query' | 'cookie' } | { readonly ok: false; readonly reason: string };

/** Checks the `?token=` query and the cookie of a request; either may carry the token. */
export function authenticate(req: IncomingMessage, token: string, port: number): AuthResult {
  let query: string | null;
  try {
    query = new URL(req.url ?? '/', 'http://x').searchParams.get(TOKEN_PARAM);
  } catch {
    return { ok: false, reason: 'malformed URL' };
  }
  const cookie = cookieValue(req.headers.cookie, cookieName(port));
  if (query !== null && tokenMatches(query, token)) return { ok: true, via: 'query' };
  if (cookie !== undefined && tokenMatches(cookie, token)) return { ok: true, via: 'cookie' };
  if (query === null && cookie === undefined) return { ok: false, reason: 'no token' };
  return { ok: false, reason: 'wrong token' };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
