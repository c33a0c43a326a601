import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';

describe('durations', () => {
  it('reads numbers as ms and text with units', () => {
    expect(parseDuration(250)).toEqual({ ok: true, ms: 250 });
    expect(parseDuration('500ms')).toEqual({ ok: true, ms: 500 });
    expect(parseDuration('1.5 s')).toEqual({ ok: true, ms: 1500 });
    expect(parseDuration('2min')).toEqual({ ok: true, ms: 120_000 });
    expect(parseDuration('1h')).toEqual({ ok: true, ms: 3_600_000 });
    expect(parseDuration('40')).toEqual({ ok: true, ms: 40 });
  });
  it('refuses what is not a duration, with words', () => {
    expect(parseDuration('soon')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/"soon" is not a duration/),
    });
    expect(parseDuration(-1)).toMatchObject({ ok: false, reason: 'A duration cannot be negative.' });
    expect(parseDuration('2d')).toMatchObject({ ok: false });
    expect(parseDuration('25h')).toMatchObject({ ok: false, reason: 'A duration is at most a day (24h).' });
    expect(parseDuration(true)).toMatchObject({ ok: false });
  });
  it('formats for reports', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(90_000)).toBe('1.5 min');
  });
});
