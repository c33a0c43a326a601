import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/result';
import { fakeBridge } from '../../../../../test/support/fake-bridge';
import { ProfilesStore } from './profiles-store';

describe('ProfilesStore', () => {
  it('sends the selector’s requests and answers the saved profile', async () => {
    const profile = { id: 'p1', kind: 'real', name: 'Bench B' };
    const { bridge, asked } = fakeBridge((name) =>
      name === 'links:save-profile' ? ok({ profile, view: {} }) : ok({}),
    );
    const store = new ProfilesStore(bridge);
    expect(await store.focus('b')).toBeUndefined();
    expect(await store.remove('c')).toBeUndefined();
    expect(await store.addVirtual()).toBeUndefined();
    const saved = await store.save({ name: 'Bench B', host: '10.0.0.2' });
    expect(saved).toEqual({ ok: true, value: profile });
    expect(asked.map((a) => [a.name, a.request])).toEqual([
      ['sessions:focus', { id: 'b' }],
      ['links:remove-profile', { id: 'c' }],
      ['links:add-virtual', {}],
      ['links:save-profile', { name: 'Bench B', host: '10.0.0.2' }],
    ]);
  });

  it("says in the core's words why a request failed", async () => {
    const { bridge } = fakeBridge(() => fail('NOT_FOUND', 'That board profile does not exist.'));
    const store = new ProfilesStore(bridge);
    expect(await store.focus('gone')).toBe('That board profile does not exist.');
    expect(await store.remove('gone')).toBe('That board profile does not exist.');
    expect(await store.addVirtual()).toBe('That board profile does not exist.');
    const saved = await store.save({ name: 'x', host: 'y' });
    expect(saved.ok ? undefined : saved.error.message).toBe('That board profile does not exist.');
  });
});
