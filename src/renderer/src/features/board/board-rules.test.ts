import { describe, expect, it } from 'vitest';
import { checkWsPort, formatUptime, KEEP_LINES, mergeUart, parsePeriod } from './board-rules';
import { oledLines } from './oled-draw';

const line = (seq: number) => ({ seq, time: 1000 + seq, text: `line ${seq}` });

describe('mergeUart', () => {
  it('appends a following batch and keeps the newest lines only', () => {
    const kept = Array.from({ length: KEEP_LINES }, (_, i) => line(i + 1));
    const out = mergeUart(kept, [line(KEEP_LINES + 1), line(KEEP_LINES + 2)]);
    expect(out).toHaveLength(KEEP_LINES);
    expect(out[0]!.seq).toBe(3);
    expect(out.at(-1)!.seq).toBe(KEEP_LINES + 2);
  });
  it('merges a tail that overlaps lines already received, without duplicates and in order', () => {
    const out = mergeUart([line(4), line(5)], [line(1), line(2), line(3), line(4)]);
    expect(out.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('typed settings', () => {
  it('accepts periods of 1 to 60000 ms and says why others are refused', () => {
    expect(parsePeriod(' 250 ')).toEqual({ ok: true, ms: 250 });
    expect(parsePeriod('1')).toEqual({ ok: true, ms: 1 });
    expect(parsePeriod('60000')).toEqual({ ok: true, ms: 60000 });
    expect(parsePeriod('0')).toEqual({ ok: false, why: 'Between 1 and 60000 ms.' });
    expect(parsePeriod('70000')).toEqual({ ok: false, why: 'Between 1 and 60000 ms.' });
    expect(parsePeriod('fast')).toEqual({ ok: false, why: 'A number of ms, 1 to 60000.' });
  });
  it('takes an empty WS port as automatic and refuses what is not a port', () => {
    expect(checkWsPort('')).toBeUndefined();
    expect(checkWsPort('0')).toBeUndefined();
    expect(checkWsPort('8080')).toBeUndefined();
    expect(checkWsPort('65536')).toMatch(/0 to 65535/);
    expect(checkWsPort('80a')).toMatch(/0 to 65535/);
  });
  it('formats uptime as the dashboard does', () => {
    expect(formatUptime(5.9)).toBe('5s');
    expect(formatUptime(125)).toBe('2m 5s');
    expect(formatUptime(3 * 3600 + 12 * 60 + 5)).toBe('3h 12m 5s');
  });
});

describe('oledLines', () => {
  it('reads the status screen region by region (LT, LM, RT, RM, BL)', () => {
    const lines = oledLines({
      kind: 'status',
      regions: {
        lt: 'WPT-State',
        lm: 'disabled',
        rt: 'ETHERNET',
        rm: 'disconnected',
        bl: 'IP: 192.168.0.50 / 255.255.255.0',
      },
    });
    expect(lines).toEqual([
      'WPT-State',
      'disabled',
      'ETHERNET',
      'disconnected',
      'IP: 192.168.0.50 / 255.255.255.0',
    ]);
  });
  it('has nothing to read when the display is off', () => {
    expect(oledLines({ kind: 'off' })).toEqual([]);
  });
});
