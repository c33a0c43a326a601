// A pcapng writer (draft-ietf-opsawg-pcapng): Section Header Block, one Interface Description Block, Enhanced
// Packet Blocks. Pure and little-endian; timestamps in microseconds (the format's default resolution).

import { concatBytes } from '../frames/bytes';

/** LINKTYPE_RAW: each packet starts with its IPv4 (or IPv6) header. */
export const LINKTYPE_RAW = 101;

/** One packet to write. */
export interface PcapPacket {
  /** Capture time, ms since the epoch (fractional ms kept to the microsecond). */
  readonly t: number;
  readonly data: Uint8Array;
}

export interface PcapngOptions {
  readonly linkType?: number;
  /** Written as the shb_userappl option. */
  readonly application?: string;
  /** Written as the if_name option. */
  readonly interfaceName?: string;
  /** Written as a comment on the section. */
  readonly comment?: string;
}

const utf8 = new TextEncoder();
const pad4 = (n: number): number => (n + 3) & ~3;

/** Encodes options (code, length, value padded to 4) followed by opt_endofopt. */
function options(list: ReadonlyArray<readonly [number, Uint8Array]>): Uint8Array {
  const present = list.filter(([, v]) => v.length > 0);
  if (!present.length) return new Uint8Array(0);
  const size = present.reduce((n, [, v]) => n + 4 + pad4(v.length), 0) + 4;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  let p = 0;
  for (const [code, v] of present) {
    dv.setUint16(p, code, true);
    dv.setUint16(p + 2, v.length, true);
    out.set(v, p + 4);
    p += 4 + pad4(v.length);
  }
  return out; // the trailing 4 zero bytes are opt_endofopt
}

/** Wraps a block body: type, total length, body (padded), total length again. */
function block(type: number, body: Uint8Array): Uint8Array {
  const total = 12 + pad4(body.length);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, type, true);
  dv.setUint32(4, total, true);
  out.set(body, 8);
  dv.setUint32(total - 4, total, true);
  return out;
}

function sectionHeader(o: PcapngOptions): Uint8Array {
  const opts = options([
    [1, utf8.encode(o.comment ?? '')],
    [4, utf8.encode(o.application ?? '')],
  ]);
  const body = new Uint8Array(16 + opts.length);
  const dv = new DataView(body.buffer);
  dv.setUint32(0, 0x1a2b3c4d, true); // byte-order magic
  dv.setUint16(4, 1, true); // major
  dv.setUint16(6, 0, true); // minor
  dv.setInt32(8, -1, true); // section length unknown
  dv.setInt32(12, -1, true);
  body.set(opts, 16);
  return block(0x0a0d0d0a, body);
}

function interfaceDescription(o: PcapngOptions): Uint8Array {
  const opts = options([[2, utf8.encode(o.interfaceName ?? '')]]);
  const body = new Uint8Array(8 + opts.length);
  const dv = new DataView(body.buffer);
  dv.setUint16(0, o.linkType ?? LINKTYPE_RAW, true);
  dv.setUint32(4, 0, true); // snaplen: no limit
  body.set(opts, 8);
  return block(0x00000001, body);
}

function enhancedPacket(p: PcapPacket): Uint8Array {
  const us = BigInt(Math.round(p.t * 1000));
  const body = new Uint8Array(20 + pad4(p.data.length));
  const dv = new DataView(body.buffer);
  dv.setUint32(0, 0, true); // interface 0
  dv.setUint32(4, Number(us >> 32n), true);
  dv.setUint32(8, Number(us & 0xffffffffn), true);
  dv.setUint32(12, p.data.length, true);
  dv.setUint32(16, p.data.length, true);
  body.set(p.data, 20);
  return block(0x00000006, body);
}

/** Writes a whole pcapng file with one interface. */
export function writePcapng(packets: Iterable<PcapPacket>, o: PcapngOptions = {}): Uint8Array {
  const parts = [sectionHeader(o), interfaceDescription(o)];
  for (const p of packets) parts.push(enhancedPacket(p));
  return concatBytes(parts);
}
