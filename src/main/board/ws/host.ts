// What the WebSocket servers need from the board model: one small interface, so each server is a thin adapter.

/** Raw bytes on one connection, for the frame tap. */
export interface WireEvent {
  /** Connection number, unique within the board's life. */
  readonly conn: number;
  /** rx: client → board; tx: board → client. */
  readonly dir: 'rx' | 'tx';
  readonly bytes: Uint8Array;
  /** Clock time (ms). */
  readonly time: number;
  /** Set on the first event of a connection and when it ends. */
  readonly note?: 'open' | 'close';
  /** Remote address:port. */
  readonly remote: string;
}

/** A WebSocket session that receives telemetry. */
export interface WsClient {
  readonly id: number;
  readonly remote: string;
  readonly profile: 'firmware' | 'compliant';
  /** Clock time at which the handshake completed. */
  readonly since: number;
  /** Sends one text message (dropped silently when the firmware would drop it). */
  send(text: string): void;
  /** Fault: drop the link with a TCP reset. */
  reset(): void;
  /** True while the socket's send buffer is above its high-water mark. */
  backpressure(): boolean;
  /** Resolves when the socket's send buffer has drained (or the socket is gone). */
  whenDrained(): Promise<void>;
}

export interface WsHost {
  /** Prints a UART line. */
  uart(text: string): void;
  /** An emulator diagnostic line (not on the UART): what was rejected or ignored, and why. */
  log(text: string): void;
  /** d8a6 verbose serial output. */
  verbose(): boolean;
  /** The current led-status text. */
  ledStatus(): string;
  /** Handles one text command; true when a led-status reply is due. */
  command(text: string): boolean;
  clientOpened(client: WsClient): void;
  clientClosed(client: WsClient): void;
  /** Pending (held) connection count changed. */
  pendingChanged(count: number): void;
  /** The frame tap, or undefined (then nothing is copied). */
  readonly tap: ((e: WireEvent) => void) | undefined;
  nextConnId(): number;
  now(): number;
}
