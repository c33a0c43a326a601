import { describe, expect, it } from 'vitest';
import { compileFilter, regexRisk, validateSearch } from './filter';
import type { FrameRow } from './types';
import { frameRow } from '../../../test/support/frame-rows';

const row = (over: Partial<FrameRow>): FrameRow =>
  frameRow(1, { t: 0, length: 5, header: '81 05', preview: 'telemetry 42 °C', ...over });

describe('frame filter', () => {
  it('refuses invalid and dangerous regular expressions with a reason', () => {
    expect(validateSearch('(', true)).toMatch(/^not a valid regular expression/);
    expect(regexRisk('(a+)+$')).toMatch(/nested quantifiers/);
    expect(regexRisk('(x|xy)*z')).toMatch(/alternation/);
    expect(regexRisk('(\\w+)\\1')).toMatch(/back-references/);
    expect(validateSearch('x'.repeat(201), false)).toMatch(/longer than 200/);
    expect(validateSearch('(a+)+$', false)).toBeUndefined();
    expect(validateSearch('led-(command|status) yellow=\\w+', true)).toBeUndefined();
    expect(compileFilter({ search: '[', regex: true })).toMatchObject({ ok: false });
  });

  it('a plain search treats regex characters literally', () => {
    const c = compileFilter({ search: '(a+)+' });
    expect(c.ok && c.test(row({ preview: 'x (a+)+ y' }))).toBe(true);
    expect(c.ok && c.test(row({}))).toBe(false);
  });

  it('searches notes too and keeps link events unless kinds exclude them', () => {
    const c = compileFilter({ search: 'no pong' });
    expect(c.ok && c.test(row({ notes: ['no PONG within 2 s'] }))).toBe(true);
    const ops = compileFilter({ opcodes: [9] });
    expect(ops.ok && ops.test(row({ kind: 'event', dir: undefined, opcode: -1 }))).toBe(true);
    const dirs = compileFilter({ dirs: ['tx'] });
    expect(dirs.ok && dirs.test(row({ kind: 'event', dir: undefined }))).toBe(false);
  });

  // Its speed is measured in test/bench/pure-code.bench.ts, not asserted here.
  it('filters 50,000 rows', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) =>
      row({ seq: i, preview: `telemetry ${i % 90} °C randomInt=${i}` }),
    );
    const c = compileFilter({ search: 'randomInt=4\\d{3}$', regex: true, dirs: ['rx'] });
    if (!c.ok) throw new Error(c.error);
    expect(rows.filter(c.test).length).toBe(1000);
  });
});
