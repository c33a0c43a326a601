import { describe, expect, it } from 'vitest';
import { internetChecksum, synthesizeTcp, tcpPacket, parseIpv4 } from './tcp-synth';
import { LINKTYPE_RAW, writePcapng } from './writer';

const C = { ip: [127, 0, 0, 1] as const, port: 50123 };
const S = { ip: [192, 168, 0, 50] as const, port: 8080 };
const bytes = (s: string) => new TextEncoder().encode(s);

/** Walks the blocks of a pcapng file: [type, body]. */
function blocks(file: Uint8Array): Array<[number, DataView]> {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: Array<[number, DataView]> = [];
  for (let p = 0; p < file.length;) {
    const type = dv.getUint32(p, true);
    const len = dv.getUint32(p + 4, true);
    expect(len % 4).toBe(0);
    expect(dv.getUint32(p + len - 4, true)).toBe(len);
    out.push([type, new DataView(file.buffer, file.byteOffset + p + 8, len - 12)]);
    p += len;
  }
  return out;
}

describe('pcapng writer', () => {
  it('writes SHB, IDB (LINKTYPE_RAW) and one EPB per packet with µs timestamps', () => {
    const file = writePcapng(
      [
        { t: 1_700_000_000_123.456, data: Uint8Array.of(1, 2, 3) },
        { t: 1_700_000_000_124, data: new Uint8Array(8) },
      ],
      { application: 'NUCLEO-MEM Bench', interfaceName: 'ws-link' },
    );
    const bs = blocks(file);
    expect(bs.map(([t]) => t)).toEqual([0x0a0d0d0a, 1, 6, 6]);
    expect(bs[0]![1].getUint32(0, true)).toBe(0x1a2b3c4d);
    expect(bs[1]![1].getUint16(0, true)).toBe(LINKTYPE_RAW);
    const epb = bs[2]![1];
    const us = (BigInt(epb.getUint32(4, true)) << 32n) | BigInt(epb.getUint32(8, true));
    expect(us).toBe(1_700_000_000_123_456n);
    expect([epb.getUint32(12, true), epb.getUint32(16, true)]).toEqual([3, 3]);
    expect(new TextDecoder().decode(file)).toContain('NUCLEO-MEM Bench');
  });

  it('IPv4 and TCP checksums verify to zero', () => {
    const p = tcpPacket(C, S, 1000, 2000, 0x18, bytes('hello'), 7);
    expect(internetChecksum(p.subarray(0, 20))).toBe(0);
    const pseudo = Uint8Array.of(...C.ip, ...S.ip, 0, 6, 0, p.length - 20);
    expect(internetChecksum(pseudo, p.subarray(20))).toBe(0);
    expect(internetChecksum(pseudo, p.subarray(20, p.length - 1))).not.toBe(0);
  });

  it('keeps sequence and ack numbers consistent across the handshake, data and the end', () => {
    const pk = synthesizeTcp({
      client: C,
      server: S,
      openedAt: 0,
      segments: [
        { t: 1, dir: 'c2s', bytes: bytes('GET / HTTP/1.1\r\n\r\n') },
        { t: 2, dir: 's2c', bytes: bytes('HTTP/1.1 101 x\r\n\r\n'), include: false },
        { t: 3, dir: 'c2s', bytes: bytes('abc') },
      ],
      end: { kind: 'server-rst', t: 4 },
    });
    const tcp = pk.map((p) => {
      const dv = new DataView(p.data.buffer, p.data.byteOffset + 20);
      return {
        sport: dv.getUint16(0),
        seq: dv.getUint32(4),
        ack: dv.getUint32(8),
        flags: p.data[33]!,
        len: p.data.length - 40,
      };
    });
    expect(tcp.map((x) => x.flags)).toEqual([0x02, 0x12, 0x10, 0x18, 0x18, 0x14]);
    const [syn, synack, ack, get, abc, rst] = tcp;
    expect(synack!.ack).toBe(syn!.seq + 1);
    expect(ack!.seq).toBe(syn!.seq + 1);
    expect(get!.seq).toBe(ack!.seq);
    expect(abc!.seq).toBe(get!.seq + get!.len);
    expect(abc!.ack).toBe(synack!.seq + 1 + 'HTTP/1.1 101 x\r\n\r\n'.length);
    expect(rst!.sport).toBe(8080);
    expect(rst!.seq).toBe(abc!.ack);
  });

  it('parses IPv4 literals only', () => {
    expect(parseIpv4('192.168.0.50')).toEqual([192, 168, 0, 50]);
    expect(parseIpv4('lab-web.local')).toBeUndefined();
    expect(parseIpv4('1.2.3.256')).toBeUndefined();
  });
});
