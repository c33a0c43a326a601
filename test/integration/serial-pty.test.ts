import { open, type FileHandle } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  SerialConsoleState,
  SerialFirmwareEvent,
  SerialLine,
} from '../../src/shared/bridge/contracts/serial';
import { serialSettingsSchema } from '../../src/shared/bridge/contracts/serial';
import { EventHub } from '../../src/main/core/event-hub';
import { SerialConsole } from '../../src/main/core/serial/serial-console';
import { startPtyPair, type PtyPair } from '../../src/main/cli/pty-pair';
import { root, tempDir } from '../support/processes';
import { until } from '../support/wait';

const bootLog = readFileSync(join(root, 'test/fixtures/firmware-boot.txt'), 'utf8').replace(/\n/g, '\r\n');

describe('serial console over a socat pty pair (real serialport binding)', () => {
  const dir = tempDir('serial-pty-');
  const hub = new EventHub();
  const lines: SerialLine[] = [];
  const events: SerialFirmwareEvent[] = [];
  const states: SerialConsoleState[] = [];
  // Received lines only: the separators ("/dev/pts/4 opened") are checked in serial-console.test.ts.
  hub.on('serial:lines', (b) => lines.push(...b.lines.filter((l) => !l.mark).slice(-50)));
  hub.on('serial:event', (e) => events.push(e.event));
  hub.on('serial:state', (s) => states.push(s));
  const console_ = new SerialConsole({ hub, boardId: 'pty', retryDelaysMs: [100] });
  let pair: PtyPair;
  let writer: FileHandle;

  const link = () => {
    const input = console_.state().input;
    return input.kind === 'device' ? input.link : undefined;
  };

  beforeAll(async () => {
    pair = await startPtyPair(dir);
    writer = await open(pair.b, 'w');
  });
  afterAll(async () => {
    await console_.dispose();
    await writer?.close().catch(() => undefined);
    await pair?.stop();
  });

  it('opens a typed pty path and receives the firmware boot log as lines and events', async () => {
    const st = await console_.open(serialSettingsSchema.parse({ path: pair.a }));
    expect(st.input).toMatchObject({ kind: 'device', link: { kind: 'open' } });
    await writer.write(bootLog);
    await until(() => lines.some((l) => l.text === 'WS: Unknown LED: green'), 'the last boot line');
    expect(lines[0]!.text).toBe('=== System Starting ===');
    expect(lines.some((l) => l.text.includes('\r'))).toBe(false);
    const kinds = events.map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'system-start',
        'temperature-sensor',
        'psram-speed',
        'emmc-speed',
        'emmc-verify',
        'name-service',
        'telemetry-started',
        'ws-error',
        'led',
        'command-error',
      ]),
    );
    expect(events.find((e) => e.summary.startsWith('eMMC sequential read'))!.values).toEqual({
      ms: 40.83,
      mbPerSec: 3.14,
    });
  });

  it('reports the device gone when socat is killed, and reconnects when it comes back at the same path', async () => {
    await writer.close();
    await pair.stop();
    const lost = await until(() => {
      const l = link();
      return l?.kind === 'lost' ? l : undefined;
    }, 'lost state');
    expect(lost.reason).toContain('disconnected');
    pair = await startPtyPair(dir);
    writer = await open(pair.b, 'w');
    await until(() => link()?.kind === 'open', 'reopened');
    await writer.write('=== System Starting ===\r\n');
    await until(
      () => events.filter((e) => e.kind === 'system-start').length === 2,
      'the reboot line after reconnect',
    );
  });

  it('survives 8 MiB without a newline: memory bounded, the overlong line reported; garbage shown, not fatal', async () => {
    const before = console_.state().stats;
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const chunk = Buffer.alloc(64 * 1024, 0x78);
    for (let i = 0; i < 128; i++) await writer.write(chunk);
    await until(() => console_.state().stats.bytes - before.bytes >= 8 * 1024 * 1024, 'all 8 MiB', 30_000);
    const after = console_.state().stats;
    expect(after.overlongLines - before.overlongLines).toBe(1);
    expect(events.filter((e) => e.kind === 'overlong-line')).toHaveLength(1);
    expect(console_.history(100_000).lines.length).toBeLessThanOrEqual(10_000);
    const heapGrowthMB = (process.memoryUsage().heapUsed - heap0) / 1048576;
    expect(heapGrowthMB).toBeLessThan(64);

    await writer.write(Buffer.from([0x0a, 0xc3, 0x28, 0xff, 0xfe, 0x0d, 0x0a]));
    await writer.write('still alive\r\n');
    await until(() => lines.some((l) => l.text === 'still alive'), 'a line after the garbage');
    const garbage = lines.find((l) => l.hex === 'c328fffe');
    expect(garbage?.text).toContain('\uFFFD');
    expect(link()?.kind).toBe('open');
  });
});
