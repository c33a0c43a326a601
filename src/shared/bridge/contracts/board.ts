// The board feature's part of the bridge contract: run the virtual board inside the app, watch it, and inject
// faults. The handler is src/main/core/handlers/board.ts.
import { z } from 'zod';
import type { OledStatusRegions } from '../../oled';
import { FIRMWARE_MAX_BATCH } from '../../protocol/telemetry-batch';
import { command, event, res } from '../define';

/** `firmware` reproduces the real board's quirks; `compliant` is a correct RFC 6455 server. */
export type VirtualBoardProfile = 'firmware' | 'compliant';

/** What the OLED shows. */
export type OledView =
  | { readonly kind: 'off' }
  | { readonly kind: 'logo' | 'tag-id' | 'message' | 'error'; readonly lines: readonly string[] }
  | {
      readonly kind: 'status';
      readonly regions: OledStatusRegions;
    };

/** One UART line of the virtual board. */
export interface UartLineView {
  readonly seq: number;
  /** ms since the epoch. */
  readonly time: number;
  readonly text: string;
}

/** The virtual board as the UI shows it. */
export interface VirtualBoardView {
  readonly phase: 'booting' | 'running' | 'closed';
  readonly profile: VirtualBoardProfile;
  readonly serial: 'quiet' | 'verbose';
  /** `ws://127.0.0.1:<port>`. */
  readonly ws: string;
  /** `http://127.0.0.1:<port>` of the board's web server (eMMC root), when it runs. */
  readonly http?: string;
  /** `ftp://127.0.0.1:<port>` of the board's FTP server, when it runs. */
  readonly ftp?: string;
  /** The virtual eMMC's space, when the board has one. */
  readonly emmc?: { readonly usedBytes: number; readonly capacityBytes: number };
  /** HTTP sessions in use and queued (NetX serves 1 or 2 at a time). */
  readonly httpSessions?: { readonly active: number; readonly queued: number; readonly max: number };
  /** FTP clients connected (at most 4). */
  readonly ftpClients?: number;
  readonly uptime: number;
  readonly tickScale: number;
  readonly telemetryMs: number;
  readonly telemetrySource: 'generator' | 'replay';
  readonly telemetryStalled: boolean;
  readonly telemetryCount: number;
  /** Samples per telemetry-batch frame (docs/telemetry-batch.md); absent while the board sends single messages. */
  readonly telemetryBatch?: number;
  readonly leds: { readonly green: boolean; readonly yellow: boolean; readonly red: boolean };
  /** What led-status reports (the firmware's tracked state, not the GPIO). */
  readonly trackedLeds: { readonly yellowLed: boolean; readonly redLed: boolean };
  readonly oled: OledView;
  readonly clients: readonly { readonly id: number; readonly remote: string; readonly since: number }[];
  /** Connections held without an answer (firmware profile: one client at a time). */
  readonly pendingClients: number;
  readonly pool: {
    readonly total: number;
    readonly free: number;
    readonly highWater: number;
    readonly failures: number;
  };
}

/** The virtual board's status: stopped, or running with its view. */
export type VirtualBoardStatus =
  { readonly kind: 'stopped' } | { readonly kind: 'running'; readonly board: VirtualBoardView };

const profile = z.enum(['firmware', 'compliant']);
/** Which virtual board a command is for (a virtual profile's id): always named, so no command drives a board by
 *  default. */
const onBoard = { boardId: z.string().min(1).max(100) };
const telemetryMs = z.number().min(1).max(60_000);

export const boardCommands = {
  /** Starts the virtual board (wsPort 0 picks a free port; default 8080 where free). */
  'vboard:start': command(
    z
      .object({
        ...onBoard,
        profile: profile.optional(),
        wsPort: z.number().int().min(0).max(65535).optional(),
        telemetryMs: telemetryMs.optional(),
        tickScale: z.number().min(0.01).max(100).optional(),
        serial: z.enum(['quiet', 'verbose']).optional(),
        /** Telemetry as telemetry-batch frames of this many samples (docs/telemetry-batch.md); off unless given. */
        telemetryBatch: z.number().int().min(1).max(FIRMWARE_MAX_BATCH).optional(),
        /** Closes an FTP connection not logged in this long after connecting (ms); off unless given, as on the
         *  firmware (a difference from it when set: docs/firmware-protocol.md §7). */
        ftpLoginTimeoutMs: z.number().int().min(1000).max(240_000).optional(),
      })
      .strict(),
    res<VirtualBoardStatus>(),
  ),
  'vboard:stop': command(z.object(onBoard).strict(), res<VirtualBoardStatus>()),
  'vboard:status': command(z.object(onBoard).strict(), res<VirtualBoardStatus>()),
  /** The last UART lines (up to 500). */
  'vboard:uart-tail': command(
    z.object({ ...onBoard, max: z.number().int().min(1).max(500).default(200) }).strict(),
    res<UartLineView[]>(),
  ),
  /** Changes settings of the running board. */
  'vboard:configure': command(
    z
      .object({
        ...onBoard,
        profile: profile.optional(),
        telemetryMs: telemetryMs.optional(),
        serial: z.enum(['quiet', 'verbose']).optional(),
        /** Samples per telemetry-batch frame; 0 goes back to the firmware's single messages. */
        telemetryBatch: z.number().int().min(0).max(FIRMWARE_MAX_BATCH).optional(),
      })
      .strict(),
    res<VirtualBoardStatus>(),
  ),
  /** Drives a GPIO LED directly (led-status keeps reporting the tracked state, as on the real board). */
  'vboard:set-gpio': command(
    z.object({ ...onBoard, led: z.enum(['green', 'yellow', 'red']), on: z.boolean() }).strict(),
    res<VirtualBoardStatus>(),
  ),
  /** Injects a fault. */
  'vboard:fault': command(
    z.discriminatedUnion('kind', [
      z.object({ ...onBoard, kind: z.literal('drop-link') }).strict(),
      z.object({ ...onBoard, kind: z.literal('stall-telemetry'), on: z.boolean() }).strict(),
      z.object({ ...onBoard, kind: z.literal('reboot') }).strict(),
      z
        .object({
          ...onBoard,
          kind: z.literal('temperature-spike'),
          deltaC: z.number().min(-50).max(100).default(25),
        })
        .strict(),
      z
        .object({ ...onBoard, kind: z.literal('pool-packets'), packets: z.number().int().min(0).max(1000) })
        .strict(),
      z.object({ ...onBoard, kind: z.literal('pool-restore') }).strict(),
    ]),
    res<VirtualBoardStatus>(),
  ),
};

/** Each virtual board's events carry the id of the virtual profile it runs for. */
type OfBoard<T> = T & { readonly boardId: string };

export const boardEvents = {
  /** A board changed (at most ~10 per second each). */
  'vboard:status': event<OfBoard<VirtualBoardStatus>>(),
  /** New UART lines, batched every ~100 ms. */
  'vboard:uart': event<OfBoard<{ readonly lines: readonly UartLineView[] }>>(),
  /** Emulator diagnostics (what was rejected and why), batched every ~100 ms. */
  'vboard:log':
    event<OfBoard<{ readonly lines: readonly { readonly time: number; readonly text: string }[] }>>(),
};
