import { open } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serialSettingsSchema } from '../../shared/bridge/contracts/serial';
import { EventHub } from '../core/event-hub';
import { SerialConsole } from '../core/serial/serial-console';
import { numberFlag, parseFlags } from './args';
import { startPtyPair } from './pty-pair';

/** Result line of `npm run bench -- serial`. */
export interface SerialBenchResult {
  readonly bytes: number;
  readonly seconds: number;
  readonly mbPerSec: number;
  readonly overlongReported: boolean;
  readonly maxRssDeltaMB: number;
  readonly eventLoopMaxLagMs: number;
}

/**
 * Pushes N MiB without a newline through a socat pty into the serial console (real serialport binding) and
 * measures throughput, peak RSS growth and the worst event-loop delay: the app must stay responsive.
 */
export async function benchSerial(argv: string[]): Promise<SerialBenchResult> {
  const flags = parseFlags(argv, { mib: { type: 'string' } });
  const total = numberFlag('mib', flags.mib, 8, 1, 256) * 1024 * 1024;
  const dir = mkdtempSync(join(tmpdir(), 'bench-serial-'));
  const pair = await startPtyPair(dir);
  const hub = new EventHub();
  let overlongReported = false;
  hub.on('serial:event', (e) => (overlongReported ||= e.event.kind === 'overlong-line'));
  hub.on('serial:lines', () => undefined); // a subscriber, as the UI would be
  const serial = new SerialConsole({ hub, boardId: 'bench' });
  const writer = await open(pair.b, 'w');
  try {
    await serial.open(serialSettingsSchema.parse({ path: pair.a }));
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let maxRss = rss0;
    const lag = monitorEventLoopDelay({ resolution: 5 });
    const sampler = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 20);
    lag.enable();
    const t0 = performance.now();
    const chunk = Buffer.alloc(64 * 1024, 0x78);
    const writing = (async () => {
      for (let sent = 0; sent < total; sent += chunk.length)
        await writer.write(chunk, 0, Math.min(chunk.length, total - sent));
    })();
    const deadline = Date.now() + 120_000;
    while (serial.state().stats.bytes < total) {
      if (Date.now() > deadline)
        throw new Error(`only ${serial.state().stats.bytes} of ${total} bytes arrived within 120 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const seconds = (performance.now() - t0) / 1000;
    await writing;
    lag.disable();
    clearInterval(sampler);
    const bytes = serial.state().stats.bytes;
    return {
      bytes,
      seconds: round(seconds, 3),
      mbPerSec: round(bytes / 1048576 / seconds, 1),
      overlongReported,
      maxRssDeltaMB: round((maxRss - rss0) / 1048576, 1),
      eventLoopMaxLagMs: round(lag.max / 1e6, 1),
    };
  } finally {
    await serial.dispose();
    await writer.close().catch(() => undefined);
    await pair.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
