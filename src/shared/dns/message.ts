// DNS messages as mDNS (RFC 6762) and LLMNR (RFC 4795) carry them: a header, questions and resource records.
// Only what finding a board by name needs: A records, name compression on input, bounded parsing.

/** Record types and the one class used here. */
export const DNS_TYPE = { A: 1, ANY: 255 } as const;
export const DNS_CLASS_IN = 1;
/** The QR bit of the flags: set on responses. */
export const DNS_FLAG_RESPONSE = 0x8000;

export interface DnsQuestion {
  readonly name: string;
  readonly type: number;
  /** Class; mDNS puts its "unicast response" request in the top bit. */
  readonly klass: number;
}

export interface DnsRecord {
  readonly name: string;
  readonly type: number;
  readonly klass: number;
  readonly ttl: number;
  /** The RDATA bytes as sent. */
  readonly data: Uint8Array;
  /** For an A record: the IPv4 address in dotted form. */
  readonly address?: string;
}

export interface DnsMessage {
  readonly id: number;
  readonly flags: number;
  readonly questions: readonly DnsQuestion[];
  readonly answers: readonly DnsRecord[];
}

export type DnsParse =
  { readonly ok: true; readonly message: DnsMessage } | { readonly ok: false; readonly error: string };

/** More entries than this in one section: the message is refused (a board answers with one or two). */
const MAX_ENTRIES = 32;
/** Compression pointers followed for one name before it is judged a loop. */
const MAX_POINTERS = 16;

/** Encodes a query or response (answers are A records only). Throws on a name DNS cannot carry. */
export function encodeDns(msg: {
  readonly id: number;
  readonly flags: number;
  readonly questions: readonly DnsQuestion[];
  readonly answers?: readonly { name: string; ttl: number; address: string }[];
}): Uint8Array {
  const parts: number[] = [];
  const u16 = (n: number) => parts.push((n >> 8) & 0xff, n & 0xff);
  const answers = msg.answers ?? [];
  u16(msg.id);
  u16(msg.flags);
  u16(msg.questions.length);
  u16(answers.length);
  u16(0);
  u16(0);
  for (const q of msg.questions) {
    parts.push(...encodeName(q.name));
    u16(q.type);
    u16(q.klass);
  }
  for (const a of answers) {
    const octets = a.address.split('.').map(Number);
    if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255))
      throw new RangeError(`not an IPv4 address: ${a.address}`);
    parts.push(...encodeName(a.name));
    u16(DNS_TYPE.A);
    u16(DNS_CLASS_IN);
    u16((a.ttl >>> 16) & 0xffff);
    u16(a.ttl & 0xffff);
    u16(4);
    parts.push(...octets);
  }
  return Uint8Array.from(parts);
}

/** A name as labels: each 1–63 bytes, the whole at most 255. */
export function encodeName(name: string): number[] {
  const labels = name.replace(/\.$/, '').split('.');
  const out: number[] = [];
  for (const label of labels) {
    const bytes = new TextEncoder().encode(label);
    if (bytes.length < 1 || bytes.length > 63) throw new RangeError(`bad label in DNS name "${name}"`);
    out.push(bytes.length, ...bytes);
  }
  out.push(0);
  if (out.length > 255) throw new RangeError(`DNS name too long: "${name}"`);
  return out;
}

/** Parses a message; anything malformed is a coded error, never an exception. */
export function parseDns(bytes: Uint8Array): DnsParse {
  if (bytes.length < 12) return { ok: false, error: `${bytes.length} bytes is shorter than a DNS header` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const id = view.getUint16(0);
  const flags = view.getUint16(2);
  const qd = view.getUint16(4);
  const an = view.getUint16(6);
  if (qd > MAX_ENTRIES || an > MAX_ENTRIES)
    return { ok: false, error: `too many entries (${qd} questions, ${an} answers)` };
  let at = 12;
  const questions: DnsQuestion[] = [];
  const answers: DnsRecord[] = [];
  try {
    for (let i = 0; i < qd; i++) {
      const n = readName(bytes, at);
      at = n.next;
      need(bytes, at, 4);
      questions.push({ name: n.name, type: view.getUint16(at), klass: view.getUint16(at + 2) });
      at += 4;
    }
    for (let i = 0; i < an; i++) {
      const n = readName(bytes, at);
      at = n.next;
      need(bytes, at, 10);
      const type = view.getUint16(at);
      const klass = view.getUint16(at + 2);
      const ttl = view.getUint32(at + 4);
      const length = view.getUint16(at + 8);
      at += 10;
      need(bytes, at, length);
      const data = bytes.slice(at, at + length);
      at += length;
      const address = type === DNS_TYPE.A && length === 4 ? Array.from(data).join('.') : undefined;
      answers.push({ name: n.name, type, klass, ttl, data, ...(address ? { address } : {}) });
    }
  } catch (err) {
    return { ok: false, error: err instanceof DnsFormatError ? err.message : String(err) };
  }
  return { ok: true, message: { id, flags, questions, answers } };
}

class DnsFormatError extends Error {}

function need(bytes: Uint8Array, at: number, n: number): void {
  if (at + n > bytes.length) throw new DnsFormatError(`truncated at byte ${at} (${n} more needed)`);
}

/** Reads a name at `at`, following compression pointers; `next` is where the record goes on. */
function readName(bytes: Uint8Array, at: number): { name: string; next: number } {
  const labels: string[] = [];
  let next = -1;
  let pointers = 0;
  let length = 0;
  for (;;) {
    need(bytes, at, 1);
    const len = bytes[at]!;
    if (len === 0) {
      if (next < 0) next = at + 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      need(bytes, at, 2);
      if (++pointers > MAX_POINTERS) throw new DnsFormatError('name compression loops');
      if (next < 0) next = at + 2;
      at = ((len & 0x3f) << 8) | bytes[at + 1]!;
      continue;
    }
    if (len > 63) throw new DnsFormatError(`label length ${len} at byte ${at}`);
    need(bytes, at + 1, len);
    length += len + 1;
    if (length > 255) throw new DnsFormatError('name longer than 255 bytes');
    labels.push(new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(at + 1, at + 1 + len)));
    at += 1 + len;
  }
  return { name: labels.join('.'), next };
}
