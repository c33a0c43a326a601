import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PayloadOf } from '../../src/shared/bridge/contract';
import type { MessageRecord } from '../../src/shared/recording/format';
import type { TimelineMark } from '../../src/shared/telemetry/types';
import type { VirtualBoardProvider } from '../../src/main/core/sessions/board-session';
import {
  SessionOwner as LinkManager,
  type SessionEventName as LinkEventName,
} from '../../src/main/core/sessions/session-owner';
import { ProfileStore } from '../../src/main/core/links/profiles';
import { startFakeFirmware, type FakeFirmware } from '../support/fake-firmware';
import { until } from '../support/wait';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function fake(periodMs = 50): Promise<FakeFirmware> {
  const f = await startFakeFirmware({ periodMs, withHttpFtp: true });
  cleanups.push(() => f.stop());
  return f;
}

function setup(virtual?: VirtualBoardProvider) {
  const profiles = new ProfileStore(mkdtempSync(join(tmpdir(), 'lm-')));
  const events: Array<{ name: LinkEventName; payload: unknown }> = [];
  const messages: Array<[string, MessageRecord]> = [];
  const marks: Array<[string, TimelineMark]> = [];
  const manager = new LinkManager({
    getProfile: (id) => profiles.get(id),
    emit: <E extends LinkEventName>(name: E, payload: PayloadOf<E>) => events.push({ name, payload }),
    onMessage: (id, r) => messages.push([id, r]),
    onLinkEvent: (id, m) => marks.push([id, m]),
    virtual: () => virtual,
    httpEveryMs: 200,
    ftpEveryMs: 200,
  });
  cleanups.push(() => manager.close());
  const last = <E extends LinkEventName>(name: E) =>
    events.filter((e) => e.name === name).at(-1)?.payload as PayloadOf<E> | undefined;
  return { profiles, manager, events, messages, marks, last };
}

