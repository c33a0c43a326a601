// A real board's profile names its serial console: the board's session opens it (115200 8N1) and its Serial chip
// follows the device; the session ending (another board selected, this one not watched) closes it. Over a socat
// pty pair, through the whole bench.
import { open, type FileHandle } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPtyPair, type PtyPair } from '../../src/main/cli/pty-pair';
import { createBench, type Bench } from '../../src/main/core/bench';
import type { LinksState, RealBoardProfile } from '../../src/shared/bridge/contracts/links';
import type { SerialConsoleState, SerialLine } from '../../src/shared/bridge/contracts/serial';
import type { Result } from '../../src/shared/result';
import { startFakeFirmware, type FakeFirmware } from '../support/fake-firmware';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

describe('the serial console named in a board profile', () => {
  let bench: Bench;
  let pair: PtyPair;
  let writer: FileHandle;
  let fw: FakeFirmware;
  let links: LinksState | undefined;
  const lines: SerialLine[] = [];
  const states = new Map<string, SerialConsoleState>();
  const call = <T>(name: string, req: unknown) =>
    bench.dispatch(name, req, { transport: 'browser' }) as Promise<Result<T>>;

  beforeAll(async () => {
    pair = await startPtyPair(tempDir('profile-serial-'));
    writer = await open(pair.b, 'w');
    fw = await startFakeFirmware({ periodMs: 200 });
    bench = await createBench({
      connectOnStart: false,
      configDir: tempDir('profile-serial-config-'),
      identity: { name: 't', version: '0', platform: 'linux' },
      heartbeatMs: 0,
      virtualPorts: { wsPort: 0, httpPort: 0, ftpPort: 0 },
      log: () => undefined,
    });
    bench.hub.on('links:state', (s) => (links = s));
    bench.hub.on('serial:lines', (b) => lines.push(...b.lines));
    bench.hub.on('serial:state', (s) => states.set(s.boardId, s));
  });
  afterAll(async () => {
    await bench?.close();
    await writer?.close();
    await pair?.stop();
    await fw?.stop();
  });

  it('opens with the board, shows its lines and an open chip, and closes when another board is selected', async () => {
    const saved = await call<{ profile: RealBoardProfile }>('links:save-profile', {
      name: 'Bench with console',
      host: '127.0.0.1',
      wsPort: fw.wsPort,
      serialPath: pair.a,
    });
    expect(saved.ok).toBe(true);
    const id = saved.ok ? saved.value.profile.id : '';
    await until(() => links?.board?.id === id && links.serial.kind === 'open', 'the serial chip open');
    expect(links?.serial.detail).toBe(`Serial console ${pair.a} is open (115200 8N1).`);
    await writer.write('WS: Red LED ON\r\n');
    await until(() => lines.some((l) => l.text === 'WS: Red LED ON'), 'the line on the console');

    await call('sessions:focus', { id: 'virtual' });
    await until(
      () => states.get(id)?.input.kind === 'none',
      "the real board's console closed with its session",
    );
    await until(
      () => states.get('virtual')?.input.kind === 'source',
      "the virtual board's console on its own UART",
    );
  });

  it("leaves a device another board's console holds alone, and says so on the chip", async () => {
    const opened = await call('serial:open', { path: pair.a });
    expect(opened.ok).toBe(true);
    const list = await call<{ profiles: Array<{ id: string; kind: string }> }>('links:profiles', {});
    const id = list.ok ? list.value.profiles.find((p) => p.kind === 'real')!.id : '';
    await call('sessions:focus', { id });
    await until(() => links?.board?.id === id && links.serial.kind === 'idle', 'the chip of the real board');
    expect(links?.serial.detail).toBe(
      `${pair.a} is open as the serial console of Virtual board, so this board's console was left closed.`,
    );
    await call('sessions:focus', { id: 'virtual' });
    await until(() => links?.board?.id === 'virtual', 'the virtual board selected');
    expect(states.get('virtual')?.input.kind).toBe('device');
  });
});
