import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPortMock } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  SerialConsoleState,
  SerialFirmwareEvent,
  SerialLine,
} from '../../../shared/bridge/contracts/serial';
import { serialSettingsSchema } from '../../../shared/bridge/contracts/serial';
import { until } from '../../../../test/support/wait';
import { EventHub } from '../event-hub';
import type { BindingOpenOptions, BindingPortInterface, SerialBinding } from '../links/serial-link';
import { SerialConsole, type SerialLineSource } from './serial-console';

/** @serialport/binding-mock (reached through serialport, whose types resolve under our module settings). */
const MockBinding = SerialPortMock.binding;
type MockPortBinding = BindingPortInterface & { emitData(data: Buffer | string): void };

/** MockBinding plus an "unplug": the pending read fails as the OS binding's does when the device vanishes. */
function unpluggableBinding() {
  const opened: MockPortBinding[] = [];
  let unplug: ((err: Error) => void) | undefined;
  const binding: SerialBinding = {
    list: () => MockBinding.list(),
    async open(options: BindingOpenOptions): Promise<BindingPortInterface> {
      const port = (await MockBinding.open(options)) as unknown as MockPortBinding;
      opened.push(port);
      const gone = new Promise<never>((_, reject) => (unplug = reject));
      gone.catch(() => undefined);
      return {
        get isOpen() {
          return port.isOpen;
        },
        read: (buf, off, len) => Promise.race([port.read(buf, off, len), gone]),
        write: (b) => port.write(b),
        close: () => port.close(),
      };
    },
  };
  return { binding, opened, unplug: () => unplug?.(new Error('EIO: device gone')) };
}

