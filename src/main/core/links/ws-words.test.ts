import { describe, expect, it } from 'vitest';
import { briefReason, describeCloseWords, describeConnectError } from './ws-words';

const label = 'Board at 192.168.0.50:8080';
const facts = { tcpConnected: false, handshakeTimeoutMs: 5000, host: '192.168.0.50', port: 8080 };
const err = (message: string, code?: string) => Object.assign(new Error(message), { code });

describe('connect errors in words', () => {
  it('tells a held SYN from an unanswered upgrade', () => {
    const timeout = err('Opening handshake has timed out');
    expect(describeConnectError(label, timeout, facts)).toBe(
      'Board at 192.168.0.50:8080 did not accept a TCP connection within 5 s (another client may hold its single connection, or the board is off)',
    );
    expect(describeConnectError(label, timeout, { ...facts, tcpConnected: true })).toBe(
      'Board at 192.168.0.50:8080 accepted the connection but did not answer the WebSocket upgrade within 5 s — another client probably holds its single WebSocket connection',
    );
  });

  it('names refusals, resets, unreachable hosts and unknown names', () => {
    expect(describeConnectError(label, err('x', 'ECONNREFUSED'), facts)).toContain('refused the connection');
    expect(describeConnectError(label, err('x', 'ECONNRESET'), { ...facts, tcpConnected: true })).toContain(
      'rejected the WebSocket upgrade',
    );
    expect(describeConnectError(label, err('x', 'EHOSTUNREACH'), facts)).toContain('unreachable');
    expect(describeConnectError(label, err('x', 'ENOTFOUND'), { ...facts, host: 'lab-web.local' })).toContain(
      '"lab-web.local" could not be resolved',
    );
  });

  it('explains an oversized message and a reset on an open link', () => {
    expect(
      describeCloseWords(label, err('Max payload size exceeded', 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')),
    ).toContain('larger than the app accepts');
    expect(describeCloseWords(label, err('read ECONNRESET', 'ECONNRESET'))).toBe(
      'Board at 192.168.0.50:8080 reset the connection (TCP RST)',
    );
  });
});

describe('brief reasons for chips', () => {
  it('boils each sentence down to a word or two', () => {
    const t = (m: string, code?: string, tcp = false) =>
      briefReason(describeConnectError(label, err(m, code), { ...facts, tcpConnected: tcp }));
    expect(t('Opening handshake has timed out', undefined, true)).toBe('slot busy');
    expect(t('Opening handshake has timed out')).toBe('no answer');
    expect(t('x', 'ECONNREFUSED')).toBe('refused');
    expect(t('x', 'EHOSTUNREACH')).toBe('unreachable');
    expect(t('x', 'ENOTFOUND')).toBe('unknown host');
    expect(briefReason('HTTP server at 1.2.3.4:80 did not answer within 5 s')).toBe('no answer');
    expect(briefReason('something odd')).toBe('error');
  });
});
