/** How much a recognised firmware line matters to a bench engineer. */
export type FirmwareSeverity = 'info' | 'ok' | 'warn' | 'error';

/** What kind of firmware line it was. */
export type FirmwareEventKind =
  | 'system-start'
  | 'temperature-sensor'
  | 'psram-speed'
  | 'emmc-speed'
  | 'emmc-verify'
  | 'emmc-error'
  | 'name-service'
  | 'telemetry-started'
  | 'ws-server'
  | 'ws-client'
  | 'ws-error'
  | 'led'
  | 'command-error'
  | 'overlong-line'
  | 'garbage-bytes';

/** A recognised firmware line, explained. */
export interface FirmwareEvent {
  readonly kind: FirmwareEventKind;
  readonly severity: FirmwareSeverity;
  /** A few words for a chip. */
  readonly summary: string;
  /** One or two sentences: what it means and what to do. */
  readonly detail: string;
  /** Numbers parsed from the line (speed tests: ms and MB/s). */
  readonly values?: { readonly ms?: number; readonly mbPerSec?: number; readonly code?: number };
}

/** NetX Duo status codes the WebSocket server prints (`WS: … failed: 0x%X`), in words. */
export const NETX_CODES: Readonly<Record<number, { name: string; meaning: string }>> = {
  0x01: {
    name: 'NX_NO_PACKET',
    meaning: 'no data within the wait time — the handshake timed out (client silent or too slow)',
  },
  0x35: { name: 'NX_NOT_CLOSED', meaning: 'the socket was not closed yet when the server tried to reuse it' },
  0x36: {
    name: 'NX_NOT_LISTEN_STATE',
    meaning: 'the socket was not in the listen state (relisten came too early)',
  },
  0x38: { name: 'NX_NOT_CONNECTED', meaning: 'the client was gone before the server could answer' },
  0x43: {
    name: 'NX_NOT_SUCCESSFUL',
    meaning: 'the request failed validation (not a valid WebSocket upgrade)',
  },
  0x48: { name: 'NX_CONNECTION_PENDING', meaning: 'a connection is still being set up' },
};

