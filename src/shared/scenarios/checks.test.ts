import { describe, expect, it } from 'vitest';
import { checkTelemetry, checkText, matchMessage } from './checks';

const enc = (s: string) => new TextEncoder().encode(s);
const tele = (t: number, data: Record<string, unknown>) => ({ t, message: { type: 'telemetry', data } });
const sample = (t: number, junctionTemp: unknown = 42) =>
  tele(t, { junctionTemp, randomFloat: 1.5, randomInt: 7, uptime: t / 1000 });

describe('matchMessage', () => {
  const status = { type: 'led-status', data: { yellowLed: true, redLed: false } };
  it('matches type, fields (looked up in data too) and an expression', () => {
    expect(
      matchMessage(status, { type: 'led-status', fields: { yellowLed: true }, where: 'redLed == false' }).ok,
    ).toBe(true);
  });
  it('says which part missed, with the value seen', () => {
    expect(matchMessage(status, { type: 'telemetry' })).toEqual({ ok: false, why: 'type is "led-status"' });
    expect(matchMessage(status, { fields: { redLed: true } })).toEqual({ ok: false, why: 'redLed = false' });
    expect(matchMessage(status, { fields: { greenLed: true } })).toEqual({
      ok: false,
      why: 'greenLed = missing',
    });
    expect(matchMessage(status, { where: 'yellowLed == false' })).toEqual({
      ok: false,
      why: 'yellowLed == false is false (yellowLed = true)',
    });
    expect(matchMessage(undefined, { type: 'x' })).toEqual({ ok: false, why: 'not a JSON object' });
  });
});

describe('checkText', () => {
  it('passes equals, every contains, matches and the same bytes as a file', () => {
    const v = checkText(
      enc('<title>Dash</title>'),
      { contains: ['<title>', 'Dash'], matches: '^<title>', sameAs: 'a.html' },
      enc('<title>Dash</title>'),
    );
    expect(v).toEqual({
      ok: true,
      seen: '19 bytes, containing "<title>", "Dash", matching /^<title>/, the same as a.html',
    });
  });
  it('names the first thing that does not hold, with the text seen', () => {
    expect(checkText(enc('Wrong page'), { contains: 'Dashboard' })).toEqual({
      ok: false,
      why: 'expected it to contain "Dashboard"; got 10 bytes: "Wrong page"',
    });
    expect(checkText(enc('abc'), { equals: 'abd' })).toEqual({
      ok: false,
      why: 'expected exactly "abd"; got 3 bytes: "abc"',
    });
    expect(checkText(enc('abc'), { sameAs: 'f.bin' }, enc('abd'))).toEqual({
      ok: false,
      why: 'expected the 3 bytes of f.bin; got 3 bytes, different from byte 2',
    });
    const long = checkText(enc('x'.repeat(500)), { contains: 'y' });
    expect(!long.ok && long.why).toContain('… (500 characters)');
  });
});

describe('checkTelemetry', () => {
  const every = [0, 1000, 2010, 2990, 4000].map((t) => sample(t));
  it('passes a steady 1 s period with every field and the ranges, and says what it saw', () => {
    const v = checkTelemetry(
      every,
      {
        for: 5000,
        rate: { min: 0.5, max: 1.5 },
        period: { min: 800, max: 1200 },
        fields: ['junctionTemp', 'uptime'],
        ranges: { junctionTemp: [20, 85] },
      },
      5000,
    );
    expect(v).toEqual({
      ok: true,
      seen: '1.00/s (5 in 5 s), period 980 ms to 1.01 s, junctionTemp 42 to 42, every message with junctionTemp, uptime',
    });
  });
  it('fails on a long gap, naming the messages around it', () => {
    const gap = [sample(0), sample(1000), sample(3100)];
    expect(checkTelemetry(gap, { for: 4000, period: { max: 1200 } }, 4000)).toEqual({
      ok: false,
      why: 'expected at most 1.2 s between messages; saw 2.1 s between messages 2 and 3',
    });
  });
  it('fails on a value out of range, a missing field, an expression, a rate, and no telemetry at all', () => {
    expect(
      checkTelemetry([sample(0), sample(1000, 91)], { for: 2000, ranges: { junctionTemp: [20, 85] } }, 2000),
    ).toEqual({
      ok: false,
      why: 'expected junctionTemp from 20 to 85; message 2 has junctionTemp = 91',
    });
    const missing = checkTelemetry([tele(0, { uptime: 1 })], { for: 1000, fields: ['junctionTemp'] }, 1000);
    expect(!missing.ok && missing.why).toMatch(
      /^expected every message to have junctionTemp; message 1 has not: /,
    );
    expect(checkTelemetry([sample(0, 10)], { for: 1000, where: 'junctionTemp > 20' }, 1000)).toEqual({
      ok: false,
      why: 'expected junctionTemp > 20 in every message; message 1 has junctionTemp = 10',
    });
    expect(checkTelemetry(every, { for: 5000, rate: { min: 2 } }, 5000)).toEqual({
      ok: false,
      why: 'expected at least 2 messages a second; saw 1.00/s (5 in 5 s)',
    });
    expect(checkTelemetry([], { for: 3000 }, 3000)).toEqual({
      ok: false,
      why: 'expected telemetry during 3 s; none came',
    });
    expect(checkTelemetry([sample(0)], { for: 1000, period: { max: 1200 } }, 1000)).toEqual({
      ok: false,
      why: 'expected messages to measure the period between; saw only 1 in 1 s',
    });
  });
});
