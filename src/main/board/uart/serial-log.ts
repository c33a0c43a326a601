import type { BoardClock } from '../clock';

/** One line printed on USART3. */
export interface UartLine {
  /** Running number since the board object was created. */
  readonly seq: number;
  /** Clock time of the print (ms). */
  readonly time: number;
  /** The text without its line ending. */
  readonly text: string;
  /** The exact bytes sent (text plus `\r\n`, or a lone `\n` the firmware prints). */
  readonly raw: string;
}

/** fb36 prints only a few WS lines; d8a6 prints many more. */
export type SerialVerbosity = 'quiet' | 'verbose';

/** The UART as a stream of lines with a bounded tail. */
export class SerialLog {
  private seq = 0;
  private readonly tailLines: UartLine[] = [];
  private readonly listeners = new Set<(line: UartLine) => void>();

  constructor(
    private readonly clock: BoardClock,
    private readonly tailMax = 500,
  ) {}

  /** Prints one `printf` worth of text; a leading `\n` (as in `"\n===== …"`) becomes its own empty line. */
  print(text: string): void {
    let rest = text;
    while (rest.startsWith('\n')) {
      this.emit('', '\n');
      rest = rest.slice(1);
    }
    this.emit(rest, `${rest}\r\n`);
  }

  tail(n = this.tailMax): UartLine[] {
    return this.tailLines.slice(-n);
  }

  onLine(listener: (line: UartLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(text: string, raw: string): void {
    const line: UartLine = { seq: ++this.seq, time: this.clock.now(), text, raw };
    this.tailLines.push(line);
    if (this.tailLines.length > this.tailMax) this.tailLines.shift();
    for (const l of this.listeners) l(line);
  }
}
