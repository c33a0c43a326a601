// How bridge messages cross the browser-mode WebSocket. JSON text, except that a message carrying Float64Arrays
// (telemetry batches) goes as one binary frame: a JSON header in which each array is a `{"$f64":[offset,length]}`
// placeholder, then the arrays' bytes, 8-aligned, so the page reads them as views without parsing numbers.
// Frame: u32 LE header length · UTF-8 JSON header · zero padding to a multiple of 8 · float64 data (LE).
// A page that did not ask for binary frames (an older build) gets the arrays as plain JSON arrays (NaN → null).

const F64 = '$f64';

/**
 * Largest message a page sends over the browser-mode socket (bytes of UTF-8). The page refuses a bigger request
 * itself and the core answers one that slips through with an error for that call alone, so one request never
 * closes the socket under every other pending call. Big files cross in parts (memory:import-part, files uploads).
 */
export const MAX_BRIDGE_MESSAGE_BYTES = 4 * 1024 * 1024;

/** The UTF-8 size of `text` when it is over `limit`, else undefined; counted only when its length cannot settle it. */
export function bytesOver(text: string, limit = MAX_BRIDGE_MESSAGE_BYTES): number | undefined {
  // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4).
  if (text.length * 3 <= limit) return undefined;
  const bytes = new TextEncoder().encode(text).length;
  return bytes > limit ? bytes : undefined;
}

/** True when `value` holds a Float64Array, or an array of them, as one of its own properties. */
function holdsTypedArray(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  for (const v of Object.values(value as Record<string, unknown>)) {
    if (v instanceof Float64Array || (Array.isArray(v) && v[0] instanceof Float64Array)) return true;
  }
  return false;
}

/** Encodes one message: a string, or bytes when it carries typed arrays and the peer takes binary frames. */
export function encodeWire(msg: unknown, binary: boolean): string | Uint8Array {
  const payload = (msg as { payload?: unknown } | null)?.payload;
  if (!holdsTypedArray(payload)) return JSON.stringify(msg);
  if (!binary)
    return JSON.stringify(msg, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v));
  const arrays: Float64Array[] = [];
  let offset = 0;
  const header = JSON.stringify(msg, (_k, v: unknown) => {
    if (!(v instanceof Float64Array)) return v;
    arrays.push(v);
    const at = offset;
    offset += v.length;
    return { [F64]: [at, v.length] };
  });
  const head = new TextEncoder().encode(header);
  const dataStart = Math.ceil((4 + head.length) / 8) * 8;
  const out = new Uint8Array(dataStart + offset * 8);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  const data = new Float64Array(out.buffer, dataStart, offset);
  let at = 0;
  for (const a of arrays) {
    data.set(a, at);
    at += a.length;
  }
  return out;
}

/** Decodes a binary frame made by `encodeWire` (the arrays are views on `buf`). Throws on a malformed frame. */
export function decodeWireBinary(buf: ArrayBuffer): unknown {
  if (buf.byteLength < 4) throw new Error('bridge frame too short');
  const headLen = new DataView(buf).getUint32(0, true);
  if (4 + headLen > buf.byteLength) throw new Error('bridge frame header overruns the frame');
  const dataStart = Math.ceil((4 + headLen) / 8) * 8;
  const count = Math.max(0, Math.floor((buf.byteLength - dataStart) / 8));
  const data = new Float64Array(buf, Math.min(dataStart, buf.byteLength), count);
  const header = new TextDecoder().decode(new Uint8Array(buf, 4, headLen));
  return JSON.parse(header, (_k, v: unknown) => {
    if (!v || typeof v !== 'object' || !(F64 in v)) return v;
    const [at, len] = (v as Record<string, [number, number]>)[F64] ?? [];
    if (!Number.isInteger(at) || !Number.isInteger(len) || at! < 0 || len! < 0 || at! + len! > count)
      throw new Error('bridge frame array out of range');
    return data.subarray(at, at! + len!);
  });
}
