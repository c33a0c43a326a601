import { describe, expect, it } from 'vitest';
import { compileExpression, fieldValues } from './expr';

const ev = (src: string, msg: unknown) => {
  const c = compileExpression(src);
  if (!c.ok) throw new Error(c.reason);
  return c.expr.evaluate(msg);
};

describe('scenario expressions', () => {
  const status = { type: 'led-status', data: { yellowLed: true, redLed: false } };
  const tele = { type: 'telemetry', data: { temperature: 41, cpuLoad: 12.5, name: 'lab' } };

  it('reads fields of the message and of its data', () => {
    expect(ev('yellowLed == true && !redLed', status)).toEqual({ ok: true, value: true });
    expect(ev('data.redLed', status)).toEqual({ ok: true, value: false });
    expect(ev('type == "led-status"', status)).toEqual({ ok: true, value: true });
  });

  it('computes with precedence, functions and strings', () => {
    expect(ev('temperature - 1 * 2 >= 39', tele)).toEqual({ ok: true, value: true });
    expect(ev('abs(20 - temperature) < 22 || false', tele)).toEqual({ ok: true, value: true });
    expect(ev("len(name) == 3 && name + '!' == 'lab!'", tele)).toEqual({ ok: true, value: true });
    expect(ev('exists(uptime)', tele)).toEqual({ ok: true, value: false });
    expect(ev('-(temperature % 10)', tele)).toEqual({ ok: true, value: -1 });
  });

  it('treats a missing field as false in comparisons, and says when a value is not a number', () => {
    expect(ev('uptime > 3', tele)).toEqual({ ok: true, value: false });
    expect(ev('name * 2', tele)).toEqual({ ok: false, reason: 'name is not a number (it is "lab")' });
    expect(ev('uptime + 1', tele)).toEqual({ ok: false, reason: 'uptime is not in the message' });
  });

  it('never reaches past the message', () => {
    expect(ev('constructor', tele)).toEqual({ ok: true, value: undefined });
    expect(ev('data.__proto__', tele)).toEqual({ ok: true, value: undefined });
  });

  it('says where an expression cannot be read', () => {
    expect(compileExpression('a ==')).toEqual({
      ok: false,
      reason: 'The expression "a ==" cannot be read: the expression ends too early.',
    });
    expect(compileExpression('a # b')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/unexpected "# b" at character 3/),
    });
    expect(compileExpression('(a')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/expected "\)"/),
    });
  });

  it('lists the values of its fields for a report', () => {
    const c = compileExpression('temperature < 30 && cpuLoad < 50 && fan');
    if (!c.ok) throw new Error(c.reason);
    expect(fieldValues(c.expr, tele)).toBe('temperature = 41, cpuLoad = 12.5, fan = missing');
  });
});