/** "0x38 NX_NOT_CONNECTED: the client was gone …" or "0x99 (unknown NetX code)". */
export function explainNetxCode(code: number): string {
  const hex = `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  const known = NETX_CODES[code];
  return known
    ? `${hex} ${known.name}: ${known.meaning}`
    : `${hex} (a NetX Duo status code this app does not know)`;
}

type Rule = (line: string) => FirmwareEvent | undefined;

const ev = (
  kind: FirmwareEventKind,
  severity: FirmwareSeverity,
  summary: string,
  detail: string,
  values?: FirmwareEvent['values'],
): FirmwareEvent =>
  values ? { kind, severity, summary, detail, values } : { kind, severity, summary, detail };

const speed =
  /^(Cached Write|Cached Read|Non-cached Write|Non-cached Read|Cached memcpy|Non-cached memcpy|Sequential Write|Sequential Read):\s+([\d.]+)\s*ms\s+([\d.]+)\s*MB\/s/;
const wsCode =
  /^WS: (Relisten failed|Handshake failed|Accept error|Listen failed|Receive failed): 0x([0-9A-Fa-f]+)/;

const rules: Rule[] = [
  (l) =>
    l === '=== System Starting ==='
      ? ev(
          'system-start',
          'info',
          'Board started',
          'The firmware printed its first line after reset: the board (re)booted.',
        )
      : undefined,
  (l) =>
    l === 'DTS temperature sensor initialized'
      ? ev(
          'temperature-sensor',
          'ok',
          'Temperature sensor ready',
          'The digital temperature sensor (DTS) started; junctionTemp in telemetry is live.',
        )
      : l === 'DTS init failed' || l === 'DTS start failed'
        ? ev(
            'temperature-sensor',
            'error',
            `Temperature sensor: ${l.slice(4)}`,
            'The DTS did not start; telemetry will report junctionTemp 0.',
          )
        : undefined,
  (l) => {
    const m = speed.exec(l);
    if (!m) return undefined;
    const what = m[1]!;
    const ms = Number(m[2]);
    const mbPerSec = Number(m[3]);
    const emmc = what.startsWith('Sequential');
    return ev(
      emmc ? 'emmc-speed' : 'psram-speed',
      'info',
      `${emmc ? 'eMMC' : 'PSRAM'} ${what.toLowerCase()}: ${mbPerSec} MB/s`,
      emmc
        ? `eMMC speed test (FileX, 128 KB in 4 KB chunks): ${what} took ${ms} ms = ${mbPerSec} MB/s. The printed clock divider text is stale; the bus runs at about 25 MHz.`
        : `PSRAM speed test (64 KB over OCTOSPI): ${what} took ${ms} ms = ${mbPerSec} MB/s.`,
      { ms, mbPerSec },
    );
  },
  (l) => {
    const m = /^Verify: (PASS|FAIL)(.*)$/.exec(l);
    if (!m) return undefined;
    return m[1] === 'PASS'
      ? ev(
          'emmc-verify',
          'ok',
          'eMMC verify passed',
          `The data read back from the eMMC matched what was written${m[2]}.`,
        )
      : ev(
          'emmc-verify',
          'error',
          'eMMC verify FAILED',
          `Data read back from the eMMC did not match${m[2]}: suspect the card or its bus timing.`,
        );
  },
  (l) => {
    const m =
      /^eMMC (file create failed|file open for write failed|Write FAILED at iteration \d+|file open for read failed|Read FAILED at iteration \d+): 0x([0-9A-Fa-f]+)/.exec(
        l,
      );
    if (!m) return undefined;
    return ev(
      'emmc-error',
      'error',
      `eMMC ${m[1]}`,
      `The eMMC speed test stopped: ${m[1]} with FileX status 0x${m[2]!.toUpperCase()}.`,
      { code: parseInt(m[2]!, 16) },
    );
  },
  (l) => {
    const m = /^(mDNS|LLMNR): (hostname|responder started for) '([^']+)'(?: registered)?/.exec(l);
    if (!m) return undefined;
    return m[2] === 'hostname'
      ? ev(
          'name-service',
          'ok',
          `${m[1]}: ${m[3]}`,
          `${m[1]} answers for '${m[3]}': the board can be reached by that name on the local network.`,
        )
      : ev(
          'name-service',
          'ok',
          `${m[1]} responder running`,
          `The board's ${m[1]} responder thread runs and answers queries for '${m[3]}'.`,
        );
  },
  (l) =>
    l.startsWith('Telemetry thread started')
      ? ev(
          'telemetry-started',
          'ok',
          'Telemetry running',
          'The telemetry thread started: the board sends one telemetry message about every second to a connected client.',
        )
      : undefined,
  (l) => {
    const m = wsCode.exec(l);
    if (!m) return undefined;
    const code = parseInt(m[2]!, 16);
    return ev(
      'ws-error',
      code === 0x01 ? 'warn' : 'error',
      `WS ${m[1]!.toLowerCase()}: ${NETX_CODES[code]?.name ?? `0x${m[2]}`}`,
      `WebSocket server: ${m[1]} with ${explainNetxCode(code)}.`,
      { code },
    );
  },
  (l) => {
    const m = /^WS: (Yellow|Red) LED (ON|OFF)$/.exec(l);
    return m
      ? ev(
          'led',
          'info',
          `${m[1]} LED ${m[2]}`,
          `A client's led-command switched the ${m[1]!.toLowerCase()} LED ${m[2]!.toLowerCase()}.`,
        )
      : undefined;
  },
  (l) => {
    if (l === 'WS: Failed to parse JSON command')
      return ev(
        'command-error',
        'warn',
        'Bad JSON command',
        'A client sent text that is not valid JSON; the board ignored it without a reply.',
      );
    if (l === 'WS: Invalid led-command format')
      return ev(
        'command-error',
        'warn',
        'Invalid led-command',
        'A led-command needs "led" as a string and "state" as a JSON boolean (true/false, not 1 or "on"); ignored, no status sent.',
      );
    let m = /^WS: Unknown LED: (.*)$/.exec(l);
    if (m)
      return ev(
        'command-error',
        'warn',
        `Unknown LED: ${m[1]}`,
        `Only "yellow" and "red" can be switched; "${m[1]}" was ignored and no status was sent.`,
      );
    m = /^WS: Unknown command type: (.*)$/.exec(l);
    if (m)
      return ev(
        'command-error',
        'warn',
        `Unknown command: ${m[1]}`,
        `The board only understands "led-command"; "${m[1]}" was ignored.`,
      );
    return undefined;
  },
  (l) => {
    // d8a6 prints "WS: Handshake successful!" and then "WS: Client connected (slot 0)" for the same connection:
    // only the second is the event, so one connection shows one.
    if (/^WS: Client connected/.test(l))
      return ev(
        'ws-client',
        'ok',
        'WS client connected',
        'A WebSocket client completed the handshake (the board serves one client at a time).',
      );
    if (l === 'WS: Client disconnected' || l === 'WS: Client sent close frame')
      return ev(
        'ws-client',
        'info',
        'WS client left',
        'The WebSocket client disconnected; the board listens again.',
      );
    if (/^WS: (Not a GET request|No Upgrade: websocket|No Sec-WebSocket-Key|Invalid key format)$/.test(l))
      return ev(
        'ws-error',
        'warn',
        `WS handshake refused`,
        `${l.slice(4)}: the client's upgrade request was not a valid WebSocket handshake.`,
      );
    if (/^WS: (Packet alloc failed|Data append failed|Send failed)$/.test(l))
      return ev(
        'ws-error',
        'error',
        `WS ${l.slice(4).toLowerCase()}`,
        'The board could not send: its packet pool may be exhausted.',
      );
    // Likewise one event per server start, on the port it says ("WebSocket accept thread started" follows it).
    const port = /^WebSocket server listening on port (\d+)$/.exec(l)?.[1];
    if (port !== undefined)
      return ev('ws-server', 'ok', 'WS server ready', `${l}: clients can connect on port ${port}.`);
    return undefined;
  },
];

/** Recognises one firmware serial line (without its line ending); undefined when it is not one we explain. */
export function recognizeFirmwareLine(line: string): FirmwareEvent | undefined {
  const text = line.trim();
  if (text.length === 0 || text.length > 512) return undefined;
  for (const rule of rules) {
    const e = rule(text);
    if (e) return e;
  }
  return undefined;
}
