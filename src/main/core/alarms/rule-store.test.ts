import { describe, expect, it } from 'vitest';
import { alarmRuleSchema, MAX_RULES, type AlarmRule } from '../../../shared/alarms/rules';
import { BenchError } from '../../../shared/result';
import { AlarmRuleStore } from './rule-store';
import { lineColumn, parseRulesFile, rulesFileName, rulesFileText } from './rules-file';

const rule = (id: string, more: object = {}): AlarmRule =>
  alarmRuleSchema.parse({
    id,
    name: `Rule ${id}`,
    kind: 'threshold',
    series: 'junctionTemp',
    above: 40,
    ...more,
  });

function memorySettings(alarmRules: unknown[] = []) {
  const s = { alarmRules };
  return {
    get: () => s,
    set: (p: { alarmRules: unknown[] }) => {
      s.alarmRules = p.alarmRules;
    },
    saved: () => s.alarmRules,
  };
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BenchError);
    return (e as Error).message;
  }
  throw new Error('it did not throw');
}

const file = (rules: unknown[]) => JSON.stringify({ format: 'nucleo-mem-alarm-rules', version: 1, rules });

describe('AlarmRuleStore', () => {
  it('uses the good saved rules and reports each bad one by place and id, keeping it in the file', () => {
    const saved = [
      rule('hot'),
      { id: 'typo', name: 'Typo', kind: 'threshold', series: 'junctionTemp', above: 'ninety' },
      { id: 'future', name: 'Future', kind: 'humidity' },
      rule('cold', { above: undefined, below: 5 }),
      rule('hot', { above: 99 }),
      'not a rule',
    ];
    const settings = memorySettings(saved);
    const store = new AlarmRuleStore(settings);
    const view = store.view();
    expect(view.rules.map((r) => r.id)).toEqual(['hot', 'cold']);
    expect(view.rules[0]).toMatchObject({ above: 40 });
    expect(view.problems).toEqual([
      'Saved alarm rule 2 (id "typo"): "above" must be a number; it is kept in settings.json but not used.',
      'Saved alarm rule 3 (id "future"): "kind" must be one of threshold, rate, stale, link, reboot, pool; it is kept in settings.json but not used.',
      'Saved alarm rule 5 (id "hot"): an earlier rule has the same id, so this one is not used; it is kept in settings.json but not used.',
      'Saved alarm rule 6 is not an object ({ … }); it is kept in settings.json but not used.',
    ]);
    // Saving new rules keeps the entries that could not be used, unless a new rule takes the id.
    store.set([rule('hot', { above: 50 }), rule('future', { above: 70 })]);
    expect(settings.saved()).toEqual([
      expect.objectContaining({ id: 'hot', above: 50 }),
      expect.objectContaining({ id: 'future', above: 70 }),
      saved[1],
      saved[5],
    ]);
    expect(store.view().problems).toHaveLength(2);
  });

  it('tells listeners each change', () => {
    const store = new AlarmRuleStore(memorySettings());
    const heard: string[][] = [];
    store.onChange((v) => heard.push(v.rules.map((r) => r.id)));
    store.set([rule('a')]);
    store.importText(file([rule('b')]), false);
    expect(heard).toEqual([['a'], ['a', 'b']]);
  });

  it('imports: added (a kept id replaced in its place) or replacing', () => {
    const store = new AlarmRuleStore(memorySettings());
    store.set([rule('a'), rule('b')]);
    const added = store.importText(file([rule('c'), rule('a', { above: 77 })]), false);
    expect(added.rules.map((r) => [r.id, r.kind === 'threshold' ? r.above : 0])).toEqual([
      ['a', 77],
      ['b', 40],
      ['c', 40],
    ]);
    expect(store.importText(file([rule('z')]), true).rules.map((r) => r.id)).toEqual(['z']);
    const many = Array.from({ length: MAX_RULES }, (_, i) => rule(`r${i}`));
    expect(errorOf(() => store.importText(file(many), false))).toMatch(
      /would keep 501 rules; it keeps at most 500/,
    );
  });

  it('exports the usable rules as a file that imports back the same', () => {
    const store = new AlarmRuleStore(memorySettings([rule('a'), { id: 'bad' }]), {
      bench: () => 'Lab bench 3',
      now: () => Date.UTC(2026, 11, 7, 22),
    });
    const out = store.exportFile();
    expect(out.fileName).toBe('alarm-rules-Lab-bench-3-2026-12-07.alarms.json');
    expect(parseRulesFile(out.text)).toEqual([rule('a')]);
    expect(JSON.parse(out.text)).toMatchObject({ format: 'nucleo-mem-alarm-rules', version: 1 });
  });
});

describe('rules file errors say what and where', () => {
  it('a JSON mistake by line and column', () => {
    const text = '{\n  "format": "nucleo-mem-alarm-rules",\n  "version": 1\n  "rules": []\n}';
    expect(errorOf(() => parseRulesFile(text))).toBe(
      "The rules file is not valid JSON at line 4, column 3: Expected ',' or '}' after property value.",
    );
    expect(errorOf(() => parseRulesFile('{"rules": ['))).toMatch(
      /^The rules file is not valid JSON at line 1, column 12: /,
    );
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('the header, and each bad rule by place, id and field', () => {
    expect(errorOf(() => parseRulesFile('[]'))).toMatch(/not an alarm rules file of this version/);
    expect(errorOf(() => parseRulesFile(file([]).replace('}', ',"extra":1}')))).toMatch(
      /a field this version does not know: "extra"/,
    );
    const bad = [
      rule('ok'),
      { id: 'band', name: 'Band', kind: 'threshold', series: 'junctionTemp', above: 10, below: 20 },
      { id: 'pre', name: 'Pre', kind: 'stale', capture: { preS: 99999 } },
      { id: 'x', name: 'X', kind: 'reboot', holdS: 'long', colour: 'red' },
      rule('ok'),
    ];
    const msg = errorOf(() => parseRulesFile(file(bad)));
    expect(msg).toBe(
      'The rules file was not imported: ' +
        'rule 2 (id "band"): For a band, "below" must be less than "above" (the alarm is raised outside the band). ' +
        'rule 3 (id "pre"): "capture.preS" must be at most 3600. ' +
        'rule 4 (id "x"): "holdS" must be a number; it has a field this version does not know: "colour". ' +
        'rule 5 (id "ok"): rule 1 has the same id; each rule needs its own.',
    );
    expect(msg).not.toMatch(/invalid_|"code"|\[\{/);
  });

  it('writes the same format it reads', () => {
    expect(parseRulesFile(rulesFileText([rule('a')]))).toEqual([rule('a')]);
    expect(rulesFileName(undefined, 0)).toBe('alarm-rules-1970-01-01.alarms.json');
  });
});
