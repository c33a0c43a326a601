import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authenticate, newToken, sessionCookie, tokenMatches, tokenProblem } from './auth';

const req = (url: string, cookie?: string) => ({ url, headers: { cookie } }) as unknown as IncomingMessage;

describe('browser-mode token', () => {
  it('makes 32 random bytes, base64url, different every launch', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(a);
  });

  it('compares whole tokens only', () => {
    const t = newToken();
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t.slice(0, -1), t)).toBe(false);
    expect(tokenMatches(`${t}x`, t)).toBe(false);
    expect(tokenMatches('', t)).toBe(false);
  });

  it('takes the token from the query or from this port’s cookie, and says why not', () => {
    const t = newToken();
    expect(authenticate(req(`/?token=${t}`), t, 5180)).toEqual({ ok: true, via: 'query' });
    expect(authenticate(req('/bridge', `a=b; nucleo-bench-token-5180=${t}`), t, 5180)).toEqual({
      ok: true,
      via: 'cookie',
    });
    expect(authenticate(req('/bridge', `nucleo-bench-token-5181=${t}`), t, 5180)).toEqual({
      ok: false,
      reason: 'no token',
    });
    expect(authenticate(req('/?token=nope'), t, 5180)).toEqual({ ok: false, reason: 'wrong token' });
    expect(authenticate(req('/', 'nucleo-bench-token-5180=nope'), t, 5180)).toEqual({
      ok: false,
      reason: 'wrong token',
    });
  });

  it('sets an HttpOnly, SameSite=Strict cookie for the whole site', () => {
    expect(sessionCookie('abc', 5180)).toBe('nucleo-bench-token-5180=abc; HttpOnly; SameSite=Strict; Path=/');
  });

  it('accepts only long, URL-safe tokens from the user', () => {
    expect(tokenProblem('short')).toMatch(/at least 32/);
    expect(tokenProblem(`${'a'.repeat(32)} x`)).toMatch(/only letters/);
    expect(tokenProblem('a'.repeat(32))).toBeUndefined();
  });
});
