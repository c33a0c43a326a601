// A serial console per board, through the whole bench: two virtual boards' UARTs each feed their own board's
// console whichever board is focused; a real board's profile device (a socat pty) opens when its session starts,
// watched but not focused; a device opened from the Serial page belongs to the focused board; every serial event
// names its board.
import { open, type FileHandle } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPtyPair, type PtyPair } from '../../src/main/cli/pty-pair';
import { createBench, type Bench } from '../../src/main/core/bench';
import type { RealBoardProfile } from '../../src/shared/bridge/contracts/links';
import type { SerialConsoleState, SerialLine } from '../../src/shared/bridge/contracts/serial';
import type { SessionsState } from '../../src/shared/bridge/contracts/sessions';
import type { Result } from '../../src/shared/result';
import { startFakeFirmware, type FakeFirmware } from '../support/fake-firmware';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

describe('a serial console per board', () => {
  let bench: Bench;
  let profilePty: PtyPair;
  let pagePty: PtyPair;
  let writer: FileHandle;
  let fw: FakeFirmware;
  let realId = '';
  let sessions: SessionsState | undefined;
  /** Every line each board's console sent, by board id (from the events' `boardId`). */
  const linesOf = new Map<string, SerialLine[]>();
  const stateOf = new Map<string, SerialConsoleState>();
  const lines = (id: string) => linesOf.get(id) ?? [];
  const has = (id: string, text: string) => lines(id).some((l) => l.text === text);
  const call = async <T>(name: string, req: unknown): Promise<Result<T>> =>
    (await bench.dispatch(name, req, { transport: 'browser' })) as Result<T>;
  const ok = async <T>(name: string, req: unknown): Promise<T> => {
    const r = await call<T>(name, req);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  };

  beforeAll(async () => {
    [profilePty, pagePty] = await Promise.all([
      startPtyPair(tempDir('board-serial-a-')),
      startPtyPair(tempDir('board-serial-b-')),
    ]);
    writer = await open(profilePty.b, 'w');
    fw = await startFakeFirmware({ periodMs: 200 });
    bench = await createBench({
      connectOnStart: false,
      configDir: tempDir('board-serial-config-'),
      identity: { name: 't', version: '0', platform: 'linux' },
      heartbeatMs: 0,
      virtualPorts: { wsPort: 0, httpPort: 0, ftpPort: 0 },
      log: () => undefined,
    });
    bench.hub.on('serial:lines', (b) => linesOf.set(b.boardId, [...lines(b.boardId), ...b.lines]));
    bench.hub.on('serial:state', (s) => stateOf.set(s.boardId, s));
    bench.hub.on('sessions:state', (s) => (sessions = s));
  });
  afterAll(async () => {
    await bench?.close();
    await writer?.close();
    await profilePty?.stop();
    await pagePty?.stop();
    await fw?.stop();
  });

  it("feeds each virtual board's UART to its own console, focused or not", async () => {
    await ok('links:add-virtual', { show: false });
    await ok('sessions:watch', { id: 'virtual' });
    await ok('sessions:watch', { id: 'virtual-2' });
    await ok('sessions:focus', { id: 'virtual' });
    await until(
      () => has('virtual', 'Telemetry thread started (demo mode)'),
      "the first board's boot log in its console",
    );
    await until(
      () => has('virtual-2', 'Telemetry thread started (demo mode)'),
      "board 2's boot log, unfocused",
    );

    // An LED command to the focused board prints on its UART only.
    await until(
      async () => (await call<{ sent: boolean }>('board:set-led', { led: 'yellow', state: true })).ok,
      'sent',
    );
    await until(() => has('virtual', 'WS: Yellow LED ON'), "the LED line in the first board's console");

    // Focus board 2, then reboot board 1: its boot log still reaches its own console, not the focused one's.
    await ok('sessions:focus', { id: 'virtual-2' });
    const before = lines('virtual').length;
    const bootsOf2 = lines('virtual-2').filter((l) => l.text === '=== System Starting ===').length;
    await ok('vboard:fault', { boardId: 'virtual', kind: 'reboot' });
    await until(
      () =>
        lines('virtual')
          .slice(before)
          .some((l) => l.text === '=== System Starting ==='),
      "board 1's second boot in its own console while board 2 is focused",
    );
    expect(has('virtual-2', 'WS: Yellow LED ON')).toBe(false);
    expect(lines('virtual-2').filter((l) => l.text === '=== System Starting ===')).toHaveLength(bootsOf2);

    // Each console's history is its own board's.
    const h1 = await ok<{ lines: SerialLine[] }>('serial:history', { boardId: 'virtual' });
    const h2 = await ok<{ lines: SerialLine[] }>('serial:history', {});
    expect(h1.lines.some((l) => l.text === 'WS: Yellow LED ON')).toBe(true);
    expect(h2.lines.some((l) => l.text === 'WS: Yellow LED ON')).toBe(false);
    expect(stateOf.get('virtual')?.input).toEqual({ kind: 'source', name: 'Virtual board' });
    expect(stateOf.get('virtual-2')?.input).toEqual({ kind: 'source', name: 'Virtual board 2' });
  });

  it("keeps a watched real board's profile device open while another board is focused", async () => {
    const saved = await ok<{ profile: RealBoardProfile }>('links:save-profile', {
      name: 'Bench with console',
      host: '127.0.0.1',
      wsPort: fw.wsPort,
      serialPath: profilePty.a,
    });
    realId = saved.profile.id; // a new board is focused as it is saved
    await ok('sessions:watch', { id: realId });
    await ok('sessions:focus', { id: 'virtual-2' });
    await until(() => {
      const s = stateOf.get(realId)?.input;
      return s?.kind === 'device' && s.link.kind === 'open';
    }, "the real board's console open");
    const chip = await until(
      () => sessions?.sessions.find((s) => s.id === realId && s.links.serial.kind === 'open'),
      "the real board's Serial chip open",
    );
    expect(chip.links.serial.detail).toBe(`Serial console ${profilePty.a} is open (115200 8N1).`);
    expect(sessions?.focusedId).toBe('virtual-2');
    await writer.write('WS: Red LED ON\r\n');
    await until(() => has(realId, 'WS: Red LED ON'), "the line in the real board's console");
    expect(has('virtual-2', 'WS: Red LED ON')).toBe(false);
    // Another board cannot take a device that a board's console holds.
    const taken = await call('serial:open', { path: profilePty.a });
    expect(taken).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: /Bench with console/ } });
  });

  it('gives a device opened on the Serial page to the focused board, and its UART back when it closes', async () => {
    expect((await call('serial:open', { path: pagePty.a })).ok).toBe(true);
    expect(stateOf.get('virtual-2')?.input).toMatchObject({ kind: 'device', settings: { path: pagePty.a } });
    expect(stateOf.get('virtual')?.input).toMatchObject({ kind: 'source' });
    expect(stateOf.get(realId)?.input).toMatchObject({ kind: 'device', settings: { path: profilePty.a } });
    await ok('serial:close', {});
    await until(() => stateOf.get('virtual-2')?.input.kind === 'source', "board 2's UART back");
    // Separators say where the source changed, with earlier lines kept above them.
    await until(
      () => lines('virtual-2').some((l) => l.mark === 'attached'),
      'the separator of the UART attached again',
    );
    const marks = lines('virtual-2')
      .filter((l) => l.mark)
      .map((l) => l.text);
    expect(marks).toEqual([`${pagePty.a} opened`, `${pagePty.a} closed`, "Virtual board 2's UART attached"]);
    const firstMark = lines('virtual-2').findIndex((l) => l.mark);
    expect(
      lines('virtual-2')
        .slice(0, firstMark)
        .some((l) => l.text === '=== System Starting ==='),
    ).toBe(true);
  });

  it("closes the real board's device when its session ends, keeps its lines, and opens it again when watched", async () => {
    await ok('sessions:unwatch', { id: realId });
    await until(() => stateOf.get(realId)?.input.kind === 'none', "the real board's console closed");
    const h = await ok<{ lines: SerialLine[] }>('serial:history', { boardId: realId });
    expect(h.lines.map((l) => l.text)).toEqual([
      `${profilePty.a} opened`,
      'WS: Red LED ON',
      `${profilePty.a} closed`,
    ]);
    // Watched again from the Lab page, never focused: its session starts, and its console with it.
    await ok('sessions:watch', { id: realId });
    await until(() => {
      const s = stateOf.get(realId)?.input;
      return s?.kind === 'device' && s.link.kind === 'open';
    }, "the real board's console open again, unfocused");
    expect(sessions?.focusedId).toBe('virtual-2');
    await writer.write('WS: Yellow LED OFF\r\n');
    await until(() => has(realId, 'WS: Yellow LED OFF'), 'the new line in its console');
  });
});
