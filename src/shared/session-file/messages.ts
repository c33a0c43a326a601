// The messages of the session file's structured channels (schemas.ts says the same for other tools).
import type { LinkEventKind } from '../frames/types';

/** Who a session file belongs to: the one metadata record (`nucleo-bench-session`), all values strings in MCAP. */
export interface SessionFileInfo {
  /** The board profile's id (`virtual`, `bench-b`, …). */
  readonly boardId: string;
  /** Its name as shown. */
  readonly boardName: string;
  readonly boardKind: 'virtual' | 'real';
  /** The bench's version (package.json). */
  readonly benchVersion: string;
  /** When the run started, ms since the epoch. */
  readonly started: number;
}

/** Plain words are bounded so one event cannot bloat a chunk. */
export const DETAIL_MAX_CHARS = 2000;

/** One WebSocket frame (`/ws/frames`). */
export interface WsFrameMessage {
  readonly link: number;
  readonly dir: 'rx' | 'tx';
  readonly opcode: number;
  readonly fin: boolean;
  readonly masked: boolean;
  readonly length: number;
  /** Payload bytes, base64. */
  readonly payload: string;
  readonly truncated?: boolean;
}

/** The TCP connection under the link (`/ws/tcp`). */
export interface TcpEventMessage {
  readonly link: number;
  readonly event: 'open' | 'close' | 'error';
  readonly kind: LinkEventKind | 'opening';
  readonly detail?: string;
}

/** The TCP event a link event kind is. */
export function tcpEventOf(kind: LinkEventKind | 'opening'): TcpEventMessage['event'] {
  if (kind === 'opening' || kind === 'connected') return 'open';
  if (kind === 'closed' || kind === 'fin') return 'close';
  return 'error';
}

/** One serial line (`/serial/lines`). */
export interface SerialLineMessage {
  readonly text: string;
}

/** What the bench saw or did (`/bench/events`). */
export type BenchEventMessage =
  | {
      readonly kind: 'link';
      readonly wire: 'ws' | 'http' | 'ftp' | 'serial';
      readonly state: string;
      readonly detail: string;
    }
  | { readonly kind: 'reboot'; readonly detail: string }
  | {
      readonly kind: 'led-command' | 'led-status';
      readonly leds: Readonly<Record<string, boolean>>;
      readonly detail: string;
    }
  | { readonly kind: 'fault'; readonly fault: string; readonly detail: string }
  | {
      readonly kind: 'transfer';
      readonly direction: 'upload' | 'download' | 'delete';
      readonly path: string;
      readonly outcome: 'done' | 'failed' | 'cancelled';
      readonly bytes?: number;
      readonly detail: string;
    }
  | {
      /** An alarm raised or cleared on the board (docs/alarms.md): a marker of the bench's own. */
      readonly kind: 'alarm';
      readonly alarm: 'raised' | 'cleared';
      /** The rule's id and severity. */
      readonly rule: string;
      readonly severity: string;
      readonly detail: string;
    }
  | {
      /** A scenario run on the board from the Scenarios page (docs/scenarios.md): its start, end, failed steps. */
      readonly kind: 'scenario';
      readonly phase: 'start' | 'failed' | 'end';
      readonly detail: string;
    }
  | {
      readonly kind: 'marker';
      readonly note: string;
      readonly source: 'user' | 'bench';
      readonly detail: string;
    };

/** Board uptime (seconds, from a telemetry message's data) as a publish time in ns; undefined when absent. */
export function uptimeNs(message: unknown): bigint | undefined {
  if (typeof message !== 'object' || message === null || !('data' in message)) return undefined;
  const data = message.data;
  if (typeof data !== 'object' || data === null || !('uptime' in data)) return undefined;
  const up = data.uptime;
  return typeof up === 'number' && Number.isFinite(up) && up >= 0
    ? BigInt(Math.round(up * 1e3)) * 1_000_000n
    : undefined;
}
