import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/result';
import { fakeBridge, settle } from '../../../../../test/support/fake-bridge';
import { SettingsStore } from './settings-store';

const settings = (unit: string) => ({ page: 'telemetry', telemetryUnits: { vbat: unit } });

describe('SettingsStore', () => {
  it('reads the settings, follows settings:changed, and takes the units the core kept', async () => {
    const { bridge, emit, asked } = fakeBridge((name, request) => {
      if (name === 'settings:get') return ok(settings('V'));
      if (name === 'telemetry:set-unit') return ok({ vbat: 'mV' });
      return ok({ ...settings('V'), ...(request as object) });
    });
    const store = new SettingsStore(bridge);
    store.subscribe(() => {});
    await settle();
    expect(store.units()).toEqual({ vbat: 'V' });
    emit('settings:changed', settings('A'));
    expect(store.units()).toEqual({ vbat: 'A' });
    expect(await store.setUnit('vbat', 'mV')).toBeUndefined();
    expect(store.units()).toEqual({ vbat: 'mV' });
    await store.setPage('lab');
    expect(store.snapshot()?.page).toBe('lab');
    expect(asked.at(-1)).toEqual({ name: 'settings:set', request: { page: 'lab' } });
  });

  it("answers the core's refusal of a unit in its words", async () => {
    const { bridge } = fakeBridge(() => fail('BAD_REQUEST', 'A unit is at most 12 characters.'));
    expect(await new SettingsStore(bridge).setUnit('vbat', 'x'.repeat(20))).toBe(
      'A unit is at most 12 characters.',
    );
  });
});
