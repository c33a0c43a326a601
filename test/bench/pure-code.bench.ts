// Speed of the pure code the unit tests check for behaviour only (timing assertions do not belong in unit tests:
// the machine is shared and its load varies). Run: npx vitest bench --run --project unit test/bench/
import { bench, describe } from 'vitest';
import { compileFilter } from '../../src/shared/frames/filter';
import type { FrameRow } from '../../src/shared/frames/types';
import { LineSplitter } from '../../src/shared/serial/line-splitter';
import { decimateMinMax } from '../../src/shared/telemetry/decimate';

describe('frames filter', () => {
  const rows = Array.from({ length: 50_000 }, (_, i): FrameRow => ({
    seq: i,
    t: 0,
    link: 1,
    dir: 'rx',
    kind: 'frame',
    chunk: 1,
    fin: true,
    rsv: 0,
    opcode: 1,
    opName: 'text',
    masked: false,
    maskKey: undefined,
    length: 5,
    header: '81 05',
    preview: `telemetry ${i % 90} °C randomInt=${i}`,
    msgType: 'telemetry',
    truncated: false,
    notes: [],
  }));
  const c = compileFilter({ search: 'randomInt=4\\d{3}$', regex: true, dirs: ['rx'] });
  bench('a regex over 50,000 rows', () => {
    if (!c.ok) throw new Error(c.error);
    if (rows.filter(c.test).length !== 1000) throw new Error('wrong match count');
  });
});

describe('serial line splitter', () => {
  const chunk = new Uint8Array(64 * 1024).fill(0x78);
  bench('8 MiB without a newline', () => {
    const s = new LineSplitter({ maxLineBytes: 4096 });
    for (let i = 0; i < 128; i++) s.push(chunk);
  });
});

describe('telemetry decimation', () => {
  const n = 600_000;
  const t = new Float64Array(n).map((_, i) => i);
  const cols = [0, 1, 2, 3].map((k) => new Float64Array(n).map((_, i) => Math.sin(i / 1000 + k)));
  bench('600,000 rows of 4 series to 1000 buckets', () => {
    decimateMinMax({ t, columns: cols, start: 0, end: n }, 0, n, 1000);
  });
});
