// A killed writer's file as a complete MCAP file, without writing to it: its first `kept` bytes followed by the end
// that recovery built (recovery.ts). McapIndexedReader reads it like any file.
import type { FileHandle } from 'node:fs/promises';
import type { IReadable } from '@mcap/core';

/** Bytes [0, kept) of a file, then `tail`. */
export class SplicedReadable implements IReadable {
  constructor(
    private readonly handle: FileHandle,
    private readonly kept: number,
    private readonly tail: Uint8Array,
  ) {}

  async size(): Promise<bigint> {
    return BigInt(this.kept + this.tail.byteLength);
  }

  async read(offset: bigint, length: bigint): Promise<Uint8Array> {
    const from = Number(offset);
    const n = Number(length);
    if (from < 0 || n < 0 || from + n > this.kept + this.tail.byteLength) {
      throw new Error(`Read past the end of the session file (offset ${from}, ${n} bytes)`);
    }
    const out = new Uint8Array(n);
    const inFile = Math.max(0, Math.min(n, this.kept - from));
    if (inFile > 0) {
      const { bytesRead } = await this.handle.read(out, 0, inFile, from);
      if (bytesRead !== inFile)
        throw new Error(`The session file changed while it was read (offset ${from})`);
    }
    if (inFile < n) out.set(this.tail.subarray(from + inFile - this.kept, from + n - this.kept), inFile);
    return out;
  }
}
