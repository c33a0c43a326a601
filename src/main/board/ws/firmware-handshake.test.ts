import { describe, expect, it } from 'vitest';
import { firmwareAcceptKey, judgeHandshake } from './firmware-handshake';

const req = (s: string) => new TextEncoder().encode(s);
const good =
  'GET /x HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';

describe('firmware handshake rules (§3.3)', () => {
  it('computes the RFC sample accept value and the 129-byte response', () => {
    const v = judgeHandshake(req(good));
    expect(v.ok && v.accept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(v.ok && v.response.length).toBe(129);
  });

  it('pads short keys and truncates long ones to 24 characters', () => {
    expect(firmwareAcceptKey('abc')).toBe(firmwareAcceptKey('abc'.padEnd(24, '=')));
    expect(firmwareAcceptKey('dGhlIHNhbXBsZSBub25jZQ==xyz')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('finds GET anywhere and skips tabs after the colon', () => {
    expect(judgeHandshake(req(`junk GET \r\nUpgrade: websocket\r\nSec-WebSocket-Key:\t \tabc\r\n`)).ok).toBe(
      true,
    );
  });

  it('needs websocket within 50 bytes of Upgrade:', () => {
    expect(
      judgeHandshake(req(`GET / \r\nUpgrade:${' '.repeat(33)}websocket\r\nSec-WebSocket-Key: k\r\n`)).ok,
    ).toBe(true);
    expect(
      judgeHandshake(req(`GET / \r\nUpgrade:${' '.repeat(34)}websocket\r\nSec-WebSocket-Key: k\r\n`)).ok,
    ).toBe(false);
  });

  it.each([
    [good.replace('GET', 'get'), 'WS: Not a GET request'],
    [good.replace('Upgrade: websocket', 'Upgrade: WebSocket'), 'WS: No Upgrade: websocket'],
    [good.replace('Upgrade:', 'upgrade:'), 'WS: No Upgrade: websocket'],
    [good.replace('Sec-WebSocket-Key', 'sec-websocket-key'), 'WS: No Sec-WebSocket-Key'],
    [good.replace('dGhlIHNhbXBsZSBub25jZQ==', 'x'.repeat(31)), 'WS: Invalid key format'],
    ['GET / \r\nUpgrade: websocket\r\nSec-WebSocket-Key: abc', 'WS: Invalid key format'],
  ])('rejects %j', (text, line) => {
    const v = judgeHandshake(req(text));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.verboseLine).toBe(line);
  });
});