describe('LinkManager', () => {
  it('opens ws/http/ftp to a real board, reports LEDs and telemetry, and round-trips an LED command', async () => {
    const fw = await fake();
    const { profiles, manager, messages, marks, events, last } = setup();
    const p = profiles.save({
      name: 'Stand-in',
      host: '127.0.0.1',
      wsPort: fw.wsPort,
      httpPort: fw.httpPort,
      ftpPort: fw.ftpPort,
    });
    await manager.select(p.id);
    await until(
      () =>
        last('links:state')?.ws.kind === 'open' &&
        last('links:state')?.http.kind === 'open' &&
        last('links:state')?.ftp.kind === 'open',
      'all three open',
    );
    expect(last('links:state')?.board).toEqual({
      id: p.id,
      name: 'Stand-in',
      host: '127.0.0.1',
      virtual: false,
    });
    expect(last('links:state')?.ftp.detail).toContain('220 NetX FTP Server ready.');
    await until(() => last('board:led-status') !== undefined, 'led-status');
    expect(last('board:led-status')).toMatchObject({ boardId: p.id, yellow: false, red: false });
    await until(() => (last('board:telemetry-latest')?.count ?? 0) >= 3, 'telemetry');
    const tl = last('board:telemetry-latest')!;
    expect(Object.keys(tl.values)).toEqual(['junctionTemp', 'randomFloat', 'randomInt', 'uptime']);
    expect(tl.history.uptime!.length).toBeGreaterThanOrEqual(3);
    expect(manager.setLed('red', true)).toBe(true);
    await until(() => last('board:led-status')?.red === true, 'red on reported');
    expect(
      messages.some(
        ([id, r]) =>
          id === p.id && r.dir === 'tx' && r.data === '{"type":"led-command","led":"red","state":true}',
      ),
    ).toBe(true);
    expect(marks[0]?.[1].kind).toBe('connect');

    // What the app understands is not "ignored"; what it does not is counted.
    const ignored = () => last('links:state')?.figures.invalid ?? -1;
    expect(ignored()).toBe(0);
    fw.sendRaw('{"type":"mystery"}');
    fw.sendRaw('not json');
    fw.sendRaw('{"type":"pool-status","data":{}}');
    await until(
      () => messages.some(([, r]) => r.dir === 'rx' && r.data?.includes('pool-status')),
      'pool-status in',
    );
    const seen = events.length;
    await until(() => events.slice(seen).some((e) => e.name === 'links:state'), 'figures after it');
    expect(ignored()).toBe(2);
  });

  it('switching closes the old board cleanly and opens the new one', async () => {
    const a = await fake();
    const b = await fake();
    const { profiles, manager, last } = setup();
    const pa = profiles.save({
      name: 'A',
      host: '127.0.0.1',
      wsPort: a.wsPort,
      httpPort: a.httpPort,
      ftpPort: a.ftpPort,
    });
    const pb = profiles.save({
      name: 'B',
      host: '127.0.0.1',
      wsPort: b.wsPort,
      httpPort: b.httpPort,
      ftpPort: b.ftpPort,
    });
    await manager.select(pa.id);
    await until(() => last('links:state')?.ws.kind === 'open', 'A open');
    await manager.select(pb.id);
    await until(
      () => last('links:state')?.ws.kind === 'open' && last('links:state')?.board?.id === pb.id,
      'B open',
    );
    expect(a.connections()).toBe(1);
    expect(b.connections()).toBe(1);
    expect(manager.ledStatus?.boardId).toBe(pb.id);
  });

  it('uses the virtual board provider for the virtual profile', async () => {
    const fw = await fake();
    let started = 0;
    const { manager, last } = setup({
      ensureStarted: async () => {
        started++;
        return {
          ws: `ws://127.0.0.1:${fw.wsPort}/`,
          http: `http://127.0.0.1:${fw.httpPort}/`,
          ftp: `ftp://127.0.0.1:${fw.ftpPort}`,
        };
      },
    });
    await manager.select('virtual');
    await until(() => last('links:state')?.ws.kind === 'open', 'virtual open');
    expect(last('links:state')?.board).toMatchObject({ id: 'virtual', virtual: true, host: '127.0.0.1' });
    expect(started).toBe(1);
  });

  it('says the virtual board is stopped when its links retry because the user stopped it', async () => {
    const fw = await fake();
    let running = true;
    const { manager, last } = setup({
      ensureStarted: async () => ({ ws: `ws://127.0.0.1:${fw.wsPort}/` }),
      isRunning: () => running,
    });
    await manager.select('virtual');
    await until(() => last('links:state')?.ws.kind === 'open', 'virtual open');
    running = false;
    await fw.stop();
    await until(() => last('links:state')?.ws.kind === 'waiting', 'retrying');
    expect(last('links:state')?.ws.detail).toMatch(
      /^The virtual board is stopped: start it on the Board page\. /,
    );
  });

  it('says so when there is no virtual board and the LED command cannot be sent', async () => {
    const { manager, last } = setup();
    await manager.select('virtual');
    expect(last('links:state')?.ws).toMatchObject({
      kind: 'failed',
      reason: 'The virtual board is not available in this build.',
    });
    expect(manager.setLed('yellow', true)).toBe(false);
  });

  it('shows a serial wire set for one board only while that board is selected', async () => {
    const fw = await fake();
    const { profiles, manager, last } = setup();
    const real = profiles.save({
      name: 'R',
      host: '127.0.0.1',
      wsPort: fw.wsPort,
      httpPort: fw.httpPort,
      ftpPort: fw.ftpPort,
    });
    await manager.select('virtual');
    expect(last('links:state')?.serial.kind).toBe('idle');
    const uart = {
      kind: 'open' as const,
      since: 1,
      detail: "Showing the virtual board's UART (no device needed).",
    };
    manager.setSerialWire('virtual', uart);
    expect(last('links:state')?.serial).toEqual(uart);
    await manager.select(real.id);
    expect(last('links:state')?.serial).toMatchObject({
      kind: 'idle',
      detail: 'No serial port set for this board.',
    });
    // The virtual board's session ended when the real one was selected: a new one starts with its own words.
    await manager.select('virtual');
    expect(last('links:state')?.serial.kind).toBe('idle');
    manager.setSerialWire('virtual', uart);
    expect(last('links:state')?.serial).toEqual(uart);
    manager.setSerialWire('virtual', undefined);
    expect(last('links:state')?.serial.kind).toBe('idle');
  });

  it('reports failing HTTP and FTP probes in words', async () => {
    const fw = await fake();
    const { profiles, manager, last } = setup();
    await fw.stop();
    const p = profiles.save({
      name: 'Gone',
      host: '127.0.0.1',
      wsPort: fw.wsPort,
      httpPort: fw.httpPort,
      ftpPort: fw.ftpPort,
    });
    await manager.select(p.id);
    await until(
      () => last('links:state')?.http.kind === 'failed' && last('links:state')?.ftp.kind === 'failed',
      'probes failed',
    );
    const s = last('links:state')!;
    expect(s.http).toMatchObject({
      reason: `HTTP server at 127.0.0.1:${fw.httpPort} refused the connection (nothing listens on that port)`,
    });
    expect(s.ws.kind === 'waiting' || s.ws.kind === 'connecting').toBe(true);
  });
});
