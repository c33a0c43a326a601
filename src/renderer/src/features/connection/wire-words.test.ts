import { describe, expect, it } from 'vitest';
import { ageWords, formatUptime, wireWord } from './wire-words';

describe('wire words', () => {
  it('counts down a retry and names every state', () => {
    expect(wireWord({ kind: 'waiting', retryAt: 6000, reason: 'x', detail: '' }, 0)).toEqual({
      word: 'retrying in 6 s',
      tone: 'warn',
    });
    expect(wireWord({ kind: 'waiting', retryAt: 6000, reason: 'x', detail: '' }, 5100).word).toBe(
      'retrying in 1 s',
    );
    expect(wireWord({ kind: 'open', since: 0, detail: '' }, 0)).toEqual({ word: 'open', tone: 'ok' });
    expect(wireWord({ kind: 'stale', since: 0, lastMessageAt: 0, detail: '' }, 0).word).toBe('stale');
    expect(
      wireWord({ kind: 'failed', reason: 'Board refused the connection', brief: 'refused', detail: '' }, 0),
    ).toEqual({
      word: 'failed: refused',
      tone: 'error',
    });
    expect(wireWord(undefined, 0).word).toBe('off');
  });

  it('formats uptime as the firmware page does', () => {
    expect(formatUptime(5)).toBe('5s');
    expect(formatUptime(65)).toBe('1m 5s');
    expect(formatUptime(3 * 3600 + 12 * 60 + 5)).toBe('3h 12m 5s');
    expect(formatUptime(Number.NaN)).toBe('--');
  });

  it('says ages briefly', () => {
    expect(ageWords(0, 400)).toBe('0.4 s');
    expect(ageWords(0, 42_000)).toBe('42 s');
    expect(ageWords(0, 600_000)).toBe('10 min');
  });
});
