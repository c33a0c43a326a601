import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeAlarms } from '../../../test/support/fake-alarms';
import { AlarmLog, agentPools, rulesFromFile } from './agent-alarms';
import { UsageError } from './args';

describe('agent alarms', () => {
  it('logs each raise and clear in words and counts them', () => {
    const source = new FakeAlarms();
    const lines: string[] = [];
    const log = new AlarmLog(source, (l) => lines.push(l));
    const a = source.raise({ id: 'v1', name: 'virtual-1' }, 1000, 91);
    source.clear(a, 8600);
    expect(lines).toEqual([
      'alarm raised: Too hot (critical) on virtual-1: junctionTemp 91 °C above 85',
      'alarm cleared: Too hot on virtual-1 after 7.6 s',
    ]);
    expect([log.raised, log.cleared]).toEqual([1, 1]);
    log.close();
    expect(source.listening).toBe(0);
  });

  it('turns a bad rules file into a usage error naming the file and the place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-rules-'));
    try {
      const f = join(dir, 'bad.alarms.json');
      writeFileSync(f, '{\n  "format": 1,,\n}');
      expect(() => rulesFromFile(f)).toThrow(UsageError);
      expect(() => rulesFromFile(f)).toThrow(
        `--rules ${f}: The rules file is not valid JSON at line 2, column 15: `,
      );
      const big = join(dir, 'big.json');
      writeFileSync(big, ' '.repeat(2_000_001));
      expect(() => rulesFromFile(big)).toThrow(
        `--rules ${big}: it is 2,000,001 bytes; a rules file is at most 2,000,000`,
      );
      expect(() => rulesFromFile(dir)).toThrow(`--rules ${dir}: it is not a file`);
      const bom = join(dir, 'bom.json');
      writeFileSync(bom, '\uFEFF{"format":"nucleo-mem-alarm-rules","version":1,"rules":[]}');
      expect(rulesFromFile(bom)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hands pool-status reports to the pool feed, parsed once, and forgets them when the link drops', () => {
    const { pools, hooks } = agentPools();
    const data =
      '{"type":"pool-status","data":{"packetPools":[{"name":"NetX Main Packet Pool","payload":1536,"total":60,' +
      '"free":3,"failures":2}],"bytePools":[]}}';
    const r = { t: 1000, dir: 'rx' as const, op: 1, data };
    hooks.onMessage!('b1', r);
    expect(pools.latest('b1')?.status.packetPools[0]).toMatchObject({
      name: 'NetX Main Packet Pool',
      free: 3,
    });
    // The session reads the same parse, not a second one.
    expect(hooks.parsed!(r)).toBe(hooks.parsed!(r));
    const telemetry = {
      t: 1001,
      dir: 'rx' as const,
      op: 1,
      data: '{"type":"telemetry","data":{"uptime":1}}',
    };
    hooks.onMessage!('b1', telemetry);
    expect(hooks.parsed!(telemetry)).toMatchObject({ kind: 'telemetry' });
    hooks.onLinkEvent!('b1', { kind: 'disconnect', t: 1002 });
    expect(pools.latest('b1')).toBeUndefined();
  });
});
