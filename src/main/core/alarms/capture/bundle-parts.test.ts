import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SerialConsoleState, SerialLine } from '../../../../shared/bridge/contracts/serial';
import type { PoolStatus } from '../../../../shared/protocol/pool-status';
import { writePools, writeSerial } from './bundle-parts';
import { PoolRing } from './pool-ring';

const dir = mkdtempSync(join(tmpdir(), 'capture-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = () => join(dir, `f${n++}`);

/** A console holding `lines`, with `dropped` lines gone from its scrollback. */
function fakeConsole(lines: SerialLine[], input: SerialConsoleState['input'], dropped = 0) {
  const state: SerialConsoleState = {
    boardId: 'b',
    input,
    stats: { lines: lines.length, bytes: 0, dropped, overlongLines: 0, garbageLines: 0, maxLineBytes: 4096 },
    logging: null,
  };
  return { history: () => ({ lines, events: [], state }), state: () => state };
}
const line = (seq: number, t: number, text: string, more: Partial<SerialLine> = {}): SerialLine => ({
  seq,
  t,
  text,
  ...more,
});

describe('serial.txt', () => {
  it('holds the lines of the window with their UTC times, source changes marked', () => {
    const f = file();
    const r = writeSerial(
      f,
      fakeConsole(
        [
          line(1, 999, 'before'),
          line(2, 1000, '/dev/ttyACM0 opened', { mark: 'opened' }),
          line(3, 1500, 'boot ok'),
          line(4, 2000, 'last'),
          line(5, 2001, 'after'),
        ],
        { kind: 'source', name: 'uart' },
      ),
      1000,
      2000,
    );
    expect(r).toMatchObject({ count: 3 });
    expect(r.missing).toBeUndefined();
    expect(readFileSync(f, 'utf8').split('\n').slice(2)).toEqual([
      '1970-01-01T00:00:01.000Z  --- /dev/ttyACM0 opened ---',
      '1970-01-01T00:00:01.500Z  boot ok',
      '1970-01-01T00:00:02.000Z  last',
      '',
    ]);
  });

  it('says so when the board has no serial console, or its older lines are gone', () => {
    const none = file();
    expect(writeSerial(none, undefined, 0, 1).missing).toMatch(/has no serial console/);
    expect(readFileSync(none, 'utf8')).toMatch(/# this board has no serial console/);
    const idle = writeSerial(file(), fakeConsole([], { kind: 'none' }), 0, 1);
    expect(idle.missing).toMatch(/has no serial console/);
    const gone = writeSerial(
      file(),
      fakeConsole([line(9, 500, 'x')], { kind: 'source', name: 'u' }, 8),
      0,
      1000,
    );
    expect(gone.missing).toMatch(/lines before 1970-01-01T00:00:00.500Z had already left the scrollback/);
  });
});

describe('pool-status.ndjson', () => {
  const status = { packetPools: [], bytePools: [] } as unknown as PoolStatus;

  it('holds one line per report of the window', () => {
    const pools = new PoolRing();
    for (const t of [900, 1000, 1500, 2000, 2100]) pools.push('b', t, status);
    const f = file();
    expect(writePools(f, pools, 'b', 1000, 2000)).toMatchObject({ count: 3 });
    const lines = readFileSync(f, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { t: number; time: string });
    expect(lines.map((l) => l.t)).toEqual([1000, 1500, 2000]);
    expect(lines[0]!.time).toBe('1970-01-01T00:00:01.000Z');
  });

  it('says why there are none, or why older ones are not there', () => {
    const pools = new PoolRing({ maxReports: 2 });
    expect(writePools(file(), pools, 'b', 0, 1).missing).toMatch(/sent no pool-status report/);
    for (const t of [100, 200, 300]) pools.push('b', t, status);
    expect(writePools(file(), pools, 'b', 0, 1000).missing).toMatch(/reports before .* are not in the file/);
    expect(writePools(file(), pools, 'b', 5000, 6000).missing).toMatch(/no pool-status report arrived/);
  });
});
