import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lineColumn, parseRulesText, readRulesFile, RulesFileError } from './rules-file';

const file = (rules: unknown[]) => JSON.stringify({ format: 'nucleo-mem-alarm-rules', version: 1, rules });
const dir = mkdtempSync(join(tmpdir(), 'rules-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function error(text: string): string {
  try {
    parseRulesText(text);
  } catch (err) {
    expect(err).toBeInstanceOf(RulesFileError);
    return (err as Error).message;
  }
  throw new Error('no error');
}

describe('rules file', () => {
  it('reads the rules with their defaults', () => {
    const rules = parseRulesText(
      file([{ id: 'hot', name: 'Too hot', kind: 'threshold', series: 't', above: 85 }]),
    );
    expect(rules).toEqual([expect.objectContaining({ id: 'hot', board: '*', severity: 'warning', forS: 0 })]);
  });

  it('says where JSON is broken as line:column', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    const m = error('{\n  "format": "nucleo-mem-alarm-rules",\n  x\n}');
    expect(m).toMatch(/^3:3: not valid JSON: /);
    expect(m).not.toMatch(/position/);
    expect(error('{"format":')).toMatch(/^1:11: not valid JSON: /);
  });

  it('names the rule, the field and the problem, in one line', () => {
    expect(error(file([{ id: 'q', name: 'Quiet', kind: 'stale', afterS: 'x' }]))).toBe(
      'rules[0].afterS (rule "q"): Invalid input: expected number, received string',
    );
    expect(error(file([{ id: 'a', name: 'A', kind: 'threshold', series: 't' }]))).toBe(
      'rules[0] (rule "a"): A threshold rule needs "above", "below" or both.',
    );
    expect(error(file([{ id: 'a', name: 'A', kind: 'hot' }]))).toBe(
      'rules[0].kind: "kind" must be one of threshold, rate, stale, link, reboot, pool',
    );
    expect(error(JSON.stringify({ format: 'other', version: 1, rules: [] }))).toMatch(/^format: /);
    const twice = error(
      file([
        { id: 'a', name: 'A', kind: 'reboot' },
        { id: 'a', name: 'B', kind: 'reboot' },
      ]),
    );
    expect(twice).toBe('rules[1].id (rule "a"): Rule id "a" is used twice.');
    const many = error(
      file([
        { id: 'a', name: '', kind: 'reboot' },
        { id: 'b!', name: 'B', kind: 'reboot' },
      ]),
    );
    expect(many).toMatch(/^rules\[0\]\.name \(rule "a"\): Give the rule a name\. \(and 1 more problem\)$/);
    for (const m of [twice, many]) expect(m).not.toContain('\n');
  });

  it('tells a missing file and a file that is too big in words', () => {
    expect(() => readRulesFile(join(dir, 'none.json'))).toThrow('no such file');
    const big = join(dir, 'big.json');
    writeFileSync(big, ' '.repeat(2_000_001));
    expect(() => readRulesFile(big)).toThrow(/2,000,001 bytes; a rules file is at most 2,000,000/);
    const bom = join(dir, 'bom.json');
    writeFileSync(bom, `\uFEFF${file([])}`);
    expect(readRulesFile(bom)).toEqual([]);
  });
});
