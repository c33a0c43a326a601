import { describe, expect, it } from 'vitest';
import { emptyForm, formOf, idFromName, ruleOf, type RuleForm } from './rule-form';
import { ruleSummary } from './rule-words';

const form = (over: Partial<RuleForm>): RuleForm => ({ ...emptyForm(over.kind), ...over });

describe('the rule form', () => {
  it('makes a threshold rule with the schema defaults, its id from the name', () => {
    const r = ruleOf(
      form({ name: 'Junction too hot', series: 'junctionTemp', above: '85', hysteresis: '2' }),
      [],
    );
    expect(r).toEqual({
      ok: true,
      rule: {
        id: 'junction-too-hot',
        name: 'Junction too hot',
        board: '*',
        enabled: true,
        severity: 'warning',
        forS: 0,
        kind: 'threshold',
        series: 'junctionTemp',
        above: 85,
        hysteresis: 2,
      },
    });
  });

  it("puts the schema's problems on their fields in words, and a band the wrong way round on the whole rule", () => {
    const r = ruleOf(
      form({ id: 'a b', name: ' ', series: 'junctionTemp', above: '10', below: '20', forS: '-1' }),
      [],
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      id: 'A rule id is letters, digits, - and _ only.',
      name: 'Give the rule a name.',
      forS: 'At least 0.',
      general: 'For a band, "below" must be less than "above" (the alarm is raised outside the band).',
    });
  });

  it('says which fields are not numbers, and that a threshold needs a limit', () => {
    const r = ruleOf(form({ name: 'x', series: 'junctionTemp', above: '8O' }), []);
    expect(r.ok || r.errors).toEqual({ above: 'Enter a number, such as 85 or 0.5.' });
    const none = ruleOf(form({ name: 'x', series: 'junctionTemp' }), []);
    expect(none.ok || none.errors).toEqual({ general: 'A threshold rule needs "above", "below" or both.' });
    const noSeries = ruleOf(form({ name: 'x', above: '1' }), []);
    expect(noSeries.ok || noSeries.errors).toEqual({ series: 'Name the telemetry field to watch.' });
  });

  it('refuses an id another rule has, and makes a free one from a name already taken', () => {
    const r = ruleOf(form({ id: 'hot', name: 'x', series: 's', above: '1' }), ['hot']);
    expect(r.ok || r.errors).toEqual({ id: 'Another rule has the id "hot".' });
    expect(idFromName('Hot!', ['hot', 'hot-2'])).toBe('hot-3');
    expect(idFromName('***', [])).toBe('rule');
  });

  it('round-trips every kind through the form, the capture window included', () => {
    const rules = [
      { kind: 'rate', series: 'randomFloat', perS: 3, windowS: 2 },
      { kind: 'stale', afterS: 7 },
      { kind: 'link', afterS: 12 },
      { kind: 'reboot', holdS: 30 },
      { kind: 'pool', pool: 'ftp_pkt', abovePct: 90, failures: true, hysteresisPct: 5, holdS: 60 },
    ] as const;
    for (const k of rules) {
      const made = ruleOf(
        form({
          ...formOf({
            id: 'r',
            name: 'R',
            board: 'virtual',
            enabled: false,
            severity: 'info',
            forS: 1,
            ...k,
          }),
        }),
        [],
      );
      expect(made.ok).toBe(true);
      if (!made.ok) continue;
      expect(made.rule).toMatchObject({
        id: 'r',
        board: 'virtual',
        enabled: false,
        severity: 'info',
        forS: 1,
        ...k,
      });
      expect(ruleOf(formOf(made.rule), []).ok).toBe(true);
    }
    const captured = ruleOf(
      form({ kind: 'reboot', name: 'Boot', capture: true, preS: '10', postS: '5' }),
      [],
    );
    expect(captured.ok && captured.rule.capture).toEqual({ preS: 10, postS: 5 });
  });

  it('asks a rate rule for its rate, and a pool rule for a limit or failures', () => {
    const rate = ruleOf(form({ kind: 'rate', name: 'Fast', series: 'x' }), []);
    expect(rate.ok || rate.errors).toEqual({ perS: 'Give the rate that raises the alarm.' });
    const pool = ruleOf(form({ kind: 'pool', name: 'Pool' }), []);
    expect(pool.ok || pool.errors).toEqual({
      general: 'A pool rule needs "abovePct", "failures": true, or both.',
    });
  });

  it('says in one line what a rule watches', () => {
    const r = ruleOf(form({ name: 'Band', series: 'junctionTemp', above: '85', below: '10', forS: '3' }), []);
    expect(r.ok && ruleSummary(r.rule)).toBe('junctionTemp above 85 or below 10, held 3 s');
  });
});
