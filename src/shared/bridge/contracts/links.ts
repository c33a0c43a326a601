// The links feature's part of the bridge contract: board profiles, the state of every wire to the selected board,
// the LEDs and the latest telemetry values for the dashboard cards.
import { z } from 'zod';
import { command, event, res } from '../define';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOSTNAME =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/;

/** True for an IPv6 literal (with or without brackets): hex groups, at most one `::`, optional IPv4 tail. */
export function isIPv6(host: string): boolean {
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!h.includes(':') || !/^[0-9a-fA-F:.]+$/.test(h)) return false;
  const halves = h.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((part) => (part === '' ? [] : part.split(':')));
  const last = groups[groups.length - 1] ?? '';
  const v4 = last.includes('.');
  if (v4 && !IPV4.test(last)) return false;
  const hex = v4 ? groups.slice(0, -1) : groups;
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.length + (v4 ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

/** Why `host` is not a hostname, IPv4 or IPv6 address; undefined when it is one. */
export function hostProblem(host: string): string | undefined {
  if (host.trim() === '') return 'Enter a host name or IP address, e.g. 192.168.0.50 or lab-web.local.';
  if (/^[\d.]+$/.test(host)) return IPV4.test(host) ? undefined : `"${host}" is not a valid IPv4 address.`;
  if (host.includes(':') || host.startsWith('['))
    return isIPv6(host) ? undefined : `"${host}" is not a valid IPv6 address.`;
  return HOSTNAME.test(host)
    ? undefined
    : `"${host}" is not a valid host name (letters, digits, hyphens and dots only).`;
}

const port = (what: string) =>
  z
    .number({ message: `${what} port must be a number.` })
    .int(`${what} port must be a whole number.`)
    .min(1, `${what} port: 1 to 65535.`)
    .max(65535, `${what} port: 1 to 65535.`);

/** A real board as the user describes it (what the profile dialog edits). */
export const realBoardInputSchema = z.object({
  /** Profile id; absent when adding a new board. */
  id: z.string().min(1).max(100).optional(),
  /** Name shown in the board selector. */
  name: z.string().trim().min(1, 'Give the board a name.').max(60, 'Keep the name under 60 characters.'),
  /** Hostname, IPv4 or IPv6 address of the board. */
  host: z
    .string()
    .trim()
    .max(253, 'The host is too long.')
    .superRefine((h, ctx) => {
      const p = hostProblem(h);
      if (p) ctx.addIssue({ code: 'custom', message: p });
    }),
  wsPort: port('WebSocket').default(8080),
  httpPort: port('HTTP').default(80),
  ftpPort: port('FTP').default(21),
  ftpUser: z.string().max(100, 'FTP user is too long.').default('anonymous'),
  ftpPassword: z.string().max(100, 'FTP password is too long.').default('anonymous'),
  /** Serial console path (e.g. /dev/ttyACM0 or COM3); empty for none. */
  serialPath: z.string().max(260, 'Serial path is too long.').default(''),
});

/** What the dialog sends (defaults not applied). */
export type RealBoardInput = z.input<typeof realBoardInputSchema>;

/** A saved real-board profile. */
export type RealBoardProfile = Required<z.output<typeof realBoardInputSchema>> & { readonly kind: 'real' };

/**
 * A virtual board's profile: its endpoints come from its in-app virtual board when it runs. A new configuration
 * starts with one; any number up to a limit can be added and each removed, each with its own ports and eMMC folder.
 */
export interface VirtualBoardProfile {
  readonly kind: 'virtual';
  readonly id: string;
  readonly name: string;
  readonly host: '127.0.0.1';
}

/** Any board the selector lists. */
export type BoardProfile = VirtualBoardProfile | RealBoardProfile;

/** The profiles, and the board the pages show (the SessionOwner's focus, the one owner of that fact). */
export interface ProfilesView {
  readonly profiles: readonly BoardProfile[];
  /** The focused board; undefined while none is. Read-only here: `sessions:focus` is the one request that moves it. */
  readonly selectedId: string | undefined;
}

/** The state of one wire, ready to show: a word, a tone, and what the app is doing in plain words. */
export type WireState =
  | { readonly kind: 'idle'; readonly detail: string }
  | { readonly kind: 'connecting'; readonly detail: string }
  | { readonly kind: 'open'; readonly since: number; readonly detail: string }
  | {
      readonly kind: 'stale';
      readonly since: number;
      readonly lastMessageAt: number;
      readonly detail: string;
    }
  | { readonly kind: 'waiting'; readonly retryAt: number; readonly reason: string; readonly detail: string }
  /** `brief` is a word or two for the chip ("refused", "no answer"); `reason` is the whole sentence. */
  | { readonly kind: 'failed'; readonly reason: string; readonly brief: string; readonly detail: string };

/** Counters of the WebSocket link since the board's session began. */
export interface WsFigures {
  /** Messages of every type received (telemetry, led-status, pool-status, anything else). */
  readonly received: number;
  /** Messages of every type per second over the last few seconds. */
  readonly rate: number;
  /** Of `received`, the telemetry messages (a telemetry-batch frame counts once). */
  readonly telemetry: number;
  /** Telemetry messages per second over the last few seconds. */
  readonly telemetryRate: number;
  /** Receipt time of the last message, ms since the epoch (0: none yet). */
  readonly lastMessageAt: number;
  /** Messages the link could not parse or did not expect (malformed JSON, wrong types, too long). */
  readonly invalid: number;
  /** Outgoing messages that could not be sent (link not open). */
  readonly dropped: number;
}

/** Everything the app bar and the dashboard show about the selected board's links. */
export interface LinksState {
  /** The board these links are of (`board.id`); undefined when no board is focused. */
  readonly boardId: string | undefined;
  readonly board:
    | { readonly id: string; readonly name: string; readonly host: string; readonly virtual: boolean }
    | undefined;
  readonly ws: WireState;
  readonly http: WireState;
  readonly ftp: WireState;
  readonly serial: WireState;
  readonly figures: WsFigures;
}

/** The LEDs as the board last reported them (`led-status`); undefined before the first report. */
export interface LedStatus {
  readonly boardId: string;
  readonly yellow: boolean;
  readonly red: boolean;
  /** Receipt time of the report, ms since the epoch. */
  readonly at: number;
}

/** Latest telemetry values for the dashboard cards (throttled to ≤ 10 Hz, with a short history for sparklines). */
export interface TelemetryLatest {
  readonly boardId: string;
  /** Receipt time of the latest message. */
  readonly at: number;
  /** The latest `telemetry.data` numeric fields. */
  readonly values: Readonly<Record<string, number>>;
  /** Last ~60 values per numeric field, oldest first. */
  readonly history: Readonly<Record<string, readonly number[]>>;
  /** Telemetry messages received since the board was selected. */
  readonly count: number;
}

/** A board that answered to its name on the local network. */
export interface DiscoveredBoard {
  /** The name it answered for: `lab-web.local` (mDNS) or `lab-web` (LLMNR). */
  readonly name: string;
  readonly address: string;
  readonly via: 'mDNS' | 'LLMNR';
  /** Seconds the answer may be cached, as the board said. */
  readonly ttl: number;
  /** Where the answer came from. */
  readonly from: string;
}

/** What a search for boards found, and what got in its way (in words). */
export interface DiscoveryResult {
  readonly found: readonly DiscoveredBoard[];
  readonly problems: readonly string[];
  /** Datagrams that were not an answer to this search. */
  readonly ignored: number;
  readonly waitedMs: number;
}

export const linksCommands = {
  'links:profiles': command(z.object({}).strict(), res<ProfilesView>()),
  'links:save-profile': command(
    realBoardInputSchema.strict(),
    res<{ profile: RealBoardProfile; view: ProfilesView }>(),
  ),
  /**
   * Adds a virtual board (its own ports and eMMC folder). `show` (default true) makes it the board shown, which
   * starts it; the Lab page adds one without moving the other pages and then watches it.
   */
  'links:add-virtual': command(
    z
      .object({
        name: z
          .string()
          .trim()
          .min(1, 'Give the board a name.')
          .max(60, 'Keep the name under 60 characters.')
          .optional(),
        show: z.boolean().default(true),
      })
      .strict(),
    res<{ profile: VirtualBoardProfile; view: ProfilesView }>(),
  ),
  'links:remove-profile': command(z.object({ id: z.string().min(1).max(100) }).strict(), res<ProfilesView>()),
  'links:state': command(
    z.object({}).strict(),
    res<{ state: LinksState; leds: LedStatus | undefined; telemetry: TelemetryLatest | undefined }>(),
  ),
  /** Asks board `boardId` (default: the focused one) to set an LED; the board answers with its led-status. */
  'board:set-led': command(
    z
      .object({
        led: z.enum(['yellow', 'red']),
        state: z.boolean(),
        boardId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    res<{ sent: boolean }>(),
  ),
  /** Asks the local network for a board by its host name over mDNS and LLMNR (default `lab-web`). */
  'links:discover': command(
    z
      .object({
        hostname: z
          .string()
          .regex(
            /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/,
            'A host name is one label: letters, digits, hyphens.',
          )
          .optional(),
      })
      .strict(),
    res<DiscoveryResult>(),
  ),
};

export const linksEvents = {
  'links:state': event<LinksState>(),
  'links:profiles': event<ProfilesView>(),
  'board:led-status': event<LedStatus>(),
  'board:telemetry-latest': event<TelemetryLatest>(),
};
