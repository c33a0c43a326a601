// `npm run bench -- recorder [--rate 1000] [--seconds 20]`: what the flight recorder costs the core. A board's
// traffic is made up in this process at `rate` messages a second — each telemetry message as the link's tap sees it
// (a WebSocket frame's bytes) and as the pipeline hands it on (the parsed message) — first with no recorder (the
// cost of making the traffic), then into a FlightRecorder writing a real session file. The difference in this
// process's CPU time, over the wall time, is the recorder's share of one core. Prints one JSON line.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBoardMessage } from '../../shared/protocol/messages';
import { encodeFrame } from '../../shared/ws-frames';
import { FlightRecorder } from '../core/flight/flight-recorder';
import { openSessionFile } from '../core/flight/session-file-reader';
import { IncrementalIndex } from '../core/runs/incremental-index';
import { numberFlag, parseFlags } from './args';

const BOARD = 'bench-board';
const CONN = 'c1';

interface Phase {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly sent: number;
}

/** Sends `rate` messages a second for `seconds` into `sink` (a 4 ms timer, catching up), and measures the CPU. */
async function drive(
  rate: number,
  seconds: number,
  sink: ((bytes: Uint8Array, text: string, t: number) => void) | undefined,
): Promise<Phase> {
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  let sent = 0;
  let temp = 42;
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const now = Date.now();
      const due = Math.min(rate * seconds, Math.floor(((now - started) * rate) / 1000));
      for (; sent < due; sent++) {
        temp += (Math.random() - 0.5) * 0.2;
        const text = JSON.stringify({
          type: 'telemetry',
          data: {
            junctionTemp: Math.round(temp * 10) / 10,
            randomFloat: Math.random() * 100,
            randomInt: Math.floor(Math.random() * 1001),
            uptime: Math.floor((now - started) / 1000),
          },
        });
        const bytes = encodeFrame({ opcode: 1, payload: text });
        sink?.(bytes, text, now);
      }
      if (sent >= rate * seconds) {
        clearInterval(timer);
        done();
      }
    }, 4);
  });
  const cpu = process.cpuUsage(cpu0);
  return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: Date.now() - started, sent };
}

export async function benchRecorder(argv: string[]): Promise<Record<string, unknown>> {
  const f = parseFlags(argv, {
    rate: { type: 'string' },
    seconds: { type: 'string' },
    // Records without building the review's level of detail, to tell what that costs.
    'no-index': { type: 'boolean' },
  });
  const rate = numberFlag('rate', f.rate, 1000, 1, 20_000);
  const seconds = numberFlag('seconds', f.seconds, 20, 1, 3600);
  const dir = mkdtempSync(join(tmpdir(), 'bench-recorder-'));
  try {
    const baseline = await drive(rate, seconds, undefined);

    const recorder = new FlightRecorder({
      root: join(dir, 'sessions'),
      enabled: () => true,
      budgetBytes: () => 5e9,
      board: () => ({ name: 'Bench board', kind: 'virtual' }),
      benchVersion: 'bench',
      log: () => {},
      // As the bench records: the review's level of detail built while recording.
      ...(f['no-index'] ? {} : { index: () => new IncrementalIndex() }),
    });
    const listeners = new Set<() => void>();
    recorder.follow({
      list: () => [{ id: BOARD }],
      onSessionsChanged: (cb) => (listeners.add(cb), () => listeners.delete(cb)),
    });
    const tap = recorder.tapFor(BOARD);
    tap.connectionOpened(CONN, { host: '127.0.0.1', port: 8080, upgraded: true });
    const recorded = await drive(rate, seconds, (bytes, text, t) => {
      tap.chunk(CONN, 'rx', bytes, t);
      recorder.message(BOARD, { t, dir: 'rx', op: 1, data: text }, parseBoardMessage(text));
    });
    const files = [...recorder.activeFiles()];
    const closeStarted = process.cpuUsage();
    await recorder.close();
    const closeCpu = process.cpuUsage(closeStarted);
    const file = files[0];
    const session = file ? await openSessionFile(file) : undefined;
    const counts = Object.fromEntries(session?.counts() ?? []);
    await session?.close();

    const share = (p: Phase) => p.cpuMs / p.wallMs;
    const recorderPct = (share(recorded) - share(baseline)) * 100;
    return {
      rateHz: rate,
      seconds,
      index: !f['no-index'],
      sent: recorded.sent,
      baselineCpuPct: Math.round(share(baseline) * 1000) / 10,
      recordingCpuPct: Math.round(share(recorded) * 1000) / 10,
      recorderCpuPctOfOneCore: Math.round(recorderPct * 10) / 10,
      closeCpuMs: Math.round((closeCpu.user + closeCpu.system) / 1000),
      fileBytes: file ? statSync(file).size : 0,
      bytesPerMessage: file && recorded.sent ? Math.round(statSync(file).size / recorded.sent) : null,
      counts,
      loadAvg1m: Math.round(loadavg()[0]! * 100) / 100,
      cpus: cpus().length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
