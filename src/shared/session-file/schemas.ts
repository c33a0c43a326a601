// The JSON Schemas of the session file's channels (MCAP schema encoding `jsonschema`), as data. Foxglove and
// Lichtblick read them to show the fields; `contentEncoding: base64` marks bytes, as Foxglove's own schemas do.

const LINK = {
  type: 'integer',
  minimum: 1,
  description: 'Which connection of this board: 1, 2, 3… in this run',
};

const telemetry = {
  title: 'nucleo.Telemetry',
  description:
    "The board's telemetry message exactly as received. Log time: receipt by the bench. Publish time: the " +
    "board's uptime (data.uptime, seconds since its boot) in nanoseconds, or the receipt time when it has none.",
  type: 'object',
  properties: {
    type: { type: 'string', enum: ['telemetry', 'telemetry-batch'] },
    data: { type: 'object', description: 'Every numeric field is a series (junctionTemp, randomFloat, …)' },
  },
  required: ['type'],
} as const;

const wsFrame = {
  title: 'nucleo.WsFrame',
  description: 'One WebSocket frame (RFC 6455) as it crossed the wire. Log time: the TCP read or write.',
  type: 'object',
  properties: {
    link: LINK,
    dir: { type: 'string', enum: ['rx', 'tx'], description: 'rx: board to bench; tx: bench to board' },
    opcode: { type: 'integer', description: '1 text, 2 binary, 8 close, 9 ping, 10 pong, 0 continuation' },
    fin: { type: 'boolean' },
    masked: { type: 'boolean' },
    length: { type: 'integer', description: 'Payload length declared in the frame header' },
    payload: { type: 'string', contentEncoding: 'base64', description: 'The unmasked payload bytes kept' },
    truncated: { type: 'boolean', description: 'Only the first bytes of the payload were kept' },
  },
  required: ['link', 'dir', 'opcode', 'fin', 'masked', 'length', 'payload'],
} as const;

const tcpEvent = {
  title: 'nucleo.TcpEvent',
  description: 'The TCP connection under the WebSocket link.',
  type: 'object',
  properties: {
    link: LINK,
    event: { type: 'string', enum: ['open', 'close', 'error'] },
    kind: {
      type: 'string',
      description:
        'opening, connected, closed (by the bench), fin (by the board), reset, timeout, upgrade-unanswered',
    },
    detail: { type: 'string', description: 'Plain words' },
  },
  required: ['link', 'event', 'kind'],
} as const;

const serialLine = {
  title: 'nucleo.SerialLine',
  description: "One line of the board's serial console (UART), without its line end.",
  type: 'object',
  properties: { text: { type: 'string' } },
  required: ['text'],
} as const;

const poolStatus = {
  title: 'nucleo.PoolStatus',
  description: "The board's pool-status message exactly as received (docs/firmware-protocol.md).",
  type: 'object',
  properties: { type: { type: 'string', const: 'pool-status' } },
  required: ['type'],
} as const;

const leds = {
  type: 'object',
  additionalProperties: { type: 'boolean' },
  description: 'LED name to on (true) or off (false)',
} as const;

const benchEvent = {
  title: 'nucleo.BenchEvent',
  description: 'What the bench saw or did. Every event has a kind and plain words in detail.',
  type: 'object',
  properties: {
    kind: {
      type: 'string',
      enum: [
        'link',
        'reboot',
        'led-command',
        'led-status',
        'fault',
        'transfer',
        'alarm',
        'scenario',
        'marker',
      ],
    },
    detail: { type: 'string', description: 'Plain words, e.g. "uptime went from 3605 s to 2 s"' },
    wire: { type: 'string', enum: ['ws', 'http', 'ftp', 'serial'], description: 'link: which wire' },
    state: { type: 'string', description: 'link: the new state (open, closed, connecting, stale, …)' },
    leds: { ...leds, description: 'led-command and led-status: the LEDs' },
    fault: { type: 'string', description: 'fault: which fault was injected' },
    direction: { type: 'string', enum: ['upload', 'download', 'delete'], description: 'transfer' },
    path: { type: 'string', description: 'transfer: the file on the board' },
    bytes: { type: 'integer', description: 'transfer: bytes moved' },
    outcome: { type: 'string', enum: ['done', 'failed', 'cancelled'], description: 'transfer' },
    alarm: { type: 'string', enum: ['raised', 'cleared'], description: 'alarm: raised or cleared' },
    rule: { type: 'string', description: 'alarm: the rule id' },
    severity: { type: 'string', enum: ['info', 'warning', 'critical'], description: 'alarm: how serious' },
    phase: {
      type: 'string',
      enum: ['start', 'failed', 'end'],
      description: 'scenario: which moment of the run',
    },
    note: { type: 'string', description: 'marker: the note' },
    source: { type: 'string', enum: ['user', 'bench'], description: 'marker: who set it' },
  },
  required: ['kind', 'detail'],
} as const;

/** Every schema, by the name stored in the file. */
export const SESSION_SCHEMAS = {
  'nucleo.Telemetry': telemetry,
  'nucleo.WsFrame': wsFrame,
  'nucleo.TcpEvent': tcpEvent,
  'nucleo.SerialLine': serialLine,
  'nucleo.PoolStatus': poolStatus,
  'nucleo.BenchEvent': benchEvent,
} as const;

/** A schema's name in the file. */
export type SessionSchemaName = keyof typeof SESSION_SCHEMAS;
