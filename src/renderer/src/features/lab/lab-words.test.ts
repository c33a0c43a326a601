import { describe, expect, it } from 'vitest';
import { historyText, topicPrefixText, valueText } from './lab-words';

describe('the Lab page in words', () => {
  it('gives every value its unit: an uptime in minutes and seconds, a temperature in °C', () => {
    expect(valueText('uptime', 63)).toBe('1m 3s');
    expect(valueText('uptime', 3725)).toBe('1h 2m 5s');
    expect(valueText('junctionTemp', 44.25)).toBe('44.25 °C');
    expect(valueText('randomInt', 7)).toBe('7');
    expect(valueText('pressure', 1013, { pressure: 'hPa' })).toBe('1013 hPa');
  });

  it('says what a history holds apart from the memory set aside for it', () => {
    // One minute at 1 Hz of four fields, in the shown board's ring (allocated ahead to its cap).
    const h = { samples: 60, sampleBytes: 2400, reservedBytes: 30_000_000, capBytes: 67_108_864 };
    expect(historyText(h)).toBe('history: 60 samples (2.4 KB) in 30 MB set aside, at most 67.1 MB');
    expect(historyText({ samples: 0, sampleBytes: 0, reservedBytes: 0, capBytes: 0 })).toBe(
      'history: no samples yet',
    );
    expect(historyText({ samples: 1, sampleBytes: 40, reservedBytes: 640, capBytes: 640 })).toBe(
      'history: 1 sample (40 B) in 640 B set aside',
    );
  });

  it('shows the topic prefix as published: the host name when no bench name is set', () => {
    expect(topicPrefixText('nucleo-mem', '', '', 'lab-pc-3')).toBe('nucleo-mem/lab-pc-3/');
    expect(topicPrefixText('lab', 'bench-7', '', 'lab-pc-3')).toBe('lab/bench-7/');
    expect(topicPrefixText('', '', 'bench-7', 'bench-7')).toBe("nucleo-mem/this computer's host name/");
  });
});
