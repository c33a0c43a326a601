import { createHash } from 'node:crypto';

/** The RFC 6455 GUID the firmware hard-codes. */
export const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** `ws_compute_accept_key`: the key padded with '=' or truncated to 24 characters first. */
export function firmwareAcceptKey(key: string): string {
  const k = key.length >= 24 ? key.slice(0, 24) : key.padEnd(24, '=');
  return createHash('sha1')
    .update(k + WS_GUID, 'latin1')
    .digest('base64');
}

/** The fixed 101 response (129 bytes for a 28-character accept value). */
export function firmwareResponse(accept: string): string {
  return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`;
}

export type HandshakeVerdict =
  | { readonly ok: true; readonly key: string; readonly accept: string; readonly response: string }
  | {
      readonly ok: false;
      readonly reason: string;
      /** The d8a6 line for this failure. */ readonly verboseLine: string;
    };

/** `ws_perform_handshake` on the first received segment: case-sensitive substring checks
 *  (docs/firmware-protocol.md §3.3). */
export function judgeHandshake(segment: Uint8Array): HandshakeVerdict {
  const s = Buffer.from(segment.buffer, segment.byteOffset, segment.byteLength).toString('latin1');
  if (!s.includes('GET '))
    return { ok: false, reason: 'no "GET " in the request', verboseLine: 'WS: Not a GET request' };
  const up = s.indexOf('Upgrade:');
  if (up < 0 || !s.slice(up, up + 50).includes('websocket')) {
    return {
      ok: false,
      reason: 'no case-exact "Upgrade:" with "websocket" within 50 bytes',
      verboseLine: 'WS: No Upgrade: websocket',
    };
  }
  const k = s.indexOf('Sec-WebSocket-Key:');
  if (k < 0)
    return {
      ok: false,
      reason: 'no case-exact "Sec-WebSocket-Key:" header',
      verboseLine: 'WS: No Sec-WebSocket-Key',
    };
  let i = k + 'Sec-WebSocket-Key:'.length;
  while (s[i] === ' ' || s[i] === '\t') i++;
  const cr = s.indexOf('\r', i);
  const key = cr < 0 ? '' : s.slice(i, cr);
  if (cr < 0 || key.length === 0 || key.length > 30) {
    return {
      ok: false,
      reason: cr < 0 ? 'key not ended by CR' : `key of ${key.length} characters (1–30 allowed)`,
      verboseLine: 'WS: Invalid key format',
    };
  }
  const accept = firmwareAcceptKey(key);
  return { ok: true, key, accept, response: firmwareResponse(accept) };
}
