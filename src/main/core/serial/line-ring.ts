import type { SerialLine } from '../../../shared/bridge/contracts/serial';

/** A scrollback bounded by line count and by characters; it counts what it drops. */
export class LineRing {
  private items: (SerialLine | undefined)[];
  private head = 0;
  private size = 0;
  private chars = 0;
  /** Lines pushed out since the last clear. */
  dropped = 0;

  constructor(
    private readonly maxLines: number,
    private readonly maxChars: number,
  ) {
    this.items = new Array<SerialLine | undefined>(maxLines);
  }

  push(line: SerialLine): void {
    if (this.size === this.maxLines) this.dropOldest();
    this.items[(this.head + this.size) % this.maxLines] = line;
    this.size++;
    this.chars += weight(line);
    while (this.chars > this.maxChars && this.size > 1) this.dropOldest();
  }

  /** The newest `limit` lines, oldest first. */
  tail(limit: number): SerialLine[] {
    const n = Math.min(limit, this.size);
    const out: SerialLine[] = [];
    for (let i = this.size - n; i < this.size; i++) out.push(this.items[(this.head + i) % this.maxLines]!);
    return out;
  }

  get length(): number {
    return this.size;
  }

  clear(): void {
    this.items = new Array<SerialLine | undefined>(this.maxLines);
    this.head = 0;
    this.size = 0;
    this.chars = 0;
    this.dropped = 0;
  }

  private dropOldest(): void {
    const old = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.maxLines;
    this.size--;
    this.chars -= old ? weight(old) : 0;
    this.dropped++;
  }
}

function weight(line: SerialLine): number {
  return line.text.length + (line.hex?.length ?? 0) + 32;
}
