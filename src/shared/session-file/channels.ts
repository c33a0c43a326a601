// The session file's channels as data (docs/sessions.md): topic, message encoding and schema of each. Both sides
// use it: the core writes with it, and a review page or another tool reads with it. No Node here.
import { SESSION_SCHEMAS, type SessionSchemaName } from './schemas';

/** The MCAP header's `profile`: a session file of this bench. */
export const SESSION_FILE_PROFILE = 'nucleo-bench-session';
/** The version of the channel layout below; a reader refuses a higher one it does not know. */
export const SESSION_FILE_VERSION = 1;
/** Name of the one metadata record that says whose run the file holds. */
export const SESSION_METADATA_NAME = 'nucleo-bench-session';
/** File name extension of a session file. */
export const SESSION_FILE_EXTENSION = '.mcap';

/** One channel of a session file. */
export interface SessionChannelSpec {
  readonly topic: string;
  /** MCAP message encoding: every channel is JSON (UTF-8), so Foxglove and Lichtblick show it as is. */
  readonly messageEncoding: 'json';
  /** Name of the channel's JSON Schema (MCAP schema encoding `jsonschema`). */
  readonly schema: SessionSchemaName;
}

/** Every channel a session file may hold, by the key the code uses. A channel with no message is not written. */
export const SESSION_CHANNELS = {
  /** The board's JSON message (`telemetry` or `telemetry-batch`) exactly as received. */
  telemetry: { topic: '/board/telemetry', messageEncoding: 'json', schema: 'nucleo.Telemetry' },
  /** One WebSocket frame, either way, payload in base64. */
  frames: { topic: '/ws/frames', messageEncoding: 'json', schema: 'nucleo.WsFrame' },
  /** The TCP connection under the WebSocket: opened, closed, reset, timed out. */
  tcp: { topic: '/ws/tcp', messageEncoding: 'json', schema: 'nucleo.TcpEvent' },
  /** One line of the board's serial console. */
  serial: { topic: '/serial/lines', messageEncoding: 'json', schema: 'nucleo.SerialLine' },
  /** The board's pool-status message. */
  pools: { topic: '/board/pool-status', messageEncoding: 'json', schema: 'nucleo.PoolStatus' },
  /** What the bench saw or did: link state, reboot, LEDs, fault injection, FTP transfer, marker. */
  events: { topic: '/bench/events', messageEncoding: 'json', schema: 'nucleo.BenchEvent' },
} as const satisfies Record<string, SessionChannelSpec>;

/** The code's name of a channel. */
export type SessionChannelKey = keyof typeof SESSION_CHANNELS;

/** Channel keys in the order they are registered. */
export const SESSION_CHANNEL_KEYS = Object.keys(SESSION_CHANNELS) as readonly SessionChannelKey[];

/** The channel key of a topic, if it is one of ours. */
export function channelKeyOfTopic(topic: string): SessionChannelKey | undefined {
  return SESSION_CHANNEL_KEYS.find((k) => SESSION_CHANNELS[k].topic === topic);
}

/** The JSON Schema text of a channel, as stored in the file's schema record. */
export function schemaTextOf(key: SessionChannelKey): string {
  return JSON.stringify(SESSION_SCHEMAS[SESSION_CHANNELS[key].schema]);
}

/** A session file's name: its start time in UTC, sortable and safe on every file system (`2026-12-07T18-30-00-123Z`). */
export function sessionFileName(startedMs: number): string {
  return `${new Date(startedMs).toISOString().replace(/:/g, '-').replace('.', '-')}${SESSION_FILE_EXTENSION}`;
}

/** The start time a session file's name says, or undefined for a name not made by sessionFileName. */
export function startedOfFileName(name: string): number | undefined {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z(?:-\d+)?\.mcap$/.exec(name);
  if (!m) return undefined;
  const t = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isFinite(t) ? t : undefined;
}

/** The file beside a session file that holds the markers added while reviewing it (docs/sessions.md §Markers). */
export function markersSidecarOf(sessionPath: string): string {
  return `${sessionPath}.markers.ndjson`;
}
