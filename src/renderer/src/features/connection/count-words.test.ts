import { describe, expect, it } from 'vitest';
import type { WsFigures } from '../../../../shared/bridge/contracts/links';
import { rateWords, receivedWords, telemetryCountWords } from './count-words';

// A board sending telemetry once a second and one pool-status a second, as the issue saw it.
const figures: WsFigures = {
  received: 25,
  rate: 2,
  telemetry: 13,
  telemetryRate: 1,
  lastMessageAt: 1,
  invalid: 0,
  dropped: 0,
};

describe('count words', () => {
  it('say that the message count is of every type, and how many of them are telemetry', () => {
    expect(receivedWords(figures)).toBe('25 messages received: 13 telemetry, 12 of other types');
    expect(receivedWords({ ...figures, received: 1, telemetry: 1 })).toBe(
      '1 message received: 1 telemetry, 0 of other types',
    );
    expect(receivedWords({ ...figures, received: 0, telemetry: 0 })).toBe('0 messages received');
    expect(receivedWords({ ...figures, received: 12_345, telemetry: 12_000 })).toBe(
      '12,345 messages received: 12,000 telemetry, 345 of other types',
    );
  });

  it('name telemetry messages as such, not packets', () => {
    expect(telemetryCountWords(13)).toBe('13 telemetry messages');
    expect(telemetryCountWords(1)).toBe('1 telemetry message');
  });

  it('name the rate of every type and the telemetry rate apart', () => {
    expect(rateWords(figures)).toEqual({ all: '2.00 msg/s, all types', telemetry: '1.00 telemetry msg/s' });
  });
});
