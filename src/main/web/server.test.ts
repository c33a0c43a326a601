import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originRefusal } from './server';

const req = (origin: string | undefined, host: string | undefined) =>
  ({ headers: { origin, host } }) as unknown as IncomingMessage;

describe('bridge origin check', () => {
  it('accepts the page served by this server on loopback', () => {
    expect(originRefusal(req('http://127.0.0.1:5180', '127.0.0.1:5180'), '127.0.0.1')).toBeUndefined();
    expect(originRefusal(req('http://localhost:5180', 'localhost:5180'), '127.0.0.1')).toBeUndefined();
  });

  it('refuses other origins, missing headers and DNS rebinding', () => {
    expect(originRefusal(req('http://evil.example:5180', '127.0.0.1:5180'), '127.0.0.1')).toMatch(
      /not this server/,
    );
    expect(originRefusal(req(undefined, '127.0.0.1:5180'), '127.0.0.1')).toMatch(/no Origin/);
    expect(originRefusal(req('null', '127.0.0.1:5180'), '127.0.0.1')).toBeDefined();
    expect(originRefusal(req('http://evil.example:5180', 'evil.example:5180'), '127.0.0.1')).toMatch(
      /not allowed/,
    );
  });

  it('accepts IP literals when the user opted in to all interfaces', () => {
    expect(originRefusal(req('http://192.168.1.20:5180', '192.168.1.20:5180'), '0.0.0.0')).toBeUndefined();
    expect(originRefusal(req('http://evil.example:5180', 'evil.example:5180'), '0.0.0.0')).toMatch(
      /not allowed/,
    );
  });
});
