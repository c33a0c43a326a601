import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../shared/ws-frames';
import { parseRecording } from '../../../shared/recording/format';
import { FrameCapture } from './capture';
import { exportNdjson, exportPcapng } from './export';

const enc = new TextEncoder();

function capture() {
  const cap = new FrameCapture({ now: () => 1_700_000_000_000 });
  cap.connectionOpened('c', { host: '127.0.0.1', port: 8080, localPort: 40000 });
  cap.chunk('c', 'tx', enc.encode('GET / HTTP/1.1\r\nSec-WebSocket-Key: a\r\n\r\n'));
  cap.chunk('c', 'rx', enc.encode('HTTP/1.1 101 Switching Protocols\r\n\r\n'));
  cap.chunk(
    'c',
    'tx',
    encodeFrame({
      opcode: 1,
      payload: '{"type":"led-command","led":"red","state":true}',
      mask: Uint8Array.of(1, 2, 3, 4),
    }),
  );
  cap.chunk('c', 'rx', encodeFrame({ opcode: 9, payload: Uint8Array.of(0xff) }));
  cap.connectionEvent('c', 'reset');
  return cap;
}

describe('exports', () => {
  it('NDJSON: a header and one record per frame, text as data, others as b64', () => {
    const { text, records } = exportNdjson(capture(), undefined);
    const rec = parseRecording(text);
    expect(records).toBe(2);
    expect(rec.records).toEqual([
      { t: 1_700_000_000_000, dir: 'tx', op: 1, data: '{"type":"led-command","led":"red","state":true}' },
      { t: 1_700_000_000_000, dir: 'rx', op: 9, b64: '/w==' },
    ]);
  });

  it('NDJSON of a selection holds only the selected frames', () => {
    const cap = capture();
    const ping = [...cap.allItems()].find((i) => i.row.opcode === 9)!.row.seq;
    expect(parseRecording(exportNdjson(cap, new Set([ping])).text).records.map((r) => r.op)).toEqual([9]);
  });

  it('pcapng: handshake, one packet per chunk, and the RST', () => {
    const { packets, connections } = exportPcapng(capture(), undefined, 'test');
    expect(connections).toBe(1);
    expect(packets).toBe(3 + 4 + 1);
  });
});
