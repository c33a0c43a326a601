// Where WebSocket frames start in a stream of TCP reads, without keeping their bytes: the HTTP upgrade head is
// skipped to its blank line, then each frame's header (RFC 6455 §5.2) gives the length to skip. The frame log uses it
// to start following a connection that is already open at a frame's first byte, never halfway through one.

const CRLFCRLF = [13, 10, 13, 10];

/** One direction of one connection. */
export class FrameBoundaries {
  private inHead: boolean;
  /** How much of "\r\n\r\n" the last bytes of the head matched. */
  private matched = 0;
  /** Bytes of a frame header read so far (a header can span reads). */
  private readonly header: number[] = [];
  /** Payload bytes of the current frame still to come. */
  private remaining = 0;

  /** `upgraded`: the stream starts after the HTTP head, with a frame. */
  constructor(upgraded = false) {
    this.inHead = !upgraded;
  }

  /** True once the HTTP upgrade head has gone by. */
  get upgraded(): boolean {
    return !this.inHead;
  }

  /** Reads one chunk; returns the offset in it of the first frame that starts there, or undefined if none does. */
  feed(bytes: Uint8Array): number | undefined {
    let first: number | undefined;
    let i = 0;
    while (i < bytes.length) {
      if (this.inHead) {
        const b = bytes[i++]!;
        this.matched = b === CRLFCRLF[this.matched] ? this.matched + 1 : b === 13 ? 1 : 0;
        if (this.matched === 4) this.inHead = false;
        continue;
      }
      if (this.remaining > 0) {
        const skip = Math.min(this.remaining, bytes.length - i);
        this.remaining -= skip;
        i += skip;
        continue;
      }
      if (this.header.length === 0) first ??= i;
      this.header.push(bytes[i++]!);
      const need = headerLength(this.header);
      if (need !== undefined && this.header.length === need) {
        this.remaining = payloadLength(this.header);
        this.header.length = 0;
      }
    }
    return first;
  }
}

/** Length of a frame header once its first two bytes are known. */
function headerLength(h: readonly number[]): number | undefined {
  if (h.length < 2) return undefined;
  const len7 = h[1]! & 0x7f;
  return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (h[1]! & 0x80 ? 4 : 0);
}

function payloadLength(h: readonly number[]): number {
  const len7 = h[1]! & 0x7f;
  if (len7 < 126) return len7;
  if (len7 === 126) return (h[2]! << 8) | h[3]!;
  let n = 0;
  for (let k = 2; k < 10; k++) n = n * 256 + h[k]!;
  return n;
}