describe('SerialConsole', () => {
  let hub: EventHub;
  let lines: SerialLine[];
  /** Separator lines ("/dev/ttyX opened"), kept apart from the received ones. */
  let marks: SerialLine[];
  let states: SerialConsoleState[];
  let events: SerialFirmwareEvent[];
  let consoles: SerialConsole[];

  beforeEach(() => {
    MockBinding.reset();
    hub = new EventHub();
    lines = [];
    marks = [];
    states = [];
    events = [];
    consoles = [];
    hub.on('serial:lines', (b) => {
      for (const l of b.lines) (l.mark ? marks : lines).push(l);
    });
    hub.on('serial:state', (s) => states.push(s));
    hub.on('serial:event', (e) => events.push(e.event));
  });
  afterEach(async () => {
    for (const c of consoles) await c.dispose();
  });

  const make = (
    binding: SerialBinding,
    extra: Partial<Omit<ConstructorParameters<typeof SerialConsole>[0], 'boardId'>> = {},
  ) => {
    const c = new SerialConsole({ hub, boardId: 'b1', binding, batchMs: 10, retryDelaysMs: [20], ...extra });
    consoles.push(c);
    return c;
  };
  const settings = (path: string) => serialSettingsSchema.parse({ path });

  it('lists ports with the ST-LINK first and marked', async () => {
    MockBinding.createPort('/dev/ttyUSB0', { vendorId: '1A86', productId: '7523' });
    MockBinding.createPort('/dev/ttyACM0', { vendorId: '0483', productId: '374B' });
    const list = await make(MockBinding).list();
    expect(list.map((p) => [p.path, p.stLink, p.vendorId])).toEqual([
      ['/dev/ttyACM0', true, '0483'],
      ['/dev/ttyUSB0', false, '1a86'],
    ]);
  });

  it('receives lines in batches, recognises firmware lines and counts them', async () => {
    MockBinding.createPort('/dev/ttyACM0', { vendorId: '0483', productId: '374b' });
    const b = unpluggableBinding();
    const c = make(b.binding);
    const st = await c.open(settings('/dev/ttyACM0'));
    expect(st.input).toMatchObject({ kind: 'device', link: { kind: 'open', path: '/dev/ttyACM0' } });
    b.opened[0]!.emitData('=== System Starting ===\r\nDTS init failed\r\nWS: Handshake failed: 0x1\r\n');
    await until(() => lines.length === 3 || undefined, '3 lines', 3000);
    expect(lines.map((l) => l.text)).toEqual([
      '=== System Starting ===',
      'DTS init failed',
      'WS: Handshake failed: 0x1',
    ]);
    expect(events.map((e) => e.kind)).toEqual(['system-start', 'temperature-sensor', 'ws-error']);
    expect(c.state().stats).toMatchObject({ lines: 3, dropped: 0 });
    // The separator "/dev/ttyACM0 opened" came first (seq 1).
    expect(c.history(2).lines.map((l) => l.seq)).toEqual([3, 4]);
  });

  it('shows a partial line after a quiet period', async () => {
    MockBinding.createPort('/dev/ttyX');
    const b = unpluggableBinding();
    const c = make(b.binding, { quietFlushMs: 30 });
    await c.open(settings('/dev/ttyX'));
    b.opened[0]!.emitData('> prompt');
    await until(() => lines.find((l) => l.text === '> prompt'), 'the partial line', 3000);
  });

  it('shows garbage bytes with their hex and warns once about the baud rate', async () => {
    MockBinding.createPort('/dev/ttyX');
    const b = unpluggableBinding();
    const c = make(b.binding);
    await c.open(settings('/dev/ttyX'));
    b.opened[0]!.emitData(Buffer.from([0xf0, 0x9f, 0xff, 0x0a, 0x80, 0x0a, 0x41, 0x0a]));
    await until(() => lines.length === 3 || undefined, 'lines', 3000);
    expect(lines[0]).toMatchObject({ hex: 'f09fff' });
    expect(lines[2]).toEqual(expect.not.objectContaining({ hex: expect.anything() }));
    expect(events.filter((e) => e.kind === 'garbage-bytes')).toHaveLength(1);
    expect(c.state().stats.garbageLines).toBe(2);
  });

  it('bounds the scrollback and counts dropped lines', async () => {
    MockBinding.createPort('/dev/ttyX');
    const b = unpluggableBinding();
    const c = make(b.binding, { maxLines: 100, maxBatchLines: 50 });
    await c.open(settings('/dev/ttyX'));
    b.opened[0]!.emitData(Array.from({ length: 250 }, (_, i) => `line ${i}`).join('\n') + '\n');
    await until(() => (c.state().stats.lines === 250 ? true : undefined), '250 lines', 3000);
    expect(c.history(1000).lines).toHaveLength(100);
    expect(c.history(1000).lines[0]!.text).toBe('line 150');
    expect(c.state().stats.dropped).toBe(151); // 150 lines and the "opened" separator before them
  });

  it('reconnects to the same device (by serial number), not to another device at the same path', async () => {
    MockBinding.createPort('/dev/ttyACM0', { vendorId: '0483', productId: '374b' });
    const b = unpluggableBinding();
    const c = make(b.binding);
    await c.open(settings('/dev/ttyACM0'));
    MockBinding.reset();
    MockBinding.createPort('/dev/ttyACM0', { vendorId: '2341', productId: '0043' }); // an Arduino takes the path
    b.unplug();
    await until(
      () => states.find((s) => s.input.kind === 'device' && s.input.link.kind === 'lost'),
      'lost',
      3000,
    );
    await until(
      () =>
        states.find(
          (s) => s.input.kind === 'device' && s.input.link.kind === 'lost' && s.input.link.attempt >= 3,
        ),
      'several retries',
      3000,
    );
    expect(b.opened).toHaveLength(1);
    MockBinding.reset();
    MockBinding.createPort('/dev/ttyACM1', { vendorId: '0483', productId: '374b' }); // ours, re-enumerated
    const reopened = await until(
      () =>
        states.find(
          (s) =>
            s.input.kind === 'device' && s.input.link.kind === 'open' && s.input.link.path === '/dev/ttyACM1',
        ),
      'reopen',
      3000,
    );
    expect(reopened).toBeDefined();
    b.opened[1]!.emitData('back\n');
    await until(() => lines.find((l) => l.text === 'back'), 'data after reconnect', 3000);
    expect(marks.map((m) => [m.mark, m.text])).toEqual([
      ['opened', '/dev/ttyACM0 opened'],
      ['lost', '/dev/ttyACM0 lost'],
      ['reopened', '/dev/ttyACM1 reopened'],
    ]);
  });

  it('fails with a reason when the port does not exist', async () => {
    const c = make(MockBinding);
    await expect(c.open(settings('/dev/nope'))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(c.state().input).toMatchObject({
      link: { kind: 'failed', reason: expect.stringContaining('/dev/nope') },
    });
  });

  it('keeps earlier lines above a separator when the source changes, each saying what and when', async () => {
    MockBinding.createPort('/dev/ttyX');
    MockBinding.createPort('/dev/ttyY');
    const b = unpluggableBinding();
    const c = make(b.binding);
    await c.open(settings('/dev/ttyX'));
    b.opened[0]!.emitData('from X\n');
    await until(() => lines.find((l) => l.text === 'from X'), 'the first line', 3000);
    const before = Date.now();
    await c.open(settings('/dev/ttyY'));
    b.opened[1]!.emitData('from Y\n');
    await until(() => lines.find((l) => l.text === 'from Y'), 'the second line', 3000);
    await c.close();
    const kept = c.history(100).lines.map((l) => (l.mark ? `-- ${l.text} --` : l.text));
    expect(kept).toEqual([
      '-- /dev/ttyX opened --',
      'from X',
      '-- /dev/ttyX closed --',
      '-- /dev/ttyY opened --',
      'from Y',
      '-- /dev/ttyY closed --',
    ]);
    const opened = c.history(100).lines.find((l) => l.text === '/dev/ttyY opened')!;
    expect(opened.t).toBeGreaterThanOrEqual(before);
    expect(c.state().stats.lines).toBe(2); // separators are not received lines
  });

  it('takes lines from an injected source, and a device replaces it', async () => {
    let emit: ((text: string, t: number) => void) | undefined;
    const source: SerialLineSource = {
      name: 'Virtual board',
      onLine(cb) {
        emit = cb;
        return () => (emit = undefined);
      },
    };
    const c = make(MockBinding);
    const detach = c.attachSource(source);
    await until(() => emit, 'subscription', 3000);
    expect(c.state().input).toEqual({ kind: 'source', name: 'Virtual board' });
    emit!('WS: Yellow LED ON\r\n', 1234);
    await until(() => lines.length === 1 || undefined, 'line', 3000);
    expect(lines[0]).toMatchObject({ text: 'WS: Yellow LED ON', t: 1234 });
    expect(events[0]).toMatchObject({ kind: 'led' });
    await expect(c.send(new Uint8Array([1]))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    MockBinding.createPort('/dev/ttyX');
    await c.open(settings('/dev/ttyX'));
    expect(emit).toBeUndefined();
    detach(); // stale detach after a device replaced the source: no effect
    expect(c.state().input.kind).toBe('device');
  });

  it('a source detached before it was attached never attaches', async () => {
    let subscribed = 0;
    const c = make(MockBinding);
    const detach = c.attachSource({ name: 'Virtual board', onLine: () => (subscribed++, () => undefined) });
    detach();
    // A second source attached after it: once that one is in, the first attach has had its turn (they run in order).
    const detachOther = c.attachSource({ name: 'Other', onLine: () => () => undefined });
    await until(() => c.state().input.kind === 'source', 'the second source', 3000);
    expect(subscribed).toBe(0);
    expect(c.state().input).toEqual({ kind: 'source', name: 'Other' });
    detachOther();
    expect(c.state().input).toEqual({ kind: 'none' });
  });

  it('logs every line to an append-only file', async () => {
    MockBinding.createPort('/dev/ttyX');
    const b = unpluggableBinding();
    const c = make(b.binding);
    await c.open(settings('/dev/ttyX'));
    const file = join(mkdtempSync(join(tmpdir(), 'serial-log-')), 'boot.log');
    expect(() => c.startLog('relative.log')).toThrow(
      'The serial log path must be absolute, from the root of the disk (such as /home/me/serial-logs/serial.log), not "relative.log".',
    );
    expect(() => c.startLog(join(tmpdir(), 'x.sh'))).toThrow(/\.log or \.txt/);
    c.startLog(file);
    b.opened[0]!.emitData('one\r\ntwo\r\n');
    await until(() => lines.length === 2 || undefined, 'lines', 3000);
    c.stopLog();
    expect(readFileSync(file, 'utf8')).toMatch(/^\d{4}-.*Z {2}one\n.*Z {2}two\n$/);
  });
});
