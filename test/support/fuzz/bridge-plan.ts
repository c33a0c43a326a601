// What the bridge fuzz sends: for every command of the contract, requests derived from its schema, with valid
// strings that make a valid request act on the test's own board, and pins that keep requests which would reach
// beyond the test's temp folders and loopback sinks inside them. Nothing is excluded: every command is fuzzed.
import { z } from 'zod';
import { commands } from '../../../src/shared/bridge/contract';
import { hostProblem } from '../../../src/shared/bridge/contracts/links';
import { brokerUrlProblem } from '../../../src/shared/bridge/contracts/mqtt';
import type { HostileTargets } from './hostile';
import type { Prng } from './prng';
import { fuzzRequest } from './schema-values';
import { wireJson } from './wire-json';

/** The test's setup that requests may name. */
export interface PlanSetup extends HostileTargets {
  /** The core's config (and data) folder: its recordings, downloads and serial-logs folders are in it. */
  readonly configDir: string;
  /** A temp folder standing for the user's home. */
  readonly home: string;
  /** A loopback TCP port that takes connections and closes them (board ports, the MQTT broker). */
  readonly sinkPort: number;
}

/** One fuzzed message: its text, the id its answer carries, and what it holds (for failure messages). */
export interface PlannedCall {
  readonly name: string;
  readonly id: string;
  readonly text: string;
  readonly note: string;
}

/** A message stays under the bridge's 4 MiB (docs §12.7); a bigger one is its own test (the socket closes). */
const MAX_MESSAGE_CHARS = 3.5 * 1024 * 1024;

/** Requests per command; commands that start boards or wait on the network get fewer. */
const PER_COMMAND = 24;
const FEWER: Readonly<Record<string, number>> = {
  // Each valid one starts a whole virtual board (up to the bench's 21).
  'links:add-virtual': 6,
  // Each valid one waits 1.5 s for answers (from the test's UDP sink, which never answers).
  'links:discover': 8,
};

function hints(s: PlanSetup): Record<string, readonly string[]> {
  const remote = ['/', '/index.html', '/fuzz', '/fuzz/a.txt', '/assets', '/fuzz/b'];
  return {
    boardId: ['virtual', 'virtual', 'virtual-2', 'no-such-board'],
    id: ['virtual', 'virtual-2', 'no-such-board'],
    path: remote,
    paths: remote,
    remoteDir: remote,
    from: remote,
    to: remote,
    dir: [`${s.configDir}/recordings`, `${s.configDir}/downloads`],
    localDir: [`${s.configDir}/downloads`],
    localPaths: [`${s.home}/upload.txt`],
    file: [`${s.configDir}/recordings/none.ndjson`],
    relPath: ['fuzz/a.txt', 'b.bin'],
    data: ['aGVsbG8=', ''],
    text: ['hello', '{"type":"led-command","yellowLed":true}'],
    payloadText: ['hello'],
    hex: ['48 65 6c 6c 6f'],
    payloadHex: ['deadbeef'],
    maskKey: ['01020304'],
    payload: ['ping'],
    name: ['fuzz board', 'saved 1'],
    defaultName: ['x.csv'],
    hostname: ['lab-web'],
    host: ['127.0.0.1'],
    field: ['temp', 'humidity'],
    key: ['temp'],
    unit: ['°C', ''],
    url: [`mqtt://127.0.0.1:${s.sinkPort}`],
    prefix: ['nucleo-mem'],
    bench: ['bench-1'],
    clientId: ['fuzz'],
    search: ['telemetry'],
    msgTypes: ['telemetry'],
    region: ['AXI_SRAM', 'DTCM'],
    caFile: [`${s.home}/ca.pem`],
    certFile: [`${s.home}/cert.pem`],
    keyFile: [`${s.home}/key.pem`],
    serialPath: [`${s.home}/no-such-tty`, ''],
  };
}

type Pin = (request: Record<string, unknown>, s: PlanSetup) => void;

/**
 * Requests that would act outside the test's setup are confined to it; everything else about them is fuzzed.
 * (No hostile path names a host serial device: `serial:open` is fuzzed with paths the core must refuse.)
 */
const PINS: Readonly<Record<string, Pin>> = {
  // A fixed WebSocket port could take a port another program on this machine uses: only 0 (any free port).
  'vboard:start': (r) => {
    if (typeof r.wsPort === 'number' && r.wsPort >= 1 && r.wsPort <= 65535) r.wsPort = 0;
  },
  // A real board's profile is reached when shown: its host only on loopback, its ports the test's sink, and no
  // serial console but a missing file, so nothing on the network or on this machine's serial ports is touched.
  'links:save-profile': (r, s) => {
    if (typeof r.host === 'string' && hostProblem(r.host.trim()) === undefined) r.host = '127.0.0.1';
    for (const k of ['wsPort', 'httpPort', 'ftpPort']) {
      const port = r[k];
      if (typeof port === 'number' && port >= 1 && port <= 65535) r[k] = s.sinkPort;
    }
    if (typeof r.serialPath === 'string' && r.serialPath.trim() !== '' && r.serialPath.length <= 260)
      r.serialPath = `${s.home}/no-such-tty`;
  },
  // A usable broker URL would publish to a broker on the network: only the test's sink.
  'mqtt:config-set': (r, s) => {
    if (typeof r.url === 'string' && brokerUrlProblem(r.url) === undefined)
      r.url = `mqtt://127.0.0.1:${s.sinkPort}`;
  },
  // The test needs its first board throughout; removing boards is fuzzed on the ones the fuzz added.
  'links:remove-profile': (r) => {
    if (r.id === 'virtual') r.id = 'virtual-2';
  },
};

/** Every command's fuzzed calls, in a seeded random order, with ids from `firstId` on. */
export function planCalls(rng: Prng, setup: PlanSetup, firstId: number): PlannedCall[] {
  const ctx = { rng, targets: setup, hints: hints(setup) };
  const calls: PlannedCall[] = [];
  let id = firstId;
  for (const [name, spec] of Object.entries(commands)) {
    const schema = z.toJSONSchema(spec.request as z.ZodType, { io: 'input', unrepresentable: 'any' });
    const count = FEWER[name] ?? PER_COMMAND;
    for (let i = 0; i < count; i++) {
      // Rarely, mutations add up past the message limit: draw again (the next draw is as seeded as the first).
      for (let attempt = 0; attempt < 20; attempt++) {
        const { request, note } = fuzzRequest(schema, ctx);
        if (request !== null && typeof request === 'object' && !Array.isArray(request))
          PINS[name]?.(request as Record<string, unknown>, setup);
        const text = `{"t":"invoke","id":${id},"name":${JSON.stringify(name)},"request":${wireJson(request)}}`;
        if (text.length > MAX_MESSAGE_CHARS) continue;
        calls.push({ name, id: String(id++), text, note });
        break;
      }
    }
  }
  for (let i = calls.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [calls[i], calls[j]] = [calls[j]!, calls[i]!];
  }
  return calls;
}
