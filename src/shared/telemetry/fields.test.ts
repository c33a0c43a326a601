import { describe, expect, it } from 'vitest';
import { fieldUnit, firmwareField, nameWithUnit, sampleText, unitProblem } from './fields';

describe('telemetry fields', () => {
  it('gives the firmware fields their units and the user units to the others', () => {
    expect(fieldUnit('junctionTemp', {})).toBe('°C');
    expect(fieldUnit('uptime', undefined)).toBe('s');
    expect(fieldUnit('randomFloat', {})).toBe('');
    expect(fieldUnit('randomInt', {})).toBe('');
    // A known field's unit is the firmware's, whatever the settings say.
    expect(fieldUnit('junctionTemp', { junctionTemp: 'K' })).toBe('°C');
    expect(fieldUnit('vbat', { vbat: 'V' })).toBe('V');
    expect(fieldUnit('vbat', {})).toBe('');
    // Names that are properties of every object are just unknown fields.
    expect(fieldUnit('constructor', {})).toBe('');
    expect(fieldUnit('__proto__', {})).toBe('');
    expect(firmwareField('toString')).toBeUndefined();
    expect(nameWithUnit('junctionTemp', '°C')).toBe('junctionTemp (°C)');
    expect(nameWithUnit('randomInt', '')).toBe('randomInt');
  });

  it('writes float32 fields by their shortest float32 text and other numbers exactly', () => {
    expect(sampleText('randomFloat', 55.310001373291016)).toBe('55.31');
    expect(sampleText('junctionTemp', 45)).toBe('45');
    expect(sampleText('randomInt', 131)).toBe('131');
    // An unknown field is not assumed to be float32: it keeps every digit it came with.
    expect(sampleText('other', 55.310001373291016)).toBe('55.310001373291016');
    expect(sampleText('randomFloat', NaN)).toBeUndefined();
  });

  it('refuses units that would break a header or a label', () => {
    expect(unitProblem('mV')).toBeUndefined();
    expect(unitProblem('')).toBeUndefined();
    expect(unitProblem('a\nb')).toMatch(/control/);
    expect(unitProblem('x'.repeat(17))).toMatch(/16/);
  });
});
