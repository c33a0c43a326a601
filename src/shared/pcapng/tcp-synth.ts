// Synthetic IPv4/TCP around captured stream bytes, so Wireshark follows the stream: a handshake, one segment per
// captured chunk with consistent sequence and acknowledgement numbers, and the end as it was captured.
import type { PcapPacket } from './writer';

/** One endpoint: IPv4 address as four numbers, and a port. */
export interface Endpoint {
  readonly ip: readonly [number, number, number, number];
  readonly port: number;
}

/** A captured connection, from the client's (the app's) point of view. */
export interface SynthConnection {
  readonly client: Endpoint;
  readonly server: Endpoint;
  /** Time of the SYN, ms since the epoch. */
  readonly openedAt: number;
  /** The stream, in order: c2s = client → server. `include: false` advances sequence numbers without writing a
   *  packet (a selection), so Wireshark shows the gap honestly. */
  readonly segments: ReadonlyArray<{
    readonly t: number;
    readonly dir: 'c2s' | 's2c';
    readonly bytes: Uint8Array;
    readonly include?: boolean;
  }>;
  /** How it ended: the server's FIN, the server's RST, the client's close, or still open. */
  readonly end?: {
    readonly kind: 'server-fin' | 'server-rst' | 'client-fin' | 'client-rst';
    readonly t: number;
  };
}

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const PSH = 0x08;
const ACK = 0x10;
/** Largest TCP payload per synthetic packet (IPv4 total length is 16 bits). */
const MAX_SEGMENT = 65_000;

/** Internet checksum (RFC 1071) over several byte ranges, as if concatenated. */
export function internetChecksum(...parts: Uint8Array[]): number {
  let sum = 0;
  let odd: number | undefined;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      if (odd === undefined) odd = p[i]!;
      else {
        sum += (odd << 8) | p[i]!;
        odd = undefined;
      }
    }
  }
  if (odd !== undefined) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Builds one IPv4+TCP packet with valid IP and TCP checksums. */
export function tcpPacket(
  src: Endpoint,
  dst: Endpoint,
  seq: number,
  ack: number,
  flags: number,
  payload: Uint8Array,
  ipId = 0,
): Uint8Array {
  const ipLen = 20;
  const tcpLen = 20;
  const pkt = new Uint8Array(ipLen + tcpLen + payload.length);
  const dv = new DataView(pkt.buffer);
  pkt[0] = 0x45;
  dv.setUint16(2, pkt.length);
  dv.setUint16(4, ipId & 0xffff);
  dv.setUint16(6, 0x4000); // don't fragment
  pkt[8] = 64;
  pkt[9] = 6;
  pkt.set(src.ip, 12);
  pkt.set(dst.ip, 16);
  dv.setUint16(10, internetChecksum(pkt.subarray(0, ipLen)));
  const t = ipLen;
  dv.setUint16(t, src.port);
  dv.setUint16(t + 2, dst.port);
  dv.setUint32(t + 4, seq >>> 0);
  dv.setUint32(t + 8, ack >>> 0);
  pkt[t + 12] = (tcpLen / 4) << 4;
  pkt[t + 13] = flags;
  dv.setUint16(t + 14, 65535);
  pkt.set(payload, t + tcpLen);
  const pseudo = new Uint8Array(12);
  pseudo.set(src.ip, 0);
  pseudo.set(dst.ip, 4);
  pseudo[9] = 6;
  new DataView(pseudo.buffer).setUint16(10, tcpLen + payload.length);
  dv.setUint16(t + 16, internetChecksum(pseudo, pkt.subarray(t)));
  return pkt;
}

/** Packets for one connection: SYN, SYN-ACK, ACK, the data segments, and the end. */
export function synthesizeTcp(c: SynthConnection): PcapPacket[] {
  const out: PcapPacket[] = [];
  let cSeq = 0x1000_0000 + ((c.client.port * 7919) & 0xffff);
  let sSeq = 0x2000_0000 + ((c.server.port * 104729) & 0xffff);
  const t0 = c.openedAt;
  let id = 1;
  const put = (t: number, fromClient: boolean, flags: number, payload: Uint8Array = new Uint8Array(0)) => {
    const [src, dst] = fromClient ? [c.client, c.server] : [c.server, c.client];
    const ack = flags & ACK ? (fromClient ? sSeq : cSeq) : 0;
    out.push({ t, data: tcpPacket(src, dst, fromClient ? cSeq : sSeq, ack, flags, payload, id++) });
  };
  put(t0, true, SYN);
  cSeq++;
  put(t0, false, SYN | ACK);
  sSeq++;
  put(t0, true, ACK);
  for (const s of c.segments) {
    const fromClient = s.dir === 'c2s';
    for (let off = 0; off < s.bytes.length; off += MAX_SEGMENT) {
      const part = s.bytes.subarray(off, off + MAX_SEGMENT);
      if (s.include !== false) put(s.t, fromClient, PSH | ACK, part);
      if (fromClient) cSeq += part.length;
      else sSeq += part.length;
    }
  }
  const e = c.end;
  if (!e) return out;
  if (e.kind === 'server-rst') put(e.t, false, RST | ACK);
  else if (e.kind === 'client-rst') put(e.t, true, RST | ACK);
  else {
    const first = e.kind === 'client-fin';
    put(e.t, first, FIN | ACK);
    if (first) cSeq++;
    else sSeq++;
    put(e.t, !first, FIN | ACK);
    if (first) sSeq++;
    else cSeq++;
    put(e.t, first, ACK);
  }
  return out;
}

/** Parses an IPv4 literal; undefined for a name. */
export function parseIpv4(text: string): [number, number, number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number) as [number, number, number, number];
  return parts.every((n) => n <= 255) ? parts : undefined;
}
